// The least-privilege fix and its safe merge into an existing key policy. Pure and idempotent: the policy's text is
// edited, not re-printed, so every existing statement is kept byte for byte; the new one goes at the end, and a
// same-Sid statement is never overwritten.
import { readPolicyText, spanTokens, type PolicyText } from './json-text.js'
import { isPlainObject, MAX_POLICY_DEPTH, nestsDeeperThan } from './policy.js'
import type { Caller } from './types.js'

/** KMS rejects key policies over 32 KB (how-ec2-uses-kms.md 5, not adjustable). */
export const KEY_POLICY_MAX_BYTES = 32_768

const SID_PREFIX = 'Ec2StartGuardCreateGrant'
/** Key policy documents may hold printable ASCII, Latin-1 Supplement, tab, LF and CR only (how-ec2-uses-kms.md 4.1). */
const DISALLOWED_CHARACTERS = /[^\t\n\r\x20-\xFF]/

export type PolicyStatement = Record<string, unknown>

export type MergeResult =
  { ok: true; changed: boolean; policyText: string; reason?: string } | { ok: false; error: string }

/**
 * A Sid that is stable for a role and safe everywhere ([A-Za-z0-9] only): the prefix, the role name in CamelCase
 * and a short hash of the whole ARN, so two roles with the same name on different paths or accounts differ.
 */
export function fixStatementSid(roleArn: string): string {
  const name = roleArn.split(/[/:]/).pop() ?? ''
  const camel = name
    .split(/[^A-Za-z0-9]+/)
    .filter(part => part !== '')
    .map(part => part[0]?.toUpperCase() + part.slice(1))
    .join('')
    .slice(0, 48)
  return `${SID_PREFIX}${camel}${fnv1a(roleArn)}`
}

/** 32-bit FNV-1a as 8 hex digits: stable across runs and platforms, no crypto needed. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

function ec2ViaService(region: string): string {
  return `ec2.${region}.amazonaws.com`
}

/** The key-policy statement that lets the caller, and only through EC2 in this region, create EBS grants. */
export function buildFixStatement(caller: Caller, region: string): PolicyStatement {
  return {
    Sid: fixStatementSid(caller.principalArn),
    Effect: 'Allow',
    Principal: { AWS: caller.principalArn },
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: {
      StringEquals: { 'kms:ViaService': ec2ViaService(region) },
      Bool: { 'kms:GrantIsForAWSResource': 'true' }
    }
  }
}

/** The identity-policy statement for the ALLOW_IF_IAM case (how-ec2-uses-kms.md 2.1, narrowed to EC2 in this region). */
export function buildIamFixStatement(keyArn: string, region: string): PolicyStatement {
  return {
    Sid: SID_PREFIX,
    Effect: 'Allow',
    Action: 'kms:CreateGrant',
    Resource: [keyArn],
    Condition: {
      StringEquals: { 'kms:ViaService': ec2ViaService(region) },
      Bool: { 'kms:GrantIsForAWSResource': true }
    }
  }
}

/** Parses a key policy for an edit: JSON, an object, bounded depth, and its text read token by token. */
function readForEdit(
  policyText: string,
  name: string
): { ok: true; document: Record<string, unknown>; text: PolicyText } | { ok: false; error: string } {
  let document: unknown
  try {
    document = JSON.parse(policyText)
  } catch (err) {
    return { ok: false, error: `the ${name} is not valid JSON: ${(err as Error).message}` }
  }
  if (!isPlainObject(document)) return { ok: false, error: `the ${name} is not a JSON object` }
  if (nestsDeeperThan(document, MAX_POLICY_DEPTH)) {
    return { ok: false, error: `the ${name} nests more than ${MAX_POLICY_DEPTH} levels deep` }
  }
  return { ok: true, document, text: readPolicyText(policyText) }
}

