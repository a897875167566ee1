// @ts-check
// Small shared helpers of the fake: the error type every handler throws, query-parameter decoding,
// wildcard matching, ids and the seeded PRNG.
import { randomBytes, randomUUID, createHash } from 'node:crypto'

/** An AWS error; the server renders it in the calling service's wire format. */
export class FakeError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {string} code AWS error code (EC2 Code, query Code, KMS __type)
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

/**
 * Values of a query-protocol list: `InstanceId.1`, `InstanceId.2`, ... (EC2 flat lists) or
 * `ActionNames.member.1`, ... (awsQuery lists: pass prefix 'ActionNames.member').
 * @param {Record<string, string>} params
 * @param {string} prefix
 * @returns {string[]}
 */
export function listParam(params, prefix) {
  /** @type {[number, string][]} */
  const found = []
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)$`)
  for (const [k, v] of Object.entries(params)) {
    const m = re.exec(k)
    if (m) found.push([Number(m[1]), v])
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v)
}

/**
 * Indexed structures of a query-protocol list: `Filter.1.Name`, `Filter.1.Value.1` -> [{Name, 'Value.1'}].
 * @param {Record<string, string>} params
 * @param {string} prefix e.g. 'Filter' or 'ContextEntries.member'
 * @returns {Record<string, string>[]}
 */
export function structList(params, prefix) {
  /** @type {Map<number, Record<string, string>>} */
  const byIndex = new Map()
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.(.+)$`)
  for (const [k, v] of Object.entries(params)) {
    const m = re.exec(k)
    if (!m) continue
    const i = Number(m[1])
    const entry = byIndex.get(i) ?? {}
    entry[m[2]] = v
    byIndex.set(i, entry)
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)
}

/**
 * EC2 filters from `Filter.N.Name` / `Filter.N.Value.M`.
 * @param {Record<string, string>} params
 * @returns {{ name: string, values: string[] }[]}
 */
export function ec2Filters(params) {
  return structList(params, 'Filter').map(f => ({ name: f.Name ?? '', values: listParam(f, 'Value') }))
}

/**
 * Wildcard match as EC2 filters and IAM policies do it: `*` any run, `?` one character, `\` escapes.
 * @param {string} pattern
 * @param {string} value
 * @param {boolean} [ignoreCase]
 */
export function wildcardMatch(pattern, value, ignoreCase = false) {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i])
    else if (c === '*') re += '.*'
    else if (c === '?') re += '.'
    else re += escapeRe(c)
  }
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value)
}

/** @param {string} s */
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

export const requestId = () => randomUUID()

/** @param {number} n number of hex digits */
export const randomHex = n =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n)

/** Upper-case alphanumerics, like access key ids. @param {number} n */
export function randomAlnum(n) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return [...randomBytes(n)].map(b => abc[b % abc.length]).join('')
}

/** Deterministic hex from a seed string. @param {string} seed @param {number} n */
export const hashHex = (seed, n) => createHash('sha256').update(seed).digest('hex').slice(0, n)

/**
 * mulberry32: a tiny seeded PRNG returning floats in [0, 1).
 * @param {number} seed
 */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Account id of a caller or principal ARN (`arn:aws:sts::111122223333:...`). @param {string} arn */
export const accountOf = arn => arn.split(':')[4] ?? ''

/** Opaque pagination token for an offset. @param {number} offset */
export const encodeToken = offset => Buffer.from(JSON.stringify({ o: offset })).toString('base64')

/**
 * @param {string | undefined} token
 * @returns {number | null} the offset, 0 when absent, null when invalid
 */
export function decodeToken(token) {
  if (!token) return 0
  try {
    const o = JSON.parse(Buffer.from(token, 'base64').toString('utf8')).o
    return Number.isInteger(o) && o >= 0 ? o : null
  } catch {
    return null
  }
}
