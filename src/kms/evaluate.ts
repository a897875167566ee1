// A generic, three-valued IAM-style evaluator of one request against one parsed key policy. Pure.
// Every statement match is true, false or 'unknown'; 'unknown' only ever comes from something we cannot know or do
// not model (an unresolved value, an unknown operator, a malformed value, a value absent from our request model).
// The decision is computed under the most permissive and the most restrictive resolution of every 'unknown': when
// both agree, that is the decision.
// This module combines the statement matches into a decision; the matching itself lives in statement.ts and the
// modules it uses.
import { statementLabel, type ParsedPolicy } from './policy.js'
import { buildEnvironment } from './environment.js'
import { evaluateStatement, type StatementMatch } from './statement.js'
import type { RequestContext, StatementRef, Tristate } from './types.js'

export { AWS_INTERNAL } from './ip.js'
export { parseOperator } from './operators.js'
export type { StatementMatch } from './statement.js'
export type { UnknownCause, UnknownKind } from './unknown-cause.js'

export type Decision = 'allow' | 'explicitDeny' | 'implicitDeny' | 'unknown'

export interface AllowRef extends StatementRef {
  /** True when the statement allows only through an account principal: delegation to IAM, not an allow. */
  viaAccount: boolean
}

export interface PolicyEvaluation {
  decision: Decision
  /** Allow statements that certainly match. */
  allowedBy: AllowRef[]
  /** Deny statements that certainly match. */
  deniedBy: StatementRef[]
  /** Statements whose match is 'unknown'. */
  maybeAllowedBy: StatementRef[]
  maybeDeniedBy: StatementRef[]
  /** One line per cause, naming the statement. */
  unknownBecause: string[]
  statements: StatementMatch[]
}

/** The outcome for one resolution of the unknowns, keeping apart an allow that is only delegation to IAM. */
export type Outcome = 'explicitDeny' | 'allowDirect' | 'allowViaAccount' | 'implicitDeny'

export function evaluatePolicy(policy: ParsedPolicy, request: RequestContext): PolicyEvaluation {
  const env = buildEnvironment(policy, request)
  const statements = policy.statements.map(statement => evaluateStatement(statement, env))
  const allowedBy: AllowRef[] = []
  const deniedBy: StatementRef[] = []
  const maybeAllowedBy: StatementRef[] = []
  const maybeDeniedBy: StatementRef[] = []
  const unknownBecause: string[] = []
  for (const s of statements) {
    const isAllow = s.ref.effect === 'Allow'
    if (s.match === true) {
      if (isAllow) allowedBy.push({ ...s.ref, viaAccount: s.direct !== true })
      else deniedBy.push(s.ref)
    } else if (s.match === 'unknown') {
      ;(isAllow ? maybeAllowedBy : maybeDeniedBy).push(s.ref)
    }
    for (const cause of s.unknownBecause) unknownBecause.push(`${statementLabel(s.ref)}: ${cause.message}`)
  }
  const { permissive, restrictive } = outcomeRange(statements)
  const allows = (o: Outcome): boolean => o === 'allowDirect' || o === 'allowViaAccount'
  let decision: Decision
  if (allows(permissive) && allows(restrictive)) decision = 'allow'
  // Denied either way: a Deny we cannot evaluate does not change the result, only how it is named.
  else if (!allows(permissive) && !allows(restrictive))
    decision = deniedBy.length > 0 ? 'explicitDeny' : 'implicitDeny'
  else decision = 'unknown'
  return { decision, allowedBy, deniedBy, maybeAllowedBy, maybeDeniedBy, unknownBecause, statements }
}

/** The outcomes when every 'unknown' resolves in favour of the request, and when every one resolves against it. */
export function outcomeRange(statements: StatementMatch[]): { permissive: Outcome; restrictive: Outcome } {
  const under = (favour: boolean): Outcome => {
    const holds = (t: Tristate, helps: boolean): boolean => (t === 'unknown' ? favour === helps : t)
    const denies = statements.filter(s => s.ref.effect === 'Deny')
    const allows = statements.filter(s => s.ref.effect === 'Allow')
    if (denies.some(s => holds(s.match, false))) return 'explicitDeny'
    if (allows.some(s => holds(s.direct, true))) return 'allowDirect'
    if (allows.some(s => holds(s.viaAccount, true))) return 'allowViaAccount'
    return 'implicitDeny'
  }
  return { permissive: under(true), restrictive: under(false) }
}
