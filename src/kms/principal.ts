// ARNs and callers as the analyzer sees them. Pure: shared by the live path and the offline gate.
import type { Caller } from './types.js'

export function arnParts(arn: string): {
  partition: string
  region: string
  accountId: string
  resource: string
} {
  const [, partition = 'aws', , region = '', accountId = '', ...rest] = arn.split(':')
  return { partition, region, accountId, resource: rest.join(':') }
}

const ASSUMED_ROLE = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/

/**
 * An assumed-role session ARN names the role but not its path (how-ec2-uses-kms.md 6). Role names are unique in an
 * account whatever their path, so the analyzer can match on account and name; the exact ARN (for a fix
 * statement or a simulation) comes from iam:GetRole when it is needed.
 */
export function callerFromArn(arn: string, account?: string): Caller {
  const session = ASSUMED_ROLE.exec(arn)
  if (session) {
    const [, partition, accountId, roleName] = session
    return {
      principalArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
      accountId,
      sessionArn: arn,
      partition,
      pathUnknown: true
    }
  }
  const parts = arnParts(arn)
  return { principalArn: arn, accountId: account ?? parts.accountId, partition: parts.partition }
}

/**
 * The caller with its role's path taken from a full role ARN given as an input (role-to-assume, principal-arn),
 * when that ARN is the caller's role: same partition, account and name. Otherwise the caller is unchanged.
 */
export function withRolePathFrom(caller: Caller, roleArn: string | undefined): Caller {
  if (caller.pathUnknown !== true || roleArn === undefined) return caller
  const given = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)
  const known = /^arn:([^:]+):iam::(\d{12}):role\/([^/]+)$/.exec(caller.principalArn)
  if (given === null || known === null) return caller
  if (given[1] !== known[1] || given[2] !== known[2] || given[3] !== known[3]) return caller
  return { ...caller, principalArn: roleArn, pathUnknown: false }
}
