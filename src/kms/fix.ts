// The least-privilege fix and its safe merge into an existing key policy. Pure and idempotent: every existing
// statement is kept exactly, the new one goes at the end, and a same-Sid statement is never overwritten.
import { isPlainObject } from './policy.js'
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

export function mergeFixStatement(policyText: string, statement: PolicyStatement): MergeResult {
  let document: unknown
  try {
    document = JSON.parse(policyText)
  } catch (err) {
    return { ok: false, error: `the key policy is not valid JSON: ${(err as Error).message}` }
  }
  if (!isPlainObject(document)) return { ok: false, error: 'the key policy is not a JSON object' }
  const existing = statementsOf(document)
  if (existing === undefined) return { ok: false, error: 'the key policy has no Statement object or array' }
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
  // Replacing the value of an existing key keeps every top-level field (Version, Id, ...) where it was.
  document.Statement = [...existing, statement]
  const pretty = JSON.stringify(document, null, 2)
  if (DISALLOWED_CHARACTERS.test(pretty)) {
    return { ok: false, error: 'the merged key policy holds characters KMS does not accept (beyond Latin-1)' }
  }
  const prettySize = byteLength(pretty)
  if (prettySize <= KEY_POLICY_MAX_BYTES) return { ok: true, changed: true, policyText: pretty }
  const compact = JSON.stringify(document)
  const compactSize = byteLength(compact)
  if (compactSize <= KEY_POLICY_MAX_BYTES) {
    return {
      ok: true,
      changed: true,
      policyText: compact,
      reason: `written without indentation: indented it would be ${prettySize} bytes, over the ${KEY_POLICY_MAX_BYTES}-byte limit`
    }
  }
  return {
    ok: false,
    error: `the merged key policy would be ${compactSize} bytes, over the ${KEY_POLICY_MAX_BYTES}-byte key policy limit`
  }
}

/**
 * Checks a policy read back after the merge: every statement of `before`, in order and unchanged, then the new
 * statement (unless `before` already held it), nothing else; and the other top-level fields unchanged.
 */
export function verifyMerged(
  before: string,
  after: string,
  statement: PolicyStatement
): { ok: boolean; problems: string[] } {
  const parse = (text: string, name: string): Record<string, unknown> | string => {
    try {
      const value: unknown = JSON.parse(text)
      return isPlainObject(value) ? value : `the ${name} policy is not a JSON object`
    } catch (err) {
      return `the ${name} policy is not valid JSON: ${(err as Error).message}`
    }
  }
  const old = parse(before, 'original')
  const merged = parse(after, 'merged')
  if (typeof old === 'string' || typeof merged === 'string') {
    return { ok: false, problems: [old, merged].filter((p): p is string => typeof p === 'string') }
  }
  const problems: string[] = []
  const oldStatements = statementsOf(old) ?? []
  const newStatements = statementsOf(merged)
  if (newStatements === undefined) return { ok: false, problems: ['the merged policy has no Statement'] }
  const expected = oldStatements.some(s => deepEqual(s, statement))
    ? oldStatements
    : [...oldStatements, statement]
  if (newStatements.length !== expected.length) {
    problems.push(`expected ${expected.length} statements, found ${newStatements.length}`)
  }
  expected.forEach((want, i) => {
    const got = newStatements[i]
    const isNew = i === oldStatements.length
    if (got === undefined) problems.push(`${describe(want, i)} is missing`)
    else if (!deepEqual(got, want)) {
      problems.push(
        isNew
          ? `the new statement is not at position ${i + 1} as written`
          : `${describe(want, i)} was changed`
      )
    }
  })
  for (const key of new Set([...Object.keys(old), ...Object.keys(merged)])) {
    if (key !== 'Statement' && !deepEqual(old[key], merged[key]))
      problems.push(`the top-level field ${key} was changed`)
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