/**
 * Adds the statement at the end of the policy's Statement by editing the text: every byte of the existing policy
 * is kept (numbers such as 99999999999999999999 included, which a parse-and-print would rewrite), and the new
 * statement follows the layout of the existing ones. Refuses a policy with duplicate members (JSON.parse keeps only
 * the last, so any edit made from the parsed value would drop the others).
 */
export function mergeFixStatement(policyText: string, statement: PolicyStatement): MergeResult {
  const read = readForEdit(policyText, 'key policy')
  if (!read.ok) return read
  const { document, text } = read
  if (text.duplicates.length > 0) {
    return {
      ok: false,
      error: `the key policy has duplicate members: ${text.duplicates.join(', ')}; JSON keeps only the last of each, so an edit could drop the others. Refusing to edit it; remove the duplicates by hand`
    }
  }
  const existing = statementsOf(document)
  if (existing === undefined || text.statement === undefined)
    return { ok: false, error: 'the key policy has no Statement object or array' }
  const sid = statement.Sid
  if (existing.some(s => deepEqual(s, statement))) {
    return { ok: true, changed: false, policyText, reason: 'the policy already holds this statement' }
  }
  if (sid !== undefined && existing.some(s => isPlainObject(s) && s.Sid === sid)) {
    return {
      ok: false,
      error: `the key policy already has a statement with Sid "${String(sid)}" and different content; refusing to overwrite it`
    }
  }
  const { laidOut, compact } = insertStatement(policyText, text, statement)
  if (DISALLOWED_CHARACTERS.test(laidOut)) {
    return { ok: false, error: 'the merged key policy holds characters KMS does not accept (beyond Latin-1)' }
  }
  const laidOutSize = byteLength(laidOut)
  const compactSize = byteLength(compact)
  let result: MergeResult
  if (laidOutSize <= KEY_POLICY_MAX_BYTES) result = { ok: true, changed: true, policyText: laidOut }
  else if (compactSize <= KEY_POLICY_MAX_BYTES) {
    result = {
      ok: true,
      changed: true,
      policyText: compact,
      reason: `the new statement is written without indentation: indented the policy would be ${laidOutSize} bytes, over the ${KEY_POLICY_MAX_BYTES}-byte limit`
    }
  } else {
    return {
      ok: false,
      error: `the merged key policy would be ${compactSize} bytes, over the ${KEY_POLICY_MAX_BYTES}-byte key policy limit`
    }
  }
  // The edit proves itself before anything is written: the same check as the read-back after PutKeyPolicy.
  const check = verifyMerged(policyText, result.policyText, statement)
  if (!check.ok) return { ok: false, error: `the edit would change the policy: ${check.problems.join('; ')}` }
  return result
}

/** The policy text with the statement inserted: in the layout of the existing statements, and compact. */
function insertStatement(
  policyText: string,
  text: PolicyText,
  statement: PolicyStatement
): { laidOut: string; compact: string } {
  const target = text.statement as NonNullable<PolicyText['statement']>
  const compactBody = JSON.stringify(statement)
  const at = (position: number, insert: string) =>
    policyText.slice(0, position) + insert + policyText.slice(position)
  if (!target.isArray) {
    // A single statement object becomes an array: the object's own text is kept as it is.
    const { start, end } = target.value
    const wrap = (body: string) =>
      `${policyText.slice(0, start)}[${policyText.slice(start, end)}, ${body}]${policyText.slice(end)}`
    return { laidOut: wrap(compactBody), compact: wrap(compactBody) }
  }
  const open = text.tokens[target.value.first]
  const first = target.items[0]
  const last = target.items[target.items.length - 1]
  if (first === undefined || last === undefined) {
    const inserted = at(open.end, compactBody)
    return { laidOut: inserted, compact: inserted }
  }
  const gap = policyText.slice(open.end, first.start)
  if (!gap.includes('\n')) {
    // Compact, or all on one line: the separator the policy already uses between statements.
    const second = target.items[1]
    const separator = second ? policyText.slice(first.end, second.start).replace(/^\s*,/, '') : ''
    const inserted = at(last.end, `,${/^\s*$/.test(separator) ? separator : ''}${compactBody}`)
    return { laidOut: inserted, compact: inserted }
  }
  const indent = gap.slice(gap.lastIndexOf('\n') + 1).replace(/\S/g, ' ')
  const pretty = JSON.stringify(statement, null, indentUnit(policyText, first, indent))
    .split('\n')
    .join(`\n${indent}`)
  return {
    laidOut: at(last.end, `,\n${indent}${pretty}`),
    compact: at(last.end, `,\n${indent}${compactBody}`)
  }
}

