import { describe, it, expect } from '@jest/globals'
import fc from 'fast-check'
import { analyzeKeyAccess, buildStartRequests } from '../../src/kms/access.js'
import { judgeDecrypt } from '../../src/kms/decrypt-judgement.js'
import { evaluatePolicy } from '../../src/kms/evaluate.js'
import {
  buildFixStatement,
  buildIamFixStatement,
  deepEqual,
  fixStatementSid,
  KEY_POLICY_MAX_BYTES,
  mergeFixStatement,
  verifyMerged,
  type PolicyStatement
} from '../../src/kms/fix.js'
import { readPolicyText } from '../../src/kms/json-text.js'
import { parseKeyPolicy } from '../../src/kms/policy.js'
import type { Caller, KeyFacts } from '../../src/kms/types.js'

const ACCOUNT = '111122223333'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-run-4242`
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const REGION = 'us-east-1'
const CALLER: Caller = { principalArn: ROLE, sessionArn: SESSION, accountId: ACCOUNT }
const KEY: KeyFacts = {
  arn: KEY_ARN,
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  accountId: ACCOUNT,
  region: REGION,
  keyManager: 'CUSTOMER',
  keyState: 'Enabled',
  keySpec: 'SYMMETRIC_DEFAULT',
  keyUsage: 'ENCRYPT_DECRYPT',
  aliases: []
}
const FIX = buildFixStatement(CALLER, REGION)
const bytes = (text: string): number => new TextEncoder().encode(text).length
const statementsOf = (text: string): unknown[] => {
  const statement = (JSON.parse(text) as { Statement: unknown }).Statement
  return Array.isArray(statement) ? statement : [statement]
}

// ---------------------------------------------------------------------------------------------------------------
// Generators: key policies as real people write them, in every shape the grammar allows

const principalName = fc.constantFrom(
  ROLE,
  SESSION,
  `arn:aws:iam::${ACCOUNT}:root`,
  ACCOUNT,
  `arn:aws:iam::${ACCOUNT}:role/KMSAdminRole`,
  `arn:aws:iam::${ACCOUNT}:role/ci/ci-start-role`,
  'arn:aws:iam::444455556666:root',
  '*'
)
const principal = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: fc.oneof(principalName, fc.array(principalName, { minLength: 1, maxLength: 3 })) }),
  fc.record({ Service: fc.constantFrom('ec2.amazonaws.com', 'autoscaling.amazonaws.com') })
)
const actionName = fc.constantFrom(
  'kms:CreateGrant',
  'kms:Create*',
  'kms:*',
  '*',
  'kms:Decrypt',
  'kms:ListGrants',
  'KMS:CREATEGRANT',
  'kms:Describe*'
)
const actions = fc.oneof(actionName, fc.array(actionName, { minLength: 1, maxLength: 4 }))
const conditionValue = fc.oneof(
  fc.constantFrom(
    'ec2.us-east-1.amazonaws.com',
    'ec2.*.amazonaws.com',
    'rds.us-east-1.amazonaws.com',
    'true',
    'false'
  ),
  fc.constantFrom(ACCOUNT, '203.0.113.0/24', 'Decrypt', 'Encrypt', 'vol-*'),
  fc.boolean(),
  fc.array(fc.constantFrom('Decrypt', 'Encrypt', 'ec2.us-east-1.amazonaws.com'), {
    minLength: 1,
    maxLength: 3
  })
)
const conditionKey = fc.constantFrom(
  'kms:ViaService',
  'kms:CallerAccount',
  'kms:GrantIsForAWSResource',
  'kms:GrantOperations',
  'aws:SourceIp',
  'aws:SecureTransport',
  'aws:PrincipalOrgID',
  'kms:EncryptionContext:aws:ebs:id'
)
const operator = fc.constantFrom(
  'StringEquals',
  'StringNotEquals',
  'StringLike',
  'Bool',
  'BoolIfExists',
  'IpAddress',
  'NotIpAddress',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringEquals',
  'Null',
  'StringEqualz'
)
const condition = fc.dictionary(
  operator,
  fc.dictionary(conditionKey, conditionValue, { minKeys: 1, maxKeys: 2 }),
  {
    minKeys: 1,
    maxKeys: 2
  }
)
/** Sids as key policies allow them: letters, digits and spaces; sometimes none. */
const sid = fc.stringMatching(/^[A-Za-z0-9 ]{1,24}$/)

const statement: fc.Arbitrary<PolicyStatement> = fc
  .record(
    {
      Sid: sid,
      Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      Principal: principal,
      Action: actions,
      Resource: fc.constantFrom('*', KEY_ARN, `arn:aws:kms:us-east-1:${ACCOUNT}:key/other`),
      Condition: condition
    },
    { requiredKeys: ['Effect', 'Principal', 'Action', 'Resource'] }
  )
  .map(s => ({ ...s }) as PolicyStatement)

const policyDocument = fc
  .record(
    {
      statements: fc.array(statement, { minLength: 1, maxLength: 6 }),
      asObject: fc.boolean(),
      version: fc.option(fc.constant('2012-10-17'), { nil: undefined }),
      id: fc.option(fc.constantFrom('key-default-1', 'key-consolepolicy-3', 'auto-ebs-2'), {
        nil: undefined
      }),
      indent: fc.constantFrom(0, 2, 4)
    },
    { requiredKeys: ['statements', 'asObject', 'indent'] }
  )
  .map(({ statements, asObject, version, id, indent }) => {
    const document: Record<string, unknown> = {}
    if (version !== undefined) document.Version = version
    if (id !== undefined) document.Id = id
    document.Statement = asObject && statements.length === 1 ? statements[0] : statements
    return JSON.stringify(document, null, indent)
  })

function merged(policyText: string): string {
  const result = mergeFixStatement(policyText, FIX)
  if (!result.ok) throw new Error(result.error)
  return result.policyText
}

// ---------------------------------------------------------------------------------------------------------------

describe('fixStatementSid', () => {
  it('is the prefix, the role name in CamelCase and a stable hash', () => {
    expect(fixStatementSid(ROLE)).toMatch(/^Ec2StartGuardCreateGrantCiStartRole[0-9a-f]{8}$/)
    expect(fixStatementSid(ROLE)).toBe(fixStatementSid(ROLE))
  })

  it('tells apart roles of the same name on other paths or accounts', () => {
    const others = [
      `arn:aws:iam::${ACCOUNT}:role/ci/ci-start-role`,
      'arn:aws:iam::444455556666:role/ci-start-role'
    ]
    for (const other of others) expect(fixStatementSid(other)).not.toBe(fixStatementSid(ROLE))
  })

  it('only ever holds [A-Za-z0-9], whatever the ARN', () => {
    fc.assert(fc.property(fc.string(), arn => /^[A-Za-z0-9]+$/.test(fixStatementSid(arn))))
  })
})

describe('buildFixStatement and buildIamFixStatement', () => {
  it('builds the least-privilege key-policy statement', () => {
    expect(FIX).toEqual({
      Sid: fixStatementSid(ROLE),
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' },
        Bool: { 'kms:GrantIsForAWSResource': 'true' }
      }
    })
  })

  it('builds the identity-policy statement of how-ec2-uses-kms.md 2.1 with ViaService', () => {
    expect(buildIamFixStatement(KEY_ARN, 'eu-west-1')).toEqual({
      Sid: 'Ec2StartGuardCreateGrant',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: [KEY_ARN],
      Condition: {
        StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' },
        Bool: { 'kms:GrantIsForAWSResource': true }
      }
    })
  })

  it('makes the key policy alone sufficient for the role (ALLOW), even without a root statement', () => {
    const verdict = analyzeKeyAccess({
      key: KEY,
      policy: { Statement: [FIX] },
      caller: CALLER,
      region: REGION
    })
    expect(verdict).toMatchObject({ verdict: 'ALLOW', deciding: { sid: FIX.Sid } })
  })
})

describe('mergeFixStatement', () => {
  const defaultPolicy = JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*'
      }
    ]
  })

  it('adds the statement at the end in the layout of the policy (indented or compact), other fields untouched', () => {
    for (const indent of [0, 2, 4]) {
      const text = JSON.stringify(JSON.parse(defaultPolicy), null, indent)
      const result = mergeFixStatement(text, FIX)
      expect(result).toMatchObject({ ok: true, changed: true })
      if (!result.ok) return
      const document = JSON.parse(text) as Record<string, unknown>
      // The same text a printer would give for the merged policy: the layout is the policy's own.
      expect(result.policyText).toBe(
        JSON.stringify({ ...document, Statement: [...statementsOf(text), FIX] }, null, indent)
      )
      expect(Object.keys(JSON.parse(result.policyText) as object)).toEqual(['Version', 'Id', 'Statement'])
    }
  })

  it('edits the text: what was there is kept byte for byte, numbers included', () => {
    const text = [
      '{ "Version" : "2012-10-17",',
      '  "Statement": [',
      '    {"Sid":"Big", "Effect":"Deny", "Principal":"*", "Action":"kms:Decrypt", "Resource":"*",',
      '     "Condition": {"NumericGreaterThan": {"kms:RecipientAttestation:Cpu": 99999999999999999999}}},',
      '    { "Sid": "Tiny", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:EpochTime": 1.50e+3}} }',
      '  ],',
      '  "Id": "x\\u0041y"',
      '}'
    ].join('\n')
    const result = mergeFixStatement(text, FIX)
    expect(result).toMatchObject({ ok: true, changed: true })
    if (!result.ok) return
    expect(result.policyText).toContain('99999999999999999999')
    expect(result.policyText).toContain('1.50e+3')
    expect(result.policyText).toContain('"x\\u0041y"')
    // Take the inserted text out again, and the policy is what it was.
    const lastEnd = text.indexOf('}} }') + 4
    expect(result.policyText.slice(0, lastEnd)).toBe(text.slice(0, lastEnd))
    expect(result.policyText.endsWith(text.slice(lastEnd))).toBe(true)
    expect(statementsOf(result.policyText)[2]).toEqual(FIX)
    // A parse-and-print round trip would have rewritten the number.
    expect(JSON.stringify(JSON.parse(text))).toContain('100000000000000000000')
  })

  it.each([
    [
      'two Statement members',
      '{"Statement": [], "Statement": [{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}',
      '"Statement" (top level)'
    ],
    [
      'a statement with two Effects',
      '{"Statement": [{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Effect":"Allow"}]}',
      '"Effect" (in Statement.[0])'
    ],
    [
      'two Version members',
      '{"Version":"2012-10-17","Version":"2008-10-17","Statement": []}',
      '"Version" (top level)'
    ]
  ])('refuses a policy with duplicate members: %s', (_name, text, where) => {
    const result = mergeFixStatement(text, FIX)
    expect(result).toEqual({ ok: false, error: expect.stringContaining('duplicate members') })
    expect(!result.ok && result.error).toContain(where)
  })

  it('turns a Statement object into an array, keeping its content', () => {
    const single = { Sid: 'Only', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }
    const result = mergeFixStatement(JSON.stringify({ Statement: single }), FIX)
    expect(result.ok && JSON.parse(result.policyText)).toEqual({ Statement: [single, FIX] })
  })

  it('changes nothing when the same statement is already there', () => {
    const once = merged(defaultPolicy)
    expect(mergeFixStatement(once, FIX)).toEqual({
      ok: true,
      changed: false,
      policyText: once,
      reason: expect.any(String)
    })
  })

  it('refuses to overwrite a statement of the same Sid with other content', () => {
    const tampered = JSON.stringify({ Statement: [{ ...FIX, Action: 'kms:*' }] })
    const result = mergeFixStatement(tampered, FIX)
    expect(result).toEqual({ ok: false, error: expect.stringContaining(`Sid "${String(FIX.Sid)}"`) })
  })

  it.each([
    ['not JSON', '{"Statement": ['],
    ['not an object', '[]'],
    ['without Statement', '{"Version": "2012-10-17"}'],
    ['with a string Statement', '{"Statement": "x"}']
  ])('refuses a policy %s', (_name, text) => {
    expect(mergeFixStatement(text, FIX).ok).toBe(false)
  })

  it('refuses a result over 32,768 bytes and names its size', () => {
    const huge = JSON.stringify({ Statement: [{ Sid: 'x'.repeat(KEY_POLICY_MAX_BYTES), Effect: 'Allow' }] })
    const result = mergeFixStatement(huge, FIX)
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/would be \d+ bytes, over the 32768-byte/)
    })
  })

  it('writes the new statement compactly when only the indented form is too big', () => {
    const statements = Array.from({ length: 100 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Principal: { AWS: [ROLE, `arn:aws:iam::${ACCOUNT}:root`] },
      Action: ['kms:Decrypt', 'kms:Encrypt'],
      Resource: '*'
    }))
    const base = JSON.stringify({ Id: '', Statement: statements }, null, 2)
    const compactInsert = `,\n    ${JSON.stringify(FIX)}`
    // Pad the Id so that the policy with the compact statement is exactly at the limit.
    const text = base.replace(
      '"Id": ""',
      `"Id": "${'p'.repeat(KEY_POLICY_MAX_BYTES - bytes(base) - bytes(compactInsert))}"`
    )
    const result = mergeFixStatement(text, FIX)
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      reason: expect.stringContaining('without indentation')
    })
    expect(result.ok && bytes(result.policyText)).toBe(KEY_POLICY_MAX_BYTES)
    expect(result.ok && result.policyText.startsWith(text.slice(0, text.lastIndexOf('\n  ]')))).toBe(true)
  })

  it('refuses characters KMS does not accept', () => {
    const text = JSON.stringify({ Statement: [{ Sid: 'snow \u2603', Effect: 'Allow' }] })
    expect(mergeFixStatement(text, FIX)).toEqual({ ok: false, error: expect.stringContaining('Latin-1') })
  })
})

describe('verifyMerged', () => {
  const before = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'A', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'B', Effect: 'Deny', Principal: '*', Action: 'kms:Encrypt', Resource: '*' }
    ]
  })
  const after = merged(before)
  const rewrite = (change: (document: { Version?: string; Statement: unknown[] }) => void): string => {
    const document = JSON.parse(after) as { Version?: string; Statement: unknown[] }
    change(document)
    return JSON.stringify(document)
  }

  it('accepts the merge, in any formatting', () => {
    expect(verifyMerged(before, after, FIX)).toEqual({ ok: true, problems: [] })
    expect(verifyMerged(before, JSON.stringify(JSON.parse(after)), FIX).ok).toBe(true)
  })

  it.each([
    [
      'a dropped statement',
      (d: { Statement: unknown[] }) => d.Statement.splice(0, 1),
      /expected 3 statements, found 2/
    ],
    ['reordered statements', (d: { Statement: unknown[] }) => d.Statement.reverse(), /was changed/],
    [
      'an altered statement',
      (d: { Statement: unknown[] }) => Object.assign(d.Statement[1] as object, { Action: 'kms:*' }),
      /statement #2 \(Sid "B"\) was changed/
    ],
    [
      'a missing new statement',
      (d: { Statement: unknown[] }) => d.Statement.pop(),
      /statement #3.* is missing/
    ],
    [
      'an extra statement',
      (d: { Statement: unknown[] }) => d.Statement.push({ Sid: 'X' }),
      /expected 3 statements, found 4/
    ],
    ['a changed Version', (d: { Version?: string }) => (d.Version = '2008-10-17'), /top-level field Version/]
  ])('rejects %s', (_name, change, problem) => {
    const result = verifyMerged(before, rewrite(change as (d: { Statement: unknown[] }) => void), FIX)
    expect(result.ok).toBe(false)
    expect(result.problems.join('\n')).toMatch(problem)
  })

  it('accepts an unchanged policy when the statement was already there', () => {
    expect(verifyMerged(after, after, FIX).ok).toBe(true)
  })

  it('reports unparseable input', () => {
    expect(verifyMerged(before, 'nope', FIX)).toEqual({
      ok: false,
      problems: [expect.stringContaining('merged')]
    })
  })
})

describe('properties over generated key policies', () => {
  it('(1) keeps every original statement, in order and deep-equal, and adds the fix last', () => {
    fc.assert(
      fc.property(policyDocument, text => {
        const out = merged(text)
        const original = statementsOf(text)
        const after = statementsOf(out)
        expect(after.slice(0, original.length)).toEqual(original)
        expect(after).toHaveLength(original.length + 1)
        expect(after[original.length]).toEqual(FIX)
        const { Statement: _a, ...beforeRest } = JSON.parse(text) as Record<string, unknown>
        const { Statement: _b, ...afterRest } = JSON.parse(out) as Record<string, unknown>
        expect(afterRest).toEqual(beforeRest)
      })
    )
  })

  it('(2) is idempotent: merging again changes nothing and says so', () => {
    fc.assert(
      fc.property(policyDocument, text => {
        const once = merged(text)
        const twice = mergeFixStatement(once, FIX)
        expect(twice).toMatchObject({ ok: true, changed: false, policyText: once })
      })
    )
  })

  it('(3) makes the caller ALLOW, unless a Deny of either request already matched (still DENY_EXPLICIT) or might match', () => {
    const [grant, decrypt] = buildStartRequests(CALLER, KEY_ARN, REGION)
    const request = grant!.forms[0]!.request
    fc.assert(
      fc.property(policyDocument, text => {
        const parsedBefore = parseKeyPolicy(text)
        if (!parsedBefore.ok) throw new Error(parsedBefore.error)
        const before = evaluatePolicy(parsedBefore.policy, request)
        const decryptBefore = judgeDecrypt(parsedBefore.policy, decrypt!)
        const verdict = analyzeKeyAccess({ key: KEY, policy: merged(text), caller: CALLER, region: REGION })
        if (before.deniedBy.length > 0) {
          expect(verdict.verdict).toBe('DENY_EXPLICIT')
          expect(verdict.deciding).toEqual(before.deniedBy[0])
        } else if (decryptBefore.state === 'denied') {
          // The fix allows the caller's CreateGrant; it never touches a Deny of EC2's own Decrypt, and a certain
          // Deny of that Decrypt fails the start whatever the CreateGrant would do.
          expect(verdict.verdict).toBe('DENY_EXPLICIT')
          expect(verdict.deniedRequest).toBe('Decrypt')
          expect(verdict.deciding).toEqual(decryptBefore.by)
        } else if (before.maybeDeniedBy.length > 0) {
          expect(verdict.verdict).toBe('CANNOT_EVALUATE')
        } else if (decryptBefore.state !== 'notDenied') {
          expect(verdict.verdict).toBe('CANNOT_EVALUATE')
        } else {
          expect(verdict.verdict).toBe('ALLOW')
        }
      }),
      { numRuns: 300 }
    )
  })

  it('(4) never produces more than 32,768 bytes, and refuses only when even the compact form is too big', () => {
    const padded = fc.tuple(policyDocument, fc.integer({ min: 0, max: 40_000 })).map(([text, padding]) => {
      const document = JSON.parse(text) as Record<string, unknown>
      return JSON.stringify({ ...document, Id: 'p'.repeat(padding) })
    })
    fc.assert(
      fc.property(padded, text => {
        const result = mergeFixStatement(text, FIX)
        const document = JSON.parse(text) as Record<string, unknown>
        const compact = JSON.stringify({ ...document, Statement: [...statementsOf(text), FIX] })
        if (result.ok) expect(bytes(result.policyText)).toBeLessThanOrEqual(KEY_POLICY_MAX_BYTES)
        else expect(bytes(compact)).toBeGreaterThan(KEY_POLICY_MAX_BYTES)
      })
    )
  })

  it('(5) verifyMerged accepts the real merge and rejects a dropped, reordered or altered statement', () => {
    fc.assert(
      fc.property(
        policyDocument,
        fc.nat(),
        fc.constantFrom('drop', 'swap', 'alter'),
        (text, pick, damage) => {
          const out = merged(text)
          expect(verifyMerged(text, out, FIX)).toEqual({ ok: true, problems: [] })
          const document = JSON.parse(out) as { Statement: PolicyStatement[] }
          const list = document.Statement
          const i = pick % list.length
          if (damage === 'drop') list.splice(i, 1)
          else if (damage === 'alter') list[i] = { ...list[i], Sid: `${String(list[i]?.Sid ?? '')}x` }
          else {
            const j = (i + 1) % list.length
            fc.pre(!deepEqual(list[i], list[j]))
            ;[list[i], list[j]] = [list[j] as PolicyStatement, list[i] as PolicyStatement]
          }
          expect(verifyMerged(text, JSON.stringify(document), FIX).ok).toBe(false)
        }
      )
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Policies as text: odd layouts (tabs, CR LF, one space), numbers a parse-and-print would rewrite, duplicate members

/** Numbers JSON allows that JSON.parse + JSON.stringify would print differently (or as null). */
const rawNumber = fc.constantFrom(
  '99999999999999999999',
  '1e400',
  '0.1e-7',
  '-0',
  '1.50',
  '12345678901234567890.5'
)

const policyText = fc
  .record({
    statements: fc.array(statement, { minLength: 1, maxLength: 5 }),
    numbers: fc.array(rawNumber, { minLength: 1, maxLength: 3 }),
    asObject: fc.boolean(),
    indent: fc.constantFrom<number | string>(0, 1, 2, 4, '\t'),
    crlf: fc.boolean()
  })
  .map(({ statements, numbers, asObject, indent, crlf }) => {
    const withNumbers = statements.map((s, i) =>
      i < numbers.length ? { ...s, Condition: { NumericLessThan: { 'aws:EpochTime': `@@N${i}@@` } } } : s
    )
    const document = {
      Version: '2012-10-17',
      Statement: asObject && withNumbers.length === 1 ? withNumbers[0] : withNumbers
    }
    let text = JSON.stringify(document, null, indent)
    numbers.forEach((n, i) => (text = text.replace(`"@@N${i}@@"`, n)))
    return crlf ? text.replace(/\n/g, '\r\n') : text
  })

/** The raw text of each statement and of each other top-level member, in the order of the text. */
function rawParts(text: string): string[] {
  const read = readPolicyText(text)
  return [
    ...(read.statement?.items ?? []),
    ...read.members.filter(m => m.name !== 'Statement').map(m => m.value)
  ]
    .sort((a, b) => a.start - b.start)
    .map(span => text.slice(span.start, span.end))
}

describe('properties over key policies as text', () => {
  it('(6) keeps the text of every statement and field byte for byte, numbers included, and adds the fix last', () => {
    fc.assert(
      fc.property(policyText, text => {
        const out = merged(text)
        let from = 0
        for (const part of rawParts(text)) {
          const at = out.indexOf(part, from)
          expect(at).toBeGreaterThanOrEqual(0)
          from = at + part.length
        }
        for (const n of ['99999999999999999999', '1e400', '0.1e-7', '12345678901234567890.5'])
          expect(out.split(n).length).toBe(text.split(n).length)
        const after = statementsOf(out)
        const original = statementsOf(text)
        expect(after).toEqual([...original, FIX])
        expect(readPolicyText(out).duplicates).toEqual([])
      }),
      { numRuns: 300 }
    )
  })

  it('(7) is idempotent on any layout, and verifyMerged accepts the edit', () => {
    fc.assert(
      fc.property(policyText, text => {
        const once = merged(text)
        expect(mergeFixStatement(once, FIX)).toMatchObject({ ok: true, changed: false, policyText: once })
        expect(verifyMerged(text, once, FIX)).toEqual({ ok: true, problems: [] })
      })
    )
  })

  it('(8) refuses every policy with a duplicate member, wherever it is', () => {
    fc.assert(
      fc.property(policyText, fc.nat(), (text, pick) => {
        // Repeat one member name of one object: the first member of the pick-th object in the text.
        const objects = [...text.matchAll(/\{(\s*)("[^"]+")(\s*):/g)]
        const target = objects[pick % objects.length] as RegExpMatchArray
        const at = (target.index ?? 0) + 1
        const duplicated = `${text.slice(0, at)}${target[2]}: "dup", ${text.slice(at)}`
        expect(() => JSON.parse(duplicated)).not.toThrow()
        const result = mergeFixStatement(duplicated, FIX)
        expect(result).toEqual({ ok: false, error: expect.stringContaining('duplicate members') })
      })
    )
  })

  it('(9) verifyMerged rejects a read-back whose numbers were rewritten by a parse-and-print', () => {
    fc.assert(
      fc.property(policyText, text => {
        const out = merged(text)
        const printed = JSON.stringify(JSON.parse(out))
        const rewritten = ['99999999999999999999', '1e400', '0.1e-7', '12345678901234567890.5', '1.50'].some(
          n => out.includes(n)
        )
        fc.pre(rewritten)
        expect(verifyMerged(text, printed, FIX).ok).toBe(false)
      })
    )
  })
})
