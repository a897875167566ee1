// The wildcard matcher against a reference, and against the hostile patterns that made the RegExp it replaces take
// hours (a key policy or a pull request chooses the pattern, the action has to finish).
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { globMatcher } from '../../src/kms/glob.js'
import { evaluatePolicy } from '../../src/kms/evaluate.js'
import { parseKeyPolicy } from '../../src/kms/policy.js'
import { resolveValue, type Token } from '../../src/kms/policy-values.js'
import type { RequestContext } from '../../src/kms/types.js'

const tokens = (pattern: string): Token[] => {
  const resolved = resolveValue(pattern, { wildcards: true })
  if (!resolved.ok) throw new Error('unresolved')
  return resolved.tokens
}

/**
 * The reference: the textbook dynamic programme over (pattern position, value position), written from the
 * definition (`*` any run, `?` one UTF-16 unit, the rest literal), with the case folding a RegExp's `i` flag
 * applies, and nothing shared with the matcher under test.
 */
function reference(pattern: string, value: string, ignoreCase: boolean): boolean {
  const same = (a: string, b: string) =>
    a === b || (ignoreCase && new RegExp(`^${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i').test(b))
  const m = pattern.length
  const n = value.length
  let row = new Array<boolean>(n + 1).fill(false)
  row[0] = true
  for (let i = 1; i <= m; i++) {
    const p = pattern[i - 1] as string
    const next = new Array<boolean>(n + 1).fill(false)
    next[0] = p === '*' && row[0] === true
    for (let j = 1; j <= n; j++) {
      if (p === '*') next[j] = row[j] === true || next[j - 1] === true
      else next[j] = row[j - 1] === true && (p === '?' || same(p, value[j - 1] as string))
    }
    row = next
  }
  return row[n] === true
}

const alphabet = fc.constantFrom('a', 'A', 'b', 'B', ':', '/', '.', 'é', 'É', 'ß', '\n', '*', '?')
const text = fc.array(alphabet, { maxLength: 14 }).map(a => a.join(''))
const plainText = fc
  .array(
    alphabet.filter(c => c !== '*' && c !== '?'),
    { maxLength: 14 }
  )
  .map(a => a.join(''))

describe('globMatcher', () => {
  it('agrees with the reference matcher on every pattern and value (case-sensitive and not)', () => {
    fc.assert(
      fc.property(text, fc.oneof(plainText, text), fc.boolean(), (pattern, value, ignoreCase) => {
        expect(globMatcher(tokens(pattern), ignoreCase).test(value)).toBe(
          reference(pattern, value, ignoreCase)
        )
      }),
      { numRuns: 5000 }
    )
  })

  it('agrees with the reference on values built to match (a pattern filled in)', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(plainText, { maxLength: 14 }),
        fc.boolean(),
        (pattern, fills, ignoreCase) => {
          let k = 0
          const value = [...pattern]
            .map(c =>
              c === '*' ? (fills[k++] ?? '') : c === '?' ? (fills[k++] ?? 'x').slice(0, 1) || 'x' : c
            )
            .join('')
          expect(globMatcher(tokens(pattern), ignoreCase).test(value)).toBe(
            reference(pattern, value, ignoreCase)
          )
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('keeps the case rules: a wildcard of text is literal, case folds only when asked', () => {
    expect(globMatcher(['kms:', { wildcard: '*' }], true).test('KMS:CreateGrant')).toBe(true)
    expect(globMatcher(['kms:', { wildcard: '*' }], false).test('KMS:CreateGrant')).toBe(false)
    // A `*` inside a text token (a policy variable's value) is a literal character.
    expect(globMatcher(['a*b'], false).test('axxb')).toBe(false)
    expect(globMatcher(['a*b'], false).test('a*b')).toBe(true)
    expect(globMatcher([{ wildcard: '?' }], false).test('\n')).toBe(true)
    expect(globMatcher([], false).test('')).toBe(true)
    expect(globMatcher([], false).test('x')).toBe(false)
  })
})

const ACCOUNT = '111122223333'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const HOSTILE = `${'*?'.repeat(12)}Z`

function request(long: string): RequestContext {
  return {
    action: 'kms:CreateGrant',
    principalArn: ROLE,
    accountId: ACCOUNT,
    resourceArn: KEY,
    context: { 'kms:ViaService': long, 'aws:PrincipalArn': ROLE, 'test:Long': long },
    unknownKeys: [],
    maybeKeys: []
  }
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const began = performance.now()
  const result = work()
  return { result, ms: performance.now() - began }
}

describe('hostile wildcard patterns finish in linear time', () => {
  it(`"${HOSTILE}" against a 100,000-character value: milliseconds, and no match`, () => {
    const value = 'a'.repeat(100_000)
    const { result, ms } = timed(() => globMatcher(tokens(HOSTILE), false).test(value))
    expect(result).toBe(false)
    expect(ms).toBeLessThan(1000)
  })

  it('Action, Resource, StringLike and ArnLike with the hostile pattern: the evaluator answers at once', () => {
    const long = `${'a'.repeat(20_000)}`
    const statements = [
      { Effect: 'Allow', Principal: { AWS: ROLE }, Action: HOSTILE, Resource: '*' },
      {
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: 'kms:*',
        Resource: `arn:aws:kms:*:*:key/${HOSTILE}`
      },
      {
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { StringLike: { 'test:Long': HOSTILE } }
      },
      {
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/${HOSTILE}` } }
      }
    ]
    const parsed = parseKeyPolicy({ Version: '2012-10-17', Statement: statements })
    if (!parsed.ok) throw new Error(parsed.error)
    const { result, ms } = timed(() => evaluatePolicy(parsed.policy, request(long)))
    expect(result.decision).toBe('implicitDeny')
    expect(ms).toBeLessThan(2000)
  })
})
