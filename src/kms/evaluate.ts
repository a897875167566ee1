// A generic, three-valued IAM-style evaluator of one request against one parsed key policy. Pure.
// Every statement match is true, false or 'unknown'; 'unknown' only ever comes from something we cannot know or do
// not model (an unresolved value, an unknown operator, a malformed value, a value absent from our request model).
// The decision is computed under the most permissive and the most restrictive resolution of every 'unknown': when
// both agree, that is the decision.
import {
  isUnresolved,
  statementLabel,
  type ParsedCondition,
  type ParsedPolicy,
  type ParsedPrincipal,
  type ParsedStatement
} from './policy.js'
import type { RequestContext, StatementRef, Tristate } from './types.js'

/**
 * The value of aws:SourceIp in a call an AWS service makes on the caller's behalf: an AWS-internal address (CloudTrail
 * shows the service's host name), so no customer CIDR ever contains it (domain.md 1.3).
 */
export const AWS_INTERNAL = 'AWS_INTERNAL'

export type Decision = 'allow' | 'explicitDeny' | 'implicitDeny' | 'unknown'

/** Where an 'unknown' came from. Only 'unresolved' ones can make the analyzer answer UNRESOLVED. */
export type UnknownKind = 'unresolved' | 'operator' | 'value' | 'variable' | 'context'

export interface UnknownCause {
  kind: UnknownKind
  message: string
}

export interface AllowRef extends StatementRef {
  /** True when the statement allows only through an account principal: delegation to IAM, not an allow. */
  viaAccount: boolean
}

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

// ---------------------------------------------------------------------------------------------------------------
// Three-valued logic

function and3(...values: Tristate[]): Tristate {
  if (values.includes(false)) return false
  return values.includes('unknown') ? 'unknown' : true
}

function or3(...values: Tristate[]): Tristate {
  if (values.includes(true)) return true
  return values.includes('unknown') ? 'unknown' : false
}

function not3(value: Tristate): Tristate {
  return value === 'unknown' ? 'unknown' : !value
}

/** Both branches of an uncertainty: known only when they agree. */
function either(a: Tristate, b: Tristate): Tristate {
  return a === b ? a : 'unknown'
}

// ---------------------------------------------------------------------------------------------------------------
// The request as the evaluator sees it

type Lookup =
  | { state: 'absent' }
  | { state: 'present'; values: string[] }
  | { state: 'unknownValue' } // certainly present, value not known
  | { state: 'maybe' } // may be absent or present, value not known

interface Caller {
  principalArn: string
  sessionArn?: string
  accountId: string
  partition: string
  /** The role's name (without path) when the caller is a role or role session. */
  roleName?: string
  /** The role's path is not known: match a role principal by account and name (names are unique per account). */
  pathUnknown: boolean
}

interface Environment {
  request: RequestContext
  caller: Caller
  /** Policy variables are substituted only in version 2012-10-17 documents; older ones treat ${...} literally. */
  variables: boolean
  lookup(key: string): Lookup
}

