// Parses a KMS key policy into normalised statements. Pure: no I/O, no SDK.
// Size (32,768 bytes) is not checked here: fix.ts owns that limit, a live policy always fits it.

/**
 * A value holding this marker was not resolvable when the document was built (e.g. a CloudFormation !GetAtt the
 * offline gate cannot compute). The evaluator treats every comparison against such a value as 'unknown'.
 */
export const UNRESOLVED_MARKER = '${ec2sg:unresolved:'

/** The principal types a key policy may name. IAM groups and other keys are rejected by KMS, so by us too. */
export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number]

/** "*" (everyone) or a map of principal type to the names listed under it. */
export type ParsedPrincipal =
  { kind: 'any' } | { kind: 'named'; names: Partial<Record<PrincipalType, string[]>> }

/** One key of one operator block: `"StringEquals": { "kms:ViaService": ["a", "b"] }` gives one of these per key. */
export interface ParsedCondition {
  operator: string
  key: string
  values: string[]
  /** Set when the value is not a string, number, boolean or an array of those: such a condition is 'unknown'. */
  malformed?: string
}

export interface ParsedStatement {
  /** Position in the Statement array; a Statement given as an object is index 0. */
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
  principal?: ParsedPrincipal
  notPrincipal?: ParsedPrincipal
  action?: string[]
  notAction?: string[]
  resource?: string[]
  notResource?: string[]
  conditions: ParsedCondition[]
  /** The string values that contain UNRESOLVED_MARKER; non-empty makes the statement "unresolved". */
  unresolvedValues: string[]
  /** The statement exactly as written. */
  raw: Record<string, unknown>
}

export interface ParsedPolicy {
  version?: string
  id?: string
  /** True when the document wrote Statement as a single object rather than an array. */
  statementWasObject: boolean
  statements: ParsedStatement[]
}

export type ParseResult = { ok: true; policy: ParsedPolicy } | { ok: false; error: string }

const KNOWN_VERSIONS = ['2012-10-17', '2008-10-17']
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition'
])

class PolicyError extends Error {}

export function isUnresolved(value: string): boolean {
  return value.includes(UNRESOLVED_MARKER)
}

export function statementLabel(statement: { index: number; sid?: string }): string {
  return statement.sid !== undefined ? `statement "${statement.sid}"` : `statement #${statement.index + 1}`
}

/**
 * The deepest nesting a key policy may have. A real one needs 5 levels (Statement, statement, Condition, operator,
 * values); a deeper one is hostile, and every walk below recurses on it (JSON.stringify included).
 */
export const MAX_POLICY_DEPTH = 32

