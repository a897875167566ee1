// One statement against the request: Principal/NotPrincipal, Action/NotAction, Resource/NotResource, Condition.
// Each element is three-valued, and the causes of an 'unknown' are kept only when they change the statement's match.
import { evaluateCondition } from './conditions.js'
import type { Environment } from './environment.js'
import type { ParsedStatement } from './policy.js'
import { arnResourceOffset, resolveValue, tokensToMatcher } from './policy-values.js'
import { matchNotPrincipal, matchPrincipal } from './principal-match.js'
import { and3, not3, or3 } from './tristate.js'
import type { StatementRef, Tristate } from './types.js'
import type { UnknownCause } from './unknown-cause.js'

export interface StatementMatch {
  ref: StatementRef
  /** Matches through a principal naming the caller (role, session, user) or everyone. */
  direct: Tristate
  /** Matches through an account principal (delegation). Always false for a Deny. */
  viaAccount: Tristate
  match: Tristate
  /** Why direct, viaAccount or match is 'unknown'; empty when all three are known. */
  unknownBecause: UnknownCause[]
  /** Set when the statement can never apply (no Action/NotAction or no Resource/NotResource). */
  noEffect?: string
}

export function evaluateStatement(statement: ParsedStatement, env: Environment): StatementMatch {
  const ref: StatementRef = { index: statement.index, sid: statement.sid, effect: statement.effect }
  if (statement.action === undefined && statement.notAction === undefined) {
    return noEffect(ref, 'it has no Action or NotAction, so it has no effect')
  }
  if (statement.resource === undefined && statement.notResource === undefined) {
    return noEffect(ref, 'it has no Resource or NotResource, so it has no effect')
  }
  const causes: UnknownCause[] = []
  const principal =
    statement.principal !== undefined
      ? matchPrincipal(statement.principal, env.caller, causes)
      : matchNotPrincipal(statement.notPrincipal ?? { kind: 'any' }, statement.effect, env.caller, causes)
  const action =
    statement.action !== undefined
      ? matchAny(statement.action, env.request.action, causes, { ignoreCase: true })
      : not3(matchAny(statement.notAction ?? [], env.request.action, causes, { ignoreCase: true }))
  const resourceOptions = { ignoreCase: false, env }
  const resource =
    statement.resource !== undefined
      ? matchAny(statement.resource, env.request.resourceArn, causes, resourceOptions)
      : not3(matchAny(statement.notResource ?? [], env.request.resourceArn, causes, resourceOptions))
  const principalApplies = or3(principal.direct, principal.account)
  // Conditions are evaluated only when everything else may match, so their unknowns are reported only when they count.
  const scope = and3(principalApplies, action, resource)
  const conditions =
    scope === false ? false : and3(...statement.conditions.map(c => evaluateCondition(c, env, causes)))
  const rest = and3(action, resource, conditions)
  // An account principal in an Allow only delegates to IAM; in a Deny it covers every IAM principal of that
  // account, as AWS evaluates it (and as S3 aligned to in 2023 "consistent with how similar policies are evaluated
  // across AWS").
  const denyCoversAccount = statement.effect === 'Deny' ? principal.account : false
  const direct = and3(rest, or3(principal.direct, denyCoversAccount))
  const viaAccount = statement.effect === 'Allow' ? and3(rest, principal.account) : false
  const match = or3(direct, viaAccount)
  const uncertain = [direct, viaAccount, match].includes('unknown')
  return { ref, direct, viaAccount, match, unknownBecause: uncertain ? dedupe(causes) : [] }
}

function noEffect(ref: StatementRef, why: string): StatementMatch {
  return { ref, direct: false, viaAccount: false, match: false, unknownBecause: [], noEffect: why }
}

function dedupe(causes: UnknownCause[]): UnknownCause[] {
  return [...new Map(causes.map(c => [c.message, c])).values()]
}

/** Action / Resource style matching: any pattern matches the value. */
function matchAny(
  patterns: string[],
  value: string,
  causes: UnknownCause[],
  options: { ignoreCase: boolean; env?: Environment }
): Tristate {
  return or3(
    ...patterns.map((pattern): Tristate => {
      const resolved = resolveValue(pattern, {
        wildcards: true,
        env: options.env,
        variablesFrom: options.env ? arnResourceOffset(pattern) : 0
      })
      if (!resolved.ok) {
        causes.push(resolved.cause)
        return 'unknown'
      }
      return tokensToMatcher(resolved.tokens, options.ignoreCase).test(value)
    })
  )
}
