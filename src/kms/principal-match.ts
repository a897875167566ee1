// Principal and NotPrincipal of a key policy statement against the caller (key policy semantics, how-ec2-uses-kms.md 4.1).
// A match through an account principal is kept apart: in a key policy it delegates to IAM rather than allows.
import { isUnresolved, type ParsedPrincipal } from './policy.js'
import { ROLE_ARN, type RequestCaller } from './environment.js'
import { and3, not3, or3 } from './tristate.js'
import type { Tristate } from './types.js'
import { unresolvedCause, type UnknownCause } from './unknown-cause.js'

export interface PrincipalMatch {
  direct: Tristate
  account: Tristate
}

const ACCOUNT_ID = /^\d{12}$/
const ACCOUNT_ROOT = /^arn:([^:]+):iam::(\d{12}):root$/
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/

/** 'true' when the name is the caller's account principal; false when it is another account or not an account. */
function namesAccount(name: string, caller: RequestCaller): boolean {
  if (ACCOUNT_ID.test(name)) return name === caller.accountId
  const root = ACCOUNT_ROOT.exec(name)
  return root !== null && root[1] === caller.partition && root[2] === caller.accountId
}

/** The caller's own ARN; when its path is not known, the same role name on any path in the same account. */
function namesCallerPrincipal(name: string, caller: RequestCaller): boolean {
  if (name === caller.principalArn) return true
  if (!caller.pathUnknown || caller.roleName === undefined) return false
  const role = ROLE_ARN.exec(name)
  return (
    role !== null &&
    role[1] === caller.partition &&
    role[2] === caller.accountId &&
    role[3] === caller.roleName
  )
}

/** A session ARN of the caller's role, while the caller's own session is not known (offline): it may be this one. */
function namesUnknownSessionOfCaller(name: string, caller: RequestCaller): boolean {
  if (caller.sessionArn !== undefined || caller.roleName === undefined) return false
  const session = SESSION_ARN.exec(name)
  return session !== null && session[2] === caller.accountId && session[3] === caller.roleName
}

export function matchPrincipal(
  principal: ParsedPrincipal,
  caller: RequestCaller,
  causes: UnknownCause[]
): PrincipalMatch {
  if (principal.kind === 'any') return { direct: true, account: false }
  const direct: Tristate[] = []
  const account: Tristate[] = []
  // Service, Federated and CanonicalUser principals never match an IAM role or user making the call.
  for (const name of principal.names.AWS ?? []) {
    if (isUnresolved(name)) {
      causes.push(unresolvedCause(name))
      direct.push('unknown')
      account.push('unknown')
    } else if (name === '*' || name === caller.sessionArn || namesCallerPrincipal(name, caller)) {
      direct.push(true)
    } else if (namesAccount(name, caller)) {
      account.push(true)
    } else if (namesUnknownSessionOfCaller(name, caller)) {
      causes.push({
        kind: 'context',
        message: `it names the session ${name} and the caller's session is not known`
      })
      direct.push('unknown')
    }
  }
  return { direct: or3(...direct), account: or3(...account) }
}

/**
 * NotPrincipal. Our reading of how-ec2-uses-kms.md 4.1 and the IAM NotPrincipal page: AWS may evaluate the account, then the
 * role, then the session, and the Deny applies if any of them is not listed. So a role session is excepted from a
 * Deny only when the account, the role ARN AND the exact session ARN are all listed; an IAM user only when the
 * account and the user ARN are. With Allow the statement matches everyone not listed; listing any one of the
 * caller's identities (account, role, session, user) takes the caller out.
 */
export function matchNotPrincipal(
  principal: ParsedPrincipal,
  effect: 'Allow' | 'Deny',
  caller: RequestCaller,
  causes: UnknownCause[]
): PrincipalMatch {
  const names = principal.kind === 'any' ? ['*'] : (principal.names.AWS ?? [])
  if (names.includes('*')) return { direct: false, account: false }
  const listed = (test: (name: string) => boolean): Tristate =>
    or3(
      ...names.map((name): Tristate => {
        if (!isUnresolved(name)) return test(name)
        causes.push(unresolvedCause(name))
        return 'unknown'
      })
    )
  const identities: Tristate[] = [
    listed(name => namesAccount(name, caller)),
    listed(name => name === caller.principalArn)
  ]
  if (caller.sessionArn !== undefined) {
    identities.push(listed(name => name === caller.sessionArn))
  } else if (caller.roleName !== undefined) {
    const someSession = listed(name => namesUnknownSessionOfCaller(name, caller))
    if (someSession === true) {
      causes.push({
        kind: 'context',
        message: "NotPrincipal names a session of the caller's role; the session is not known"
      })
    }
    identities.push(someSession === false ? false : 'unknown')
  }
  const applies = effect === 'Deny' ? not3(and3(...identities)) : not3(or3(...identities))
  return { direct: applies, account: false }
}