/** True when objects and arrays nest deeper than `limit` in `value`. An explicit stack: safe at any depth. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number }
    if (top.value === null || typeof top.value !== 'object') continue
    if (top.depth + 1 > limit) return true
    for (const item of Object.values(top.value)) stack.push({ value: item, depth: top.depth + 1 })
  }
  return false
}

export function parseKeyPolicy(text: string | object): ParseResult {
  let document: unknown = text
  if (typeof text === 'string') {
    try {
      document = JSON.parse(text.replace(/^\uFEFF/, ''))
    } catch (err) {
      return { ok: false, error: `the key policy is not valid JSON: ${(err as Error).message}` }
    }
  }
  if (nestsDeeperThan(document, MAX_POLICY_DEPTH)) {
    return {
      ok: false,
      error: `the key policy nests objects and arrays more than ${MAX_POLICY_DEPTH} levels deep`
    }
  }
  try {
    return { ok: true, policy: parseDocument(document) }
  } catch (err) {
    if (err instanceof PolicyError) return { ok: false, error: err.message }
    throw err
  }
}

function parseDocument(document: unknown): ParsedPolicy {
  if (!isPlainObject(document)) throw new PolicyError('the key policy must be a JSON object')
  const { Version: version, Id: id, Statement: statement } = document
  if (version !== undefined && (typeof version !== 'string' || !KNOWN_VERSIONS.includes(version))) {
    throw new PolicyError(`Version must be "2012-10-17" or "2008-10-17", got ${JSON.stringify(version)}`)
  }
  if (id !== undefined && typeof id !== 'string') throw new PolicyError('Id must be a string')
  if (statement === undefined) throw new PolicyError('the key policy has no Statement')
  const statementWasObject = !Array.isArray(statement)
  const list: unknown[] = Array.isArray(statement) ? statement : [statement]
  return {
    version,
    id,
    statementWasObject,
    statements: list.map((raw, index) => parseStatement(raw, index))
  }
}

function parseStatement(raw: unknown, index: number): ParsedStatement {
  const where = `Statement[${index}]`
  if (!isPlainObject(raw)) throw new PolicyError(`${where} must be an object`)
  const sid = raw.Sid
  if (sid !== undefined && typeof sid !== 'string') throw new PolicyError(`${where}: Sid must be a string`)
  const label = sid !== undefined ? `${where} (Sid "${sid}")` : where
  for (const element of Object.keys(raw)) {
    if (!STATEMENT_ELEMENTS.has(element)) throw new PolicyError(`${label}: unknown element "${element}"`)
  }
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    throw new PolicyError(`${label}: Effect must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect)}`)
  }
  exclusive(raw, 'Principal', 'NotPrincipal', label)
  exclusive(raw, 'Action', 'NotAction', label)
  exclusive(raw, 'Resource', 'NotResource', label)
  if (raw.Principal === undefined && raw.NotPrincipal === undefined) {
    throw new PolicyError(`${label}: a key policy statement needs Principal or NotPrincipal`)
  }
  return {
    index,
    sid,
    effect: raw.Effect,
    principal: optional(raw.Principal, v => parsePrincipal(v, `${label} Principal`)),
    notPrincipal: optional(raw.NotPrincipal, v => parsePrincipal(v, `${label} NotPrincipal`)),
    action: optional(raw.Action, v => stringList(v, `${label} Action`)),
    notAction: optional(raw.NotAction, v => stringList(v, `${label} NotAction`)),
    resource: optional(raw.Resource, v => stringList(v, `${label} Resource`)),
    notResource: optional(raw.NotResource, v => stringList(v, `${label} NotResource`)),
    conditions: raw.Condition === undefined ? [] : parseConditionBlock(raw.Condition, label),
    unresolvedValues: collectUnresolved(raw),
    raw
  }
}

function exclusive(raw: Record<string, unknown>, a: string, b: string, label: string): void {
  if (raw[a] !== undefined && raw[b] !== undefined) {
    throw new PolicyError(`${label}: ${a} and ${b} cannot both be present`)
  }
}

function optional<T>(value: unknown, parse: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : parse(value)
}

function parsePrincipal(value: unknown, where: string): ParsedPrincipal {
  if (value === '*') return { kind: 'any' }
  if (!isPlainObject(value))
    throw new PolicyError(`${where} must be "*" or an object such as {"AWS": "<ARN>"}`)
  const names: Partial<Record<PrincipalType, string[]>> = {}
  for (const [type, listed] of Object.entries(value)) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(type)) {
      throw new PolicyError(
        `${where}: unknown principal type "${type}" (expected ${PRINCIPAL_TYPES.join(', ')})`
      )
    }
    names[type as PrincipalType] = stringList(listed, `${where}.${type}`)
  }
  return { kind: 'named', names }
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value]
  for (const item of list) {
    if (typeof item !== 'string') throw new PolicyError(`${where} must be a string or an array of strings`)
  }
  return list as string[]
}

function parseConditionBlock(value: unknown, label: string): ParsedCondition[] {
  if (!isPlainObject(value)) throw new PolicyError(`${label}: Condition must be an object of operators`)
  const conditions: ParsedCondition[] = []
  for (const [operator, block] of Object.entries(value)) {
    if (!isPlainObject(block)) {
      throw new PolicyError(`${label}: Condition operator "${operator}" must map condition keys to values`)
    }
    for (const [key, raw] of Object.entries(block)) conditions.push(parseConditionValues(operator, key, raw))
  }
  return conditions
}

function parseConditionValues(operator: string, key: string, raw: unknown): ParsedCondition {
  const list = Array.isArray(raw) ? raw : [raw]
  const values: string[] = []
  for (const item of list) {
    if (typeof item === 'string') values.push(item)
    else if (typeof item === 'number' || typeof item === 'boolean') values.push(String(item))
    else return { operator, key, values: [], malformed: `value ${JSON.stringify(item)} is not a string` }
  }
  if (values.length === 0) return { operator, key, values, malformed: 'the value list is empty' }
  return { operator, key, values }
}

/** Every unresolved placeholder in a statement, keys included, in document order. An explicit stack, no recursion. */
function collectUnresolved(value: unknown): string[] {
  const found: string[] = []
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const top = stack.pop()
    if (typeof top === 'string') {
      if (isUnresolved(top)) found.push(top)
    } else if (Array.isArray(top)) {
      for (let i = top.length - 1; i >= 0; i--) stack.push(top[i])
    } else if (isPlainObject(top)) {
      const entries = Object.entries(top)
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i][1])
        stack.push(entries[i][0]) // popped first: a key before its value
      }
    }
  }
  return found
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
