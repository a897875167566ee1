import { describe, it, expect } from '@jest/globals'
import { parseKeyPolicy, UNRESOLVED_MARKER, type ParsedPolicy } from '../../src/kms/policy.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'

function parsed(input: string | object): ParsedPolicy {
  const result = parseKeyPolicy(input)
  if (!result.ok) throw new Error(`expected a policy, got: ${result.error}`)
  return result.policy
}

function statement(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:CreateGrant', Resource: '*', ...extra }
}

describe('parseKeyPolicy: normalisation', () => {
  it('accepts text and an already parsed object alike', () => {
    const doc = { Version: '2012-10-17', Id: 'key-default-1', Statement: [statement({ Sid: 'A' })] }
    expect(parsed(JSON.stringify(doc))).toEqual(parsed(doc))
    expect(parsed(doc)).toMatchObject({
      version: '2012-10-17',
      id: 'key-default-1',
      statementWasObject: false
    })
  })

  it('accepts a byte-order mark before the JSON', () => {
    expect(parsed(`\uFEFF${JSON.stringify({ Statement: [] })}`).statements).toEqual([])
  })

  it('turns a Statement object into one statement at index 0 and remembers the shape', () => {
    const policy = parsed({ Statement: statement({ Sid: 'Only' }) })
    expect(policy.statementWasObject).toBe(true)
    expect(policy.statements).toHaveLength(1)
    expect(policy.statements[0]).toMatchObject({ index: 0, sid: 'Only', effect: 'Allow' })
  })

  it('keeps each statement index and Sid, Sids with spaces included', () => {
    const policy = parsed({ Statement: [statement({ Sid: 'Enable IAM User Permissions' }), statement()] })
    expect(policy.statements.map(s => [s.index, s.sid])).toEqual([
      [0, 'Enable IAM User Permissions'],
      [1, undefined]
    ])
  })

  it.each([
    ['Action', 'kms:CreateGrant', ['kms:CreateGrant']],
    ['Action', ['kms:CreateGrant', 'kms:Decrypt'], ['kms:CreateGrant', 'kms:Decrypt']],
    ['NotAction', 'kms:Decrypt', ['kms:Decrypt']],
    ['Resource', '*', ['*']],
    [
      'NotResource',
      ['arn:aws:kms:us-east-1:111122223333:key/a'],
      ['arn:aws:kms:us-east-1:111122223333:key/a']
    ]
  ])('normalises %s %j to a list', (element, value, expected) => {
    const base = statement()
    delete base[element.replace('Not', '')]
    const s = parsed({ Statement: [{ ...base, [element]: value }] }).statements[0]
    const field = (element[0]?.toLowerCase() + element.slice(1)) as
      'action' | 'notAction' | 'resource' | 'notResource'
    expect(s?.[field]).toEqual(expected)
  })

  it.each([
    ['"*"', '*', { kind: 'any' }],
    ['{"AWS": string}', { AWS: ROLE }, { kind: 'named', names: { AWS: [ROLE] } }],
    [
      '{"AWS": array}',
      { AWS: [ROLE, '111122223333'] },
      { kind: 'named', names: { AWS: [ROLE, '111122223333'] } }
    ],
    [
      'several types',
      { Service: 'ec2.amazonaws.com', Federated: ['cognito-identity.amazonaws.com'] },
      {
        kind: 'named',
        names: { Service: ['ec2.amazonaws.com'], Federated: ['cognito-identity.amazonaws.com'] }
      }
    ]
  ])('normalises Principal %s', (_name, principal, expected) => {
    expect(parsed({ Statement: [statement({ Principal: principal })] }).statements[0]?.principal).toEqual(
      expected
    )
  })

  it('normalises NotPrincipal like Principal', () => {
    const s = parsed({
      Statement: [{ ...statement(), Effect: 'Deny', Principal: undefined, NotPrincipal: { AWS: ROLE } }]
    })
    expect(s.statements[0]?.notPrincipal).toEqual({ kind: 'named', names: { AWS: [ROLE] } })
    expect(s.statements[0]?.principal).toBeUndefined()
  })

  it('flattens Condition blocks into operator/key/values, numbers and booleans as strings', () => {
    const s = parsed({
      Statement: [
        statement({
          Condition: {
            StringEquals: {
              'kms:ViaService': 'ec2.us-east-1.amazonaws.com',
              'kms:CallerAccount': 111122223333
            },
            Bool: { 'kms:GrantIsForAWSResource': true },
            'ForAnyValue:StringLike': { 'kms:GrantOperations': ['Decrypt', 'Encrypt*'] }
          }
        })
      ]
    }).statements[0]
    expect(s?.conditions).toEqual([
      { operator: 'StringEquals', key: 'kms:ViaService', values: ['ec2.us-east-1.amazonaws.com'] },
      { operator: 'StringEquals', key: 'kms:CallerAccount', values: ['111122223333'] },
      { operator: 'Bool', key: 'kms:GrantIsForAWSResource', values: ['true'] },
      { operator: 'ForAnyValue:StringLike', key: 'kms:GrantOperations', values: ['Decrypt', 'Encrypt*'] }
    ])
  })

  it.each([
    ['an object', { a: 1 }],
    ['null', null],
    ['an empty list', []]
  ])(
    'keeps a condition whose value is %s, marked malformed (the evaluator answers unknown)',
    (_name, value) => {
      const s = parsed({
        Statement: [statement({ Condition: { StringEquals: { 'kms:ViaService': value } } })]
      })
      expect(s.statements[0]?.conditions[0]?.malformed).toEqual(expect.any(String))
    }
  )

  it('marks a statement unresolved when any string in it, or any key, holds the marker', () => {
    const value = `${UNRESOLVED_MARKER}Role.Arn}`
    const policy = parsed({
      Statement: [
        statement({ Principal: { AWS: [ROLE, value] } }),
        statement({ Condition: { StringEquals: { [value]: 'x' } } }),
        statement()
      ]
    })
    expect(policy.statements.map(s => s.unresolvedValues)).toEqual([[value], [value], []])
  })

  it('keeps the raw statement', () => {
    const raw = statement({ Sid: 'A' })
    expect(parsed({ Statement: [raw] }).statements[0]?.raw).toEqual(raw)
  })

  it('accepts an empty Statement array (nothing allows anything)', () => {
    expect(parsed({ Statement: [] }).statements).toEqual([])
  })

  it('does not enforce the 32 KB size limit (fix.ts does)', () => {
    const big = { Statement: [statement({ Sid: 'x'.repeat(40_000) })] }
    expect(parseKeyPolicy(JSON.stringify(big)).ok).toBe(true)
  })
})