/** The indentation step inside the first statement ("  " when it cannot be told). */
function indentUnit(policyText: string, first: { start: number; end: number }, indent: string): string {
  const inside = /\{([ \t]*\n)([ \t]*)\S/.exec(policyText.slice(first.start, first.end))
  const inner = inside?.[2] ?? ''
  return inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : '  '
}

/**
 * Checks a policy read back after the merge against the policy it was merged into: every statement of `before`,
 * in order, token for token (only white space between tokens may differ: a rewritten number, a reordered or dropped
 * member is a change), then the new statement (unless `before` already held it), nothing else; no duplicate member;
 * and every other top-level field token for token.
 */
export function verifyMerged(
  before: string,
  after: string,
  statement: PolicyStatement
): { ok: boolean; problems: string[] } {
  const old = readForEdit(before, 'original policy')
  const merged = readForEdit(after, 'merged policy')
  if (!old.ok || !merged.ok) {
    return { ok: false, problems: [old, merged].flatMap(r => (r.ok ? [] : [r.error])) }
  }
  const problems: string[] = []
  if (merged.text.duplicates.length > 0)
    problems.push(`the merged policy has duplicate members: ${merged.text.duplicates.join(', ')}`)
  const oldStatements = statementsOf(old.document) ?? []
  const oldItems = old.text.statement?.items ?? []
  const newItems = merged.text.statement?.items
  if (newItems === undefined || statementsOf(merged.document) === undefined)
    return { ok: false, problems: [...problems, 'the merged policy has no Statement'] }
  const alreadyThere = oldStatements.some(s => deepEqual(s, statement))
  const expected = oldItems.length + (alreadyThere ? 0 : 1)
  if (newItems.length !== expected) problems.push(`expected ${expected} statements, found ${newItems.length}`)
  oldItems.forEach((item, i) => {
    const got = newItems[i]
    if (got === undefined) problems.push(`${describe(oldStatements[i], i)} is missing`)
    else if (spanTokens(old.text, item) !== spanTokens(merged.text, got))
      problems.push(`${describe(oldStatements[i], i)} was changed`)
  })
  if (!alreadyThere) {
    const i = oldItems.length
    const got = newItems[i]
    if (got === undefined) problems.push(`${describe(statement, i)} is missing`)
    else if (!deepEqual(JSON.parse(after.slice(got.start, got.end)), statement))
      problems.push(`the new statement is not at position ${i + 1} as written`)
  }
  const valueOf = (read: { text: PolicyText }, name: string) => {
    const member = read.text.members.filter(m => m.name === name).pop()
    return member === undefined ? undefined : spanTokens(read.text, member.value)
  }
  const names = new Set([...old.text.members, ...merged.text.members].map(m => m.name))
  for (const name of names) {
    if (name !== 'Statement' && valueOf(old, name) !== valueOf(merged, name))
      problems.push(`the top-level field ${name} was changed`)
  }
  return { ok: problems.length === 0, problems }
}

function statementsOf(document: Record<string, unknown>): unknown[] | undefined {
  const statement = document.Statement
  if (Array.isArray(statement)) return statement
  return isPlainObject(statement) ? [statement] : undefined
}

function describe(statement: unknown, index: number): string {
  const sid = isPlainObject(statement) && typeof statement.Sid === 'string' ? ` (Sid "${statement.Sid}")` : ''
  return `statement #${index + 1}${sid}`
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length
}

/** JSON equality: object key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    )
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length && keys.every(k => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    )
  }
  return false
}
