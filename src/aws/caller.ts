// Who is calling: sts:GetCallerIdentity, mapped to the principal a key policy names.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { STSClient } from '@aws-sdk/client-sts'
import { GetRoleCommand } from '@aws-sdk/client-iam'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { Caller } from '../kms/types.js'
import { awsCall } from './errors.js'
import { arnParts } from './keys.js'

const ASSUMED_ROLE = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/

export async function getCaller(sts: STSClient): Promise<Caller> {
  const out = await awsCall('GetCallerIdentity', 'the caller', 'sts:GetCallerIdentity', () =>
    sts.send(new GetCallerIdentityCommand({}))
  )
  return callerFromArn(out.Arn ?? '', out.Account)
}

/**
 * An assumed-role session ARN names the role but not its path (domain.md 6). Role names are unique in an
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

/** The role's real ARN, path included; on AccessDenied the path-less ARN stays, with a note why. */
export async function resolveRolePath(
  iam: IAMClient,
  caller: Caller
): Promise<{ caller: Caller; note?: string }> {
  if (!caller.pathUnknown) return { caller }
  const roleName = caller.principalArn.split('/').pop() as string
  try {
    const out = await awsCall('GetRole', roleName, 'iam:GetRole', () =>
      iam.send(new GetRoleCommand({ RoleName: roleName }))
    )
    const arn = out.Role?.Arn
    return arn ? { caller: { ...caller, principalArn: arn, pathUnknown: false } } : { caller }
  } catch (err) {
    return {
      caller,
      note: `${(err as Error).message}. The fix names ${caller.principalArn}; if the role has a path, set principal-arn to its full ARN.`
    }
  }
}