describe('parseKeyPolicy: errors name the problem', () => {
  it.each([
    ['not JSON', '{"Statement": [', /not valid JSON/],
    ['a JSON array', '[]', /must be a JSON object/],
    ['a JSON string', '"policy"', /must be a JSON object/],
    ['no Statement', { Version: '2012-10-17' }, /has no Statement/],
    ['an unknown Version', { Version: '2020-01-01', Statement: [] }, /Version must be/],
    ['a non-object statement', { Statement: ['x'] }, /Statement\[0\] must be an object/],
    ['a bad Effect', { Statement: [statement({ Effect: 'allow' })] }, /Effect must be "Allow" or "Deny"/],
    ['a missing Effect', { Statement: [statement({ Effect: undefined })] }, /Effect must be/],
    [
      'Principal and NotPrincipal',
      { Statement: [statement({ NotPrincipal: { AWS: ROLE } })] },
      /Principal and NotPrincipal cannot both/
    ],
    ['Action and NotAction', { Statement: [statement({ NotAction: 'kms:*' })] }, /Action and NotAction/],
    [
      'Resource and NotResource',
      { Statement: [statement({ NotResource: '*' })] },
      /Resource and NotResource/
    ],
    [
      'no principal at all',
      { Statement: [statement({ Principal: undefined })] },
      /needs Principal or NotPrincipal/
    ],
    [
      'a principal string other than *',
      { Statement: [statement({ Principal: ROLE })] },
      /must be "\*" or an object/
    ],
    [
      'an unknown principal type',
      { Statement: [statement({ Principal: { aws: ROLE } })] },
      /unknown principal type "aws"/
    ],
    ['a non-string action', { Statement: [statement({ Action: [1] })] }, /Action must be a string/],
    ['a non-string Sid', { Statement: [statement({ Sid: 5 })] }, /Sid must be a string/],
    ['an unknown element', { Statement: [statement({ Effects: 'Allow' })] }, /unknown element "Effects"/],
    ['a non-object Condition', { Statement: [statement({ Condition: 'x' })] }, /Condition must be an object/],
    [
      'an operator block that is not an object',
      { Statement: [statement({ Condition: { StringEquals: 'x' } })] },
      /"StringEquals" must map condition keys/
    ]
  ])('rejects %s', (_name, input, message) => {
    const result = parseKeyPolicy(input as string | object)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })

  it('names the statement by index and Sid', () => {
    const result = parseKeyPolicy({
      Statement: [statement(), statement({ Sid: 'Bad one', Effect: 'Maybe' })]
    })
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Statement[1] (Sid "Bad one")') })
  })
})