function buildEnvironment(policy: ParsedPolicy, request: RequestContext): Environment {
  const context = new Map<string, string[]>()
  for (const [key, value] of Object.entries(request.context)) {
    const values = Array.isArray(value) ? value.map(String) : [String(value)]
    context.set(key.toLowerCase(), values)
  }
  const matcher = (patterns: string[] | undefined) => {
    const lowered = (patterns ?? []).map(p => p.toLowerCase())
    return (key: string) => lowered.some(p => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p))
  }
  const isUnknown = matcher(request.unknownKeys)
  const isMaybe = matcher(request.maybeKeys)
  const roleMatch = ROLE_ARN.exec(request.principalArn)
  return {
    request,
    caller: {
      principalArn: request.principalArn,
      sessionArn: request.sessionArn,
      accountId: request.accountId,
      partition: request.principalArn.split(':')[1] ?? 'aws',
      roleName: roleMatch?.[3],
      pathUnknown: request.principalPathUnknown === true
    },
    variables: policy.version === '2012-10-17',
    lookup(key: string): Lookup {
      const lowered = key.toLowerCase()
      const values = context.get(lowered)
      // An empty multi-valued key carries nothing: AWS treats it as absent.
      if (values !== undefined) return values.length > 0 ? { state: 'present', values } : { state: 'absent' }
      if (isUnknown(lowered)) return { state: 'unknownValue' }
      if (isMaybe(lowered)) return { state: 'maybe' }
      return { state: 'absent' }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Statements

function evaluateStatement(statement: ParsedStatement, env: Environment): StatementMatch {
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
  const direct = and3(rest, principal.direct)
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

function unresolvedCause(value: string): UnknownCause {
  return { kind: 'unresolved', message: `the value "${value}" could not be resolved` }
}

// ---------------------------------------------------------------------------------------------------------------
// Principals (key policy semantics, domain.md 4.1)

interface PrincipalMatch {
  direct: Tristate
  account: Tristate
}

const ACCOUNT_ID = /^\d{12}$/
const ACCOUNT_ROOT = /^arn:([^:]+):iam::(\d{12}):root$/
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/

/** 'true' when the name is the caller's account principal; false when it is another account or not an account. */
function namesAccount(name: string, caller: Caller): boolean {
  if (ACCOUNT_ID.test(name)) return name === caller.accountId
  const root = ACCOUNT_ROOT.exec(name)
  return root !== null && root[1] === caller.partition && root[2] === caller.accountId
}

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/

/** The caller's own ARN; when its path is not known, the same role name on any path in the same account. */
function namesCallerPrincipal(name: string, caller: Caller): boolean {
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
function namesUnknownSessionOfCaller(name: string, caller: Caller): boolean {
  if (caller.sessionArn !== undefined || caller.roleName === undefined) return false
  const session = SESSION_ARN.exec(name)
  return session !== null && session[2] === caller.accountId && session[3] === caller.roleName
}

function matchPrincipal(principal: ParsedPrincipal, caller: Caller, causes: UnknownCause[]): PrincipalMatch {
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
 * NotPrincipal. Our reading of domain.md 4.1 and the IAM NotPrincipal page: AWS may evaluate the account, then the
 * role, then the session, and the Deny applies if any of them is not listed. So a role session is excepted from a
 * Deny only when the account, the role ARN AND the exact session ARN are all listed; an IAM user only when the
 * account and the user ARN are. With Allow the statement matches everyone not listed; listing any one of the
 * caller's identities (account, role, session, user) takes the caller out.
 */
function matchNotPrincipal(
  principal: ParsedPrincipal,
  effect: 'Allow' | 'Deny',
  caller: Caller,
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

// ---------------------------------------------------------------------------------------------------------------
// Values: policy variables, wildcards, unresolved markers

type Token = string | { wildcard: '*' | '?' }
type Resolved = { ok: true; tokens: Token[] } | { ok: false; cause: UnknownCause }

interface ResolveOptions {
  /** '*' and '?' are wildcards (StringLike, ArnLike, Action, Resource); otherwise they are literal characters. */
  wildcards: boolean
  /** Substitute ${...} policy variables from the request; absent means literal (actions, principals). */
  env?: Environment
}

const VARIABLE = /\$\{([^}]*)\}/g

function resolveValue(raw: string, options: ResolveOptions): Resolved {
  if (isUnresolved(raw)) return { ok: false, cause: unresolvedCause(raw) }
  const tokens: Token[] = []
  const pushText = (text: string): void => {
    if (!options.wildcards) {
      if (text !== '') tokens.push(text)
      return
    }
    for (const part of text.split(/([*?])/)) {
      if (part === '*' || part === '?') tokens.push({ wildcard: part })
      else if (part !== '') tokens.push(part)
    }
  }
  if (options.env === undefined || !options.env.variables) {
    pushText(raw)
    return { ok: true, tokens }
  }
  let last = 0
  for (const match of raw.matchAll(VARIABLE)) {
    pushText(raw.slice(last, match.index))
    last = match.index + match[0].length
    const value = resolveVariable(match[1] ?? '', options.env)
    if (!value.ok) return value
    if (value.text !== '') tokens.push(value.text)
  }
  pushText(raw.slice(last))
  return { ok: true, tokens }
}

function resolveVariable(
  inner: string,
  env: Environment
): { ok: true; text: string } | { ok: false; cause: UnknownCause } {
  // ${*}, ${?} and ${$} are how a policy writes those characters literally.
  if (inner === '*' || inner === '?' || inner === '$') return { ok: true, text: inner }
  const withDefault = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/.exec(inner)
  const key = (withDefault?.[1] ?? inner).trim()
  const fallback = withDefault?.[2]
  const found = env.lookup(key)
  if (found.state === 'present' && found.values.length === 1) return { ok: true, text: found.values[0] ?? '' }
  if (found.state === 'absent' && fallback !== undefined) return { ok: true, text: fallback }
  const why =
    found.state === 'present'
      ? 'is multi-valued'
      : found.state === 'absent'
        ? 'is not in the request'
        : 'has a value that is not known here'
  return { ok: false, cause: { kind: 'variable', message: `the policy variable \${${inner}} ${why}` } }
}

function tokensToText(tokens: Token[]): string {
  return tokens.map(t => (typeof t === 'string' ? t : t.wildcard)).join('')
}

function tokensToRegExp(tokens: Token[], ignoreCase: boolean): RegExp {
  const source = tokens
    .map(t =>
      typeof t === 'string' ? t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : t.wildcard === '*' ? '.*' : '.'
    )
    .join('')
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's')
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
      const resolved = resolveValue(pattern, { wildcards: true, env: options.env })
      if (!resolved.ok) {
        causes.push(resolved.cause)
        return 'unknown'
      }
      return tokensToRegExp(resolved.tokens, options.ignoreCase).test(value)
    })
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions: operators ANDed, keys ANDed, values ORed

type Family =
  | 'string'
  | 'stringIgnoreCase'
  | 'stringLike'
  | 'bool'
  | 'null'
  | 'arn'
  | 'ip'
  | 'numeric'
  | 'date'
  | 'binary'
type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte'

interface BaseOperator {
  family: Family
  /** A negated operator is the negation of its positive twin, and is true when the key is absent. */
  negated: boolean
  comparison?: Comparison
}

function ordered(family: 'numeric' | 'date', prefix: string): Record<string, BaseOperator> {
  return {
    [`${prefix}Equals`]: { family, negated: false, comparison: 'eq' },
    [`${prefix}NotEquals`]: { family, negated: true, comparison: 'eq' },
    [`${prefix}LessThan`]: { family, negated: false, comparison: 'lt' },
    [`${prefix}LessThanEquals`]: { family, negated: false, comparison: 'lte' },
    [`${prefix}GreaterThan`]: { family, negated: false, comparison: 'gt' },
    [`${prefix}GreaterThanEquals`]: { family, negated: false, comparison: 'gte' }
  }
}

const BASE_OPERATORS: Record<string, BaseOperator> = {
  StringEquals: { family: 'string', negated: false },
  StringNotEquals: { family: 'string', negated: true },
  StringEqualsIgnoreCase: { family: 'stringIgnoreCase', negated: false },
  StringNotEqualsIgnoreCase: { family: 'stringIgnoreCase', negated: true },
  StringLike: { family: 'stringLike', negated: false },
  StringNotLike: { family: 'stringLike', negated: true },
  Bool: { family: 'bool', negated: false },
  Null: { family: 'null', negated: false },
  // ArnEquals and ArnLike are the same operator in IAM: both take wildcards per ARN component.
  ArnEquals: { family: 'arn', negated: false },
  ArnLike: { family: 'arn', negated: false },
  ArnNotEquals: { family: 'arn', negated: true },
  ArnNotLike: { family: 'arn', negated: true },
  IpAddress: { family: 'ip', negated: false },
  NotIpAddress: { family: 'ip', negated: true },
  BinaryEquals: { family: 'binary', negated: false },
  ...ordered('numeric', 'Numeric'),
  ...ordered('date', 'Date')
}

interface Operator {
  base: BaseOperator
  set?: 'ForAnyValue' | 'ForAllValues'
  ifExists: boolean
}

/** Operator names are matched exactly as AWS spells them; anything else is an operator we do not know. */
export function parseOperator(name: string): Operator | undefined {
  let rest = name
  let set: Operator['set']
  for (const prefix of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      set = prefix
      rest = rest.slice(prefix.length + 1)
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists'
  if (ifExists) rest = rest.slice(0, -'IfExists'.length)
  const base = Object.hasOwn(BASE_OPERATORS, rest) ? BASE_OPERATORS[rest] : undefined
  if (base === undefined) return undefined
  if (base.family === 'null' && (ifExists || set !== undefined)) return undefined
  return { base, set, ifExists }
}

type ValueTest = (contextValue: string) => Tristate

function evaluateCondition(condition: ParsedCondition, env: Environment, causes: UnknownCause[]): Tristate {
  const { operator: name, key } = condition
  for (const part of [name, key]) {
    if (isUnresolved(part)) {
      causes.push(unresolvedCause(part))
      return 'unknown'
    }
  }
  const operator = parseOperator(name)
  if (operator === undefined) {
    causes.push({
      kind: 'operator',
      message: `the condition operator "${name}" is not one this tool evaluates`
    })
    return 'unknown'
  }
  if (condition.malformed !== undefined) {
    causes.push({ kind: 'value', message: `${name} on ${key}: ${condition.malformed}` })
    return 'unknown'
  }
  const found = env.lookup(key)
  const evaluateWith = (lookup: Lookup): Tristate =>
    operator.base.family === 'null'
      ? evaluateNull(condition, lookup, causes)
      : evaluateOperator(operator, condition, lookup, env, causes)
  if (found.state !== 'maybe') return evaluateWith(found)
  const branchCauses: UnknownCause[] = []
  const evaluateBranch = (lookup: Lookup): Tristate => {
    const saved = causes.length
    const result = evaluateWith(lookup)
    branchCauses.push(...causes.splice(saved))
    return result
  }
  const result = either(evaluateBranch({ state: 'absent' }), evaluateBranch({ state: 'unknownValue' }))
  if (result === 'unknown') {
    causes.push(...branchCauses.filter(c => c.kind !== 'context'))
    causes.push({
      kind: 'context',
      message: `${key} may or may not be in EC2's request, and its value is not known`
    })
  }
  return result
}

function evaluateNull(condition: ParsedCondition, lookup: Lookup, causes: UnknownCause[]): Tristate {
  const absent = lookup.state === 'absent'
  return or3(
    ...condition.values.map((value): Tristate => {
      if (isUnresolved(value)) {
        causes.push(unresolvedCause(value))
        return 'unknown'
      }
      const wanted = value.toLowerCase()
      if (wanted !== 'true' && wanted !== 'false') {
        causes.push({ kind: 'value', message: `Null on ${condition.key}: "${value}" is not true or false` })
        return 'unknown'
      }
      return (wanted === 'true') === absent
    })
  )
}

function evaluateOperator(
  operator: Operator,
  condition: ParsedCondition,
  lookup: Lookup,
  env: Environment,
  causes: UnknownCause[]
): Tristate {
  const { base, set, ifExists } = operator
  if (lookup.state === 'absent') {
    if (ifExists) return true
    if (set === 'ForAnyValue') return false
    if (set === 'ForAllValues') return true
    return base.negated
  }
  // Compile the policy values first: a malformed or unresolvable one is 'unknown' whatever the request holds.
  const tests = condition.values.map(value => compileTest(base, value, condition, env, causes))
  if (lookup.state !== 'present') {
    causes.push({ kind: 'context', message: `the value of ${condition.key} in EC2's request is not known` })
    return 'unknown'
  }
  const matchesAny = (v: string): Tristate => or3(...tests.map(test => test(v)))
  const each = (v: string): Tristate => (base.negated ? not3(matchesAny(v)) : matchesAny(v))
  if (set === 'ForAnyValue') return or3(...lookup.values.map(each))
  if (set === 'ForAllValues') return and3(...lookup.values.map(each))
  // Without a set operator a multi-valued key matches when any of its values does.
  const positive = or3(...lookup.values.map(matchesAny))
  return base.negated ? not3(positive) : positive
}

function compileTest(
  base: BaseOperator,
  raw: string,
  condition: ParsedCondition,
  env: Environment,
  causes: UnknownCause[]
): ValueTest {
  const wildcards = base.family === 'stringLike' || base.family === 'arn'
  const resolved = resolveValue(raw, { wildcards, env })
  const unknown = (cause: UnknownCause): ValueTest => {
    causes.push(cause)
    return () => 'unknown'
  }
  if (!resolved.ok) return unknown(resolved.cause)
  const malformed = (why: string) =>
    unknown({ kind: 'value', message: `${condition.operator} on ${condition.key}: "${raw}" ${why}` })
  const text = tokensToText(resolved.tokens)
  switch (base.family) {
    case 'string':
      return v => v === text
    case 'stringIgnoreCase':
      return v => v.toLowerCase() === text.toLowerCase()
    case 'stringLike': {
      const pattern = tokensToRegExp(resolved.tokens, false)
      return v => pattern.test(v)
    }
    case 'bool': {
      const wanted = text.toLowerCase()
      if (wanted !== 'true' && wanted !== 'false') return malformed('is not true or false')
      return v => v.toLowerCase() === wanted
    }
    case 'arn':
      return arnTest(resolved.tokens) ?? malformed('is not an ARN pattern (six colon-separated parts)')
    case 'ip': {
      const range = parseCidr(text)
      if (range === undefined) return malformed('is not an IP address or CIDR range')
      return v => {
        if (v === AWS_INTERNAL) return false
        const ip = parseIp(v)
        return ip !== undefined && cidrContains(range, ip)
      }
    }
    case 'numeric': {
      const wanted = parseNumber(text)
      if (wanted === undefined) return malformed('is not a number')
      return v => compare(parseNumber(v), wanted, base.comparison ?? 'eq')
    }
    case 'date': {
      const wanted = parseDate(text)
      if (wanted === undefined) return malformed('is not a date')
      return v => compare(parseDate(v), wanted, base.comparison ?? 'eq')
    }
    case 'binary': {
      const wanted = decodeBase64(text)
      if (wanted === undefined) return malformed('is not base64')
      return v => {
        const got = decodeBase64(v)
        return got !== undefined && got.equals(wanted)
      }
    }
    case 'null':
      return malformed('Null is evaluated elsewhere')
  }
}

function compare(got: number | undefined, wanted: number, comparison: Comparison): boolean {
  if (got === undefined) return false
  switch (comparison) {
    case 'eq':
      return got === wanted
    case 'lt':
      return got < wanted
    case 'lte':
      return got <= wanted
    case 'gt':
      return got > wanted
    case 'gte':
      return got >= wanted
  }
}

function parseNumber(text: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : undefined
}

/** ISO 8601 dates and times, or epoch seconds (what aws:EpochTime holds). */
function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined
  return Buffer.from(text, 'base64')
}

/**
 * ARNs match component by component (six colon-separated parts, the last may hold colons), so a wildcard never spans
 * a colon. A pattern of fewer parts is not an ARN pattern: only "*" alone is accepted as "any ARN".
 */
function arnTest(tokens: Token[]): ValueTest | undefined {
  if (tokens.length === 1 && typeof tokens[0] !== 'string' && tokens[0]?.wildcard === '*') return () => true
  const components = splitTokens(tokens)
  if (components.length < 6) return undefined
  const patterns = components.map(c => tokensToRegExp(c, false))
  return v => {
    const parts = splitArn(v)
    return parts.length === 6 && patterns.every((p, i) => p.test(parts[i] ?? ''))
  }
}

function splitArn(arn: string): string[] {
  const parts = arn.split(':')
  return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')]
}

function splitTokens(tokens: Token[]): Token[][] {
  const components: Token[][] = [[]]
  for (const token of tokens) {
    if (typeof token !== 'string' || components.length === 6) {
      components[components.length - 1]?.push(token)
      continue
    }
    const pieces = token.split(':')
    pieces.forEach((piece, i) => {
      if (i > 0 && components.length < 6) components.push([])
      else if (i > 0) components[components.length - 1]?.push(':')
      if (piece !== '') components[components.length - 1]?.push(piece)
    })
  }
  return components
}

// ---------------------------------------------------------------------------------------------------------------
// IP addresses and CIDR ranges, IPv4 and IPv6

interface Ip {
  version: 4 | 6
  value: bigint
}

interface Cidr extends Ip {
  bits: number
}

function parseIp(text: string): Ip | undefined {
  const v4 = parseIpv4(text)
  if (v4 !== undefined) return { version: 4, value: v4 }
  const v6 = parseIpv6(text)
  return v6 === undefined ? undefined : { version: 6, value: v6 }
}

function parseIpv4(text: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (m === null) return undefined
  let value = 0n
  for (const octet of m.slice(1)) {
    const n = Number(octet)
    if (n > 255) return undefined
    value = (value << 8n) | BigInt(n)
  }
  return value
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string | undefined): bigint[] | undefined => {
    if (half === undefined || half === '') return []
    const out: bigint[] = []
    const parts = half.split(':')
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part)
        if (v4 === undefined) return undefined
        out.push(v4 >> 16n, v4 & 0xffffn)
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        out.push(BigInt(`0x${part}`))
      } else {
        return undefined
      }
    }
    return out
  }
  const head = groups(halves[0])
  const tail = groups(halves[1])
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...Array<bigint>(halves.length === 1 ? 0 : missing).fill(0n), ...tail]
  return all.reduce((acc, group) => (acc << 16n) | group, 0n)
}

function parseCidr(text: string): Cidr | undefined {
  const [address, prefix, extra] = text.split('/')
  if (address === undefined || extra !== undefined) return undefined
  const ip = parseIp(address)
  if (ip === undefined) return undefined
  const max = ip.version === 4 ? 32 : 128
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return undefined
  const bits = prefix === undefined ? max : Number(prefix)
  if (bits > max) return undefined
  return { ...ip, bits }
}

function cidrContains(range: Cidr, ip: Ip): boolean {
  if (range.version !== ip.version) return false
  const shift = BigInt((range.version === 4 ? 32 : 128) - range.bits)
  return range.value >> shift === ip.value >> shift
}
