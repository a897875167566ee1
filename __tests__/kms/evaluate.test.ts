import { describe, it, expect } from '@jest/globals'
import { AWS_INTERNAL, evaluatePolicy, parseOperator, type PolicyEvaluation } from '../../src/kms/evaluate.js'
import { parseKeyPolicy, UNRESOLVED_MARKER } from '../../src/kms/policy.js'
import type { RequestContext, Tristate } from '../../src/kms/types.js'

const ACCOUNT = '111122223333'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-run-4242`
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const VIA = 'ec2.us-east-1.amazonaws.com'

const REQUEST: RequestContext = {
  action: 'kms:CreateGrant',
  principalArn: ROLE,
  sessionArn: SESSION,
  accountId: ACCOUNT,
  resourceArn: KEY,
  context: {
    'kms:ViaService': VIA,
    'kms:GrantIsForAWSResource': true,
    'kms:CallerAccount': ACCOUNT,
    'kms:GrantOperations': ['Decrypt'],
    'aws:PrincipalArn': ROLE,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:SourceIp': AWS_INTERNAL,
    'test:Number': '10',
    'test:Date': '2026-06-01T12:00:00Z',
    'test:Binary': 'QmluYXJ5',
    'test:Ip4': '203.0.113.7',
    'test:Ip6': '2001:db8:1::5',
    'test:Empty': []
  },
  unknownKeys: ['kms:EncryptionContext:aws:ebs:id'],
  maybeKeys: ['aws:PrincipalOrgID', 'aws:PrincipalTag/*']
}

type Statement = Record<string, unknown>

function allow(extra: Statement = {}): Statement {
  return { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:CreateGrant', Resource: '*', ...extra }
}

function deny(extra: Statement = {}): Statement {
  return { ...allow(extra), Effect: 'Deny' }
}

function evaluate(
  statements: Statement[],
  request: RequestContext = REQUEST,
  version: string | null = '2012-10-17'
): PolicyEvaluation {
  const parsed = parseKeyPolicy(
    version === null ? { Statement: statements } : { Version: version, Statement: statements }
  )
  if (!parsed.ok) throw new Error(parsed.error)
  return evaluatePolicy(parsed.policy, request)
}

/** The match of one Allow statement naming the caller and carrying only this condition. */
function condition(
  operator: string,
  key: string,
  value: unknown,
  context?: RequestContext['context']
): Tristate {
  const request =
    context === undefined ? REQUEST : { ...REQUEST, context: { ...REQUEST.context, ...context } }
  return (
    evaluate([allow({ Condition: { [operator]: { [key]: value } } })], request).statements[0]?.match ?? false
  )
}

function absent(key: string): RequestContext['context'] {
  const { [key]: _removed, ...rest } = REQUEST.context
  return rest
}

function withoutKey(key: string): RequestContext {
  return { ...REQUEST, context: absent(key) }
}

describe('condition operators', () => {
  // [operator, key, policy value, expected]; keys missing from REQUEST are absent.
  const table: [string, string, unknown, Tristate][] = [
    // String
    ['StringEquals', 'kms:ViaService', VIA, true],
    ['StringEquals', 'kms:ViaService', 'ec2.eu-west-1.amazonaws.com', false],
    ['StringEquals', 'kms:ViaService', ['rds.us-east-1.amazonaws.com', VIA], true],
    ['StringEquals', 'kms:ViaService', 'EC2.US-EAST-1.AMAZONAWS.COM', false],
    ['StringEquals', 'KMS:VIASERVICE', VIA, true],
    ['StringEquals', 'kms:ViaService', 'ec2.*.amazonaws.com', false],
    ['StringEquals', 'kms:CallerAccount', 111122223333, true],
    ['StringEquals', 'test:Absent', 'x', false],
    ['StringEqualsIfExists', 'test:Absent', 'x', true],
    ['StringEqualsIfExists', 'kms:ViaService', 'x', false],
    ['StringNotEquals', 'kms:ViaService', VIA, false],
    ['StringNotEquals', 'kms:ViaService', 'ec2.eu-west-1.amazonaws.com', true],
    ['StringNotEquals', 'kms:ViaService', ['ec2.eu-west-1.amazonaws.com', VIA], false],
    ['StringNotEquals', 'test:Absent', 'x', true],
    ['StringNotEqualsIfExists', 'test:Absent', 'x', true],
    ['StringEqualsIgnoreCase', 'kms:ViaService', 'EC2.US-EAST-1.AMAZONAWS.COM', true],
    ['StringEqualsIgnoreCase', 'test:Absent', 'x', false],
    ['StringNotEqualsIgnoreCase', 'kms:ViaService', 'EC2.US-EAST-1.AMAZONAWS.COM', false],
    ['StringNotEqualsIgnoreCase', 'test:Absent', 'x', true],
    ['StringLike', 'kms:ViaService', 'ec2.*.amazonaws.com', true],
    ['StringLike', 'kms:ViaService', 'ec2.??-east-1.amazonaws.com', true],
    ['StringLike', 'kms:ViaService', 'EC2.*', false],
    ['StringLike', 'kms:ViaService', 'rds.*', false],
    ['StringLike', 'test:Absent', '*', false],
    ['StringLikeIfExists', 'test:Absent', 'x', true],
    ['StringNotLike', 'kms:ViaService', 'ec2.*', false],
    ['StringNotLike', 'kms:ViaService', 'rds.*', true],
    ['StringNotLike', 'test:Absent', '*', true],
    // Bool: JSON booleans and strings, case-insensitive
    ['Bool', 'kms:GrantIsForAWSResource', 'true', true],
    ['Bool', 'kms:GrantIsForAWSResource', true, true],
    ['Bool', 'kms:GrantIsForAWSResource', 'TRUE', true],
    ['Bool', 'kms:GrantIsForAWSResource', 'false', false],
    ['Bool', 'aws:SecureTransport', 'false', false],
    ['Bool', 'kms:GrantIsForAWSResource', 'yes', 'unknown'],
    ['BoolIfExists', 'aws:SecureTransport', 'false', true],
    // Null: true means "absent"
    ['Null', 'test:Absent', 'true', true],
    ['Null', 'test:Absent', false, false],
    ['Null', 'kms:ViaService', 'true', false],
    ['Null', 'kms:ViaService', 'false', true],
    ['Null', 'test:Empty', 'true', true],
    ['Null', 'kms:ViaService', 'maybe', 'unknown'],
    // Arn: per component, wildcards in ArnEquals too
    ['ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/ci-*`, true],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/ci-start-role', true],
    ['ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/other`, false],
    ['ArnLike', 'aws:PrincipalArn', '*', true],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*', 'unknown'],
    ['ArnLike', 'test:Absent', '*', false],
    ['ArnLikeIfExists', 'test:Absent', 'arn:aws:iam::1:role/x', true],
    ['ArnEquals', 'aws:PrincipalArn', ROLE, true],
    ['ArnEquals', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`, true],
    ['ArnNotEquals', 'aws:PrincipalArn', ROLE, false],
    ['ArnNotLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/other-*`, true],
    ['ArnNotLike', 'test:Absent', '*', true],
    // Ip: real CIDR matching, v4 and v6; EC2's own call comes from an AWS-internal address
    ['IpAddress', 'test:Ip4', '203.0.113.0/24', true],
    ['IpAddress', 'test:Ip4', '203.0.113.7', true],
    ['IpAddress', 'test:Ip4', '203.0.113.8/32', false],
    ['IpAddress', 'test:Ip4', '198.51.100.0/22', false],
    ['IpAddress', 'test:Ip4', '0.0.0.0/0', true],
    ['IpAddress', 'test:Ip4', ['198.51.100.0/24', '203.0.0.0/8'], true],
    ['IpAddress', 'test:Ip4', '2001:db8::/32', false],
    ['IpAddress', 'test:Ip6', '2001:db8::/32', true],
    ['IpAddress', 'test:Ip6', '2001:0db8:0001:0000:0000:0000:0000:0005/128', true],
    ['IpAddress', 'test:Ip6', '2001:db9::/32', false],
    ['IpAddress', 'test:Ip6', '2001:db8:1::/48', true],
    ['IpAddress', 'test:Ip6', '2001:db8:2::/48', false],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', false],
    ['IpAddress', 'aws:SourceIp', '0.0.0.0/0', false],
    ['IpAddress', 'test:Ip4', '300.1.1.1/24', 'unknown'],
    ['IpAddress', 'test:Ip4', '10.0.0.0/33', 'unknown'],
    ['IpAddress', 'test:Ip6', '2001:db8::1::/64', 'unknown'],
    ['IpAddress', 'test:Absent', '0.0.0.0/0', false],
    ['IpAddressIfExists', 'test:Absent', '10.0.0.0/8', true],
    ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', true],
    ['NotIpAddress', 'test:Ip4', '203.0.113.0/24', false],
    ['NotIpAddress', 'test:Ip6', '::/0', false],
    ['NotIpAddress', 'test:Absent', '10.0.0.0/8', true],
    // Numeric
    ['NumericEquals', 'test:Number', '10', true],
    ['NumericEquals', 'test:Number', 10.0, true],
    ['NumericEquals', 'test:Number', '11', false],
    ['NumericNotEquals', 'test:Number', '11', true],
    ['NumericNotEquals', 'test:Absent', '11', true],
    ['NumericLessThan', 'test:Number', '11', true],
    ['NumericLessThan', 'test:Number', '10', false],
    ['NumericLessThanEquals', 'test:Number', '10', true],
    ['NumericGreaterThan', 'test:Number', '9.5', true],
    ['NumericGreaterThan', 'test:Number', '10', false],
    ['NumericGreaterThanEquals', 'test:Number', '10', true],
    ['NumericEquals', 'test:Number', 'ten', 'unknown'],
    ['NumericEquals', 'test:Absent', '1', false],
    ['NumericLessThanIfExists', 'test:Absent', '1', true],
    // Date: ISO 8601 or epoch seconds
    ['DateEquals', 'test:Date', '2026-06-01T12:00:00Z', true],
    ['DateEquals', 'test:Date', '1780315200', true],
    ['DateNotEquals', 'test:Date', '2026-06-01T12:00:01Z', true],
    ['DateNotEquals', 'test:Absent', '2026-06-01', true],
    ['DateLessThan', 'test:Date', '2026-06-02', true],
    ['DateLessThan', 'test:Date', '2026-06-01', false],
    ['DateLessThanEquals', 'test:Date', '2026-06-01T12:00:00Z', true],
    ['DateGreaterThan', 'test:Date', '2026-01-01T00:00:00Z', true],
    ['DateGreaterThanEquals', 'test:Date', '2027-01-01T00:00:00Z', false],
    ['DateGreaterThan', 'test:Date', 'tomorrow', 'unknown'],
    ['DateGreaterThan', 'test:Absent', '2020-01-01', false],
    ['DateGreaterThanIfExists', 'test:Absent', '2020-01-01', true],
    // Binary: base64
    ['BinaryEquals', 'test:Binary', 'QmluYXJ5', true],
    ['BinaryEquals', 'test:Binary', 'T3RoZXI=', false],
    ['BinaryEquals', 'test:Binary', '***', 'unknown'],
    ['BinaryEqualsIfExists', 'test:Absent', 'QmluYXJ5', true],
    // Set operators over a multi-valued key
    ['ForAnyValue:StringEquals', 'kms:GrantOperations', 'Decrypt', true],
    ['ForAnyValue:StringEquals', 'kms:GrantOperations', ['Encrypt', 'ReEncryptFrom'], false],
    ['ForAnyValue:StringEquals', 'test:Absent', 'Decrypt', false],
    ['ForAnyValue:StringEquals', 'test:Empty', 'Decrypt', false],
    ['ForAnyValue:StringEqualsIfExists', 'test:Absent', 'Decrypt', true],
    ['ForAnyValue:StringLike', 'kms:GrantOperations', 'De*', true],
    ['ForAnyValue:StringNotEquals', 'kms:GrantOperations', 'Decrypt', false],
    ['ForAnyValue:StringNotEquals', 'kms:GrantOperations', 'Encrypt', true],
    ['ForAllValues:StringEquals', 'kms:GrantOperations', ['Decrypt', 'Encrypt'], true],
    ['ForAllValues:StringEquals', 'kms:GrantOperations', 'Encrypt', false],
    ['ForAllValues:StringEquals', 'test:Absent', 'Encrypt', true],
    ['ForAllValues:StringEquals', 'test:Empty', 'Encrypt', true],
    ['ForAllValues:StringNotEquals', 'kms:GrantOperations', 'Encrypt', true],
    ['ForAllValues:StringNotEquals', 'kms:GrantOperations', 'Decrypt', false],
    // ...and over a single-valued key: a one-element set
    ['ForAnyValue:StringEquals', 'kms:ViaService', [VIA, 'rds.us-east-1.amazonaws.com'], true],
    ['ForAllValues:StringLike', 'kms:ViaService', 'ec2.*', true],
    ['ForAllValues:StringEquals', 'kms:ViaService', 'rds.us-east-1.amazonaws.com', false],
    ['ForAnyValue:IpAddress', 'aws:SourceIp', '0.0.0.0/0', false],
    ['ForAllValues:NumericLessThan', 'test:Number', '100', true],
    // Unknown operators and malformed values are never guessed
    ['StringEqualz', 'kms:ViaService', VIA, 'unknown'],
    ['stringequals', 'kms:ViaService', VIA, 'unknown'],
    ['ForSomeValues:StringEquals', 'kms:ViaService', VIA, 'unknown'],
    ['NullIfExists', 'test:Absent', 'true', 'unknown'],
    ['ForAnyValue:Null', 'test:Absent', 'true', 'unknown'],
    ['IfExists', 'kms:ViaService', VIA, 'unknown'],
    ['StringEquals', 'kms:ViaService', { nested: true }, 'unknown'],
    ['StringEquals', 'kms:ViaService', [], 'unknown']
  ]

  it.each(table)('%s on %s with %j is %s', (operator, key, value, expected) => {
    expect(condition(operator, key, value)).toBe(expected)
  })

  it('without a set operator, a multi-valued key matches when any value does (and the negation is its opposite)', () => {
    const context = { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] }
    expect(condition('StringEquals', 'kms:GrantOperations', 'Encrypt', context)).toBe(true)
    expect(condition('StringNotEquals', 'kms:GrantOperations', 'Encrypt', context)).toBe(false)
    expect(condition('ForAllValues:StringEquals', 'kms:GrantOperations', 'Encrypt', context)).toBe(false)
  })

  it('ANDs operators and keys, ORs values', () => {
    const both = {
      StringEquals: { 'kms:ViaService': VIA, 'kms:CallerAccount': ACCOUNT },
      Bool: { 'kms:GrantIsForAWSResource': 'true' }
    }
    const oneWrong = { StringEquals: { 'kms:ViaService': VIA, 'kms:CallerAccount': '444455556666' } }
    const oneOperatorWrong = {
      StringEquals: { 'kms:ViaService': VIA },
      Bool: { 'kms:GrantIsForAWSResource': 'false' }
    }
    expect(evaluate([allow({ Condition: both })]).decision).toBe('allow')
    expect(evaluate([allow({ Condition: oneWrong })]).decision).toBe('implicitDeny')
    expect(evaluate([allow({ Condition: oneOperatorWrong })]).decision).toBe('implicitDeny')
  })

  it('an unknown condition does not matter when another condition of the statement is false', () => {
    const result = evaluate([
      allow({ Condition: { Whatever: { a: 'b' }, StringEquals: { 'kms:ViaService': 'x' } } })
    ])
    expect(result.decision).toBe('implicitDeny')
    expect(result.statements[0]?.match).toBe(false)
    expect(result.unknownBecause).toEqual([])
  })

  it('parses operator names exactly as AWS spells them', () => {
    expect(parseOperator('ForAllValues:StringNotLikeIfExists')).toEqual({
      base: { family: 'stringLike', negated: true },
      set: 'ForAllValues',
      ifExists: true
    })
    expect(parseOperator('Null')).toMatchObject({ ifExists: false })
    expect(parseOperator('constructor')).toBeUndefined()
  })
})

describe('keys whose value is unknown', () => {
  it('a comparison on a key present with an unknown value is unknown, Null on it is not', () => {
    const key = 'kms:EncryptionContext:aws:ebs:id'
    expect(condition('StringEquals', key, 'vol-0123456789abcdef0')).toBe('unknown')
    expect(condition('StringNotEquals', key, 'vol-0123456789abcdef0')).toBe('unknown')
    expect(condition('ForAnyValue:StringLike', key, 'vol-*')).toBe('unknown')
    expect(condition('StringEqualsIfExists', key, 'vol-1')).toBe('unknown')
    expect(condition('Null', key, 'false')).toBe(true)
    expect(condition('Null', key, 'true')).toBe(false)
  })

  it('a key that may or may not be present is unknown unless both possibilities agree', () => {
    expect(condition('StringEquals', 'aws:PrincipalOrgID', 'o-abc')).toBe('unknown')
    expect(condition('StringNotEqualsIfExists', 'aws:PrincipalOrgID', 'o-abc')).toBe('unknown')
    expect(condition('Null', 'aws:PrincipalOrgID', 'true')).toBe('unknown')
    expect(condition('StringEquals', 'aws:PrincipalTag/team', 'ci')).toBe('unknown')
  })

  it('lists every cause, naming the statement', () => {
    const result = evaluate([
      allow({ Sid: 'OrgOnly', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })
    ])
    expect(result.decision).toBe('unknown')
    expect(result.maybeAllowedBy).toEqual([{ index: 0, sid: 'OrgOnly', effect: 'Allow' }])
    expect(result.unknownBecause).toEqual([
      expect.stringMatching(/^statement "OrgOnly": aws:PrincipalOrgID may or may not/)
    ])
  })
})

describe('policy variables', () => {
  const arnWithVariable = 'arn:aws:iam::${aws:PrincipalAccount}:role/ci-start-role'

  it('substitutes a variable from the request in version 2012-10-17', () => {
    expect(condition('StringEquals', 'aws:PrincipalArn', arnWithVariable)).toBe(true)
    expect(condition('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:PrincipalAccount}:role/*')).toBe(true)
  })

  it('is unknown when the variable is not in the request, unless a default is given', () => {
    expect(condition('StringEquals', 'kms:ViaService', '${aws:username}')).toBe('unknown')
    expect(condition('StringEquals', 'kms:ViaService', "${aws:username, 'nobody'}")).toBe(false)
    expect(
      condition('StringEquals', 'kms:ViaService', "${aws:username, 'ec2.us-east-1.amazonaws.com'}")
    ).toBe(true)
    expect(
      condition('StringEquals', 'kms:ViaService', '${kms:GrantOperations}', {
        'kms:GrantOperations': ['a', 'b']
      })
    ).toBe('unknown')
  })

  it('treats ${*}, ${?} and ${$} as literal characters, also in StringLike', () => {
    expect(condition('StringLike', 'test:Text', 'a${*}b', { 'test:Text': 'a*b' })).toBe(true)
    expect(condition('StringLike', 'test:Text', 'a${*}b', { 'test:Text': 'axb' })).toBe(false)
    expect(condition('StringEquals', 'test:Text', '${$}${?}', { 'test:Text': '$?' })).toBe(true)
  })

  it('leaves ${...} literal in a policy without Version 2012-10-17', () => {
    const statement = allow({ Condition: { StringEquals: { 'aws:PrincipalArn': arnWithVariable } } })
    expect(evaluate([statement], REQUEST, '2008-10-17').decision).toBe('implicitDeny')
    expect(evaluate([statement], REQUEST, null).decision).toBe('implicitDeny')
  })

  it('substitutes in the resource part of a Resource ARN, and only there (after the fifth colon)', () => {
    // IAM User Guide, policy variables: no variable may replace the service, region or account part of an ARN.
    const inAccount = 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*'
    expect(evaluate([allow({ Resource: inAccount })]).decision).toBe('implicitDeny')
    const inResource = 'arn:aws:kms:us-east-1:111122223333:${aws:PrincipalAccount}*'
    expect(evaluate([allow({ Resource: inResource })]).decision).toBe('implicitDeny')
    expect(
      evaluate([allow({ Resource: 'arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalAccount}' })])
        .decision
    ).toBe('implicitDeny')
    // After the fifth colon a variable is substituted (an absent one makes the match unknown); before it, never.
    expect(
      evaluate([allow({ Resource: 'arn:aws:kms:us-east-1:111122223333:key/${aws:NoSuchKey}' })]).decision
    ).toBe('unknown')
    expect(evaluate([allow({ Resource: 'arn:aws:kms:us-east-1:${aws:NoSuchKey}:key/*' })]).decision).toBe(
      'implicitDeny'
    )
  })
})

describe('principals (key policy semantics)', () => {
  const cases: [
    string,
    unknown,
    RequestContext,
    { match: Tristate; direct: Tristate; viaAccount: Tristate }
  ][] = [
    ['"*"', '*', REQUEST, { match: true, direct: true, viaAccount: false }],
    ['{"AWS": "*"}', { AWS: '*' }, REQUEST, { match: true, direct: true, viaAccount: false }],
    ['the role ARN', { AWS: ROLE }, REQUEST, { match: true, direct: true, viaAccount: false }],
    ['the session ARN', { AWS: SESSION }, REQUEST, { match: true, direct: true, viaAccount: false }],
    [
      'another session of the role',
      { AWS: `${SESSION}-other` },
      REQUEST,
      { match: false, direct: false, viaAccount: false }
    ],
    [
      'another role',
      { AWS: `arn:aws:iam::${ACCOUNT}:role/app-role` },
      REQUEST,
      { match: false, direct: false, viaAccount: false }
    ],
    [
      'the account root ARN',
      { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      REQUEST,
      { match: true, direct: false, viaAccount: true }
    ],
    ['the bare account ID', { AWS: ACCOUNT }, REQUEST, { match: true, direct: false, viaAccount: true }],
    [
      'another account',
      { AWS: 'arn:aws:iam::444455556666:root' },
      REQUEST,
      { match: false, direct: false, viaAccount: false }
    ],
    [
      'the account in another partition',
      { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` },
      REQUEST,
      { match: false, direct: false, viaAccount: false }
    ],
    [
      'account and role',
      { AWS: [`arn:aws:iam::${ACCOUNT}:root`, ROLE] },
      REQUEST,
      { match: true, direct: true, viaAccount: true }
    ],
    [
      'a service principal',
      { Service: 'ec2.amazonaws.com' },
      REQUEST,
      { match: false, direct: false, viaAccount: false }
    ],
    [
      'a federated principal',
      { Federated: 'token.actions.githubusercontent.com' },
      REQUEST,
      { match: false, direct: false, viaAccount: false }
    ],
    [
      'an unresolved value',
      { AWS: `${UNRESOLVED_MARKER}Role.Arn}` },
      REQUEST,
      { match: 'unknown', direct: 'unknown', viaAccount: 'unknown' }
    ],
    [
      'a session of the role, when the caller session is not known',
      { AWS: SESSION },
      { ...REQUEST, sessionArn: undefined },
      { match: 'unknown', direct: 'unknown', viaAccount: false }
    ]
  ]

  it.each(cases)('Principal %s', (_name, principal, request, expected) => {
    expect(evaluate([allow({ Principal: principal })], request).statements[0]).toMatchObject(expected)
  })

  it('matches a role with a path only by its full ARN', () => {
    const withPath = `arn:aws:iam::${ACCOUNT}:role/ci/deploy/ci-start-role`
    const request = {
      ...REQUEST,
      principalArn: withPath,
      sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/s1`
    }
    expect(evaluate([allow({ Principal: { AWS: withPath } })], request).decision).toBe('allow')
    expect(evaluate([allow({ Principal: { AWS: ROLE } })], request).decision).toBe('implicitDeny')
    expect(evaluate([allow({ Principal: { AWS: request.sessionArn } })], request).decision).toBe('allow')
  })

  it('matches the role on any path by account and name when the caller path is not known', () => {
    const request = { ...REQUEST, principalPathUnknown: true }
    const named = (arn: string) => evaluate([allow({ Principal: { AWS: arn } })], request).decision
    expect(named(`arn:aws:iam::${ACCOUNT}:role/ci/deploy/ci-start-role`)).toBe('allow')
    expect(named(ROLE)).toBe('allow')
    expect(named('arn:aws:iam::444455556666:role/ci/ci-start-role')).toBe('implicitDeny')
    expect(named(`arn:aws:iam::${ACCOUNT}:role/ci/other-role`)).toBe('implicitDeny')
    expect(
      evaluate([allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci/ci-start-role` } })]).decision
    ).toBe('implicitDeny')
  })

  it('records whether an allow is direct or only via the account', () => {
    const result = evaluate([
      allow({ Sid: 'Root', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
      allow({ Sid: 'Role' })
    ])
    expect(result.allowedBy).toEqual([
      { index: 0, sid: 'Root', effect: 'Allow', viaAccount: true },
      { index: 1, sid: 'Role', effect: 'Allow', viaAccount: false }
    ])
  })
})

describe('NotPrincipal', () => {
  const root = `arn:aws:iam::${ACCOUNT}:root`
  const denyAllBut = (listed: string[] | '*') =>
    deny({ Principal: undefined, NotPrincipal: listed === '*' ? '*' : { AWS: listed } })

  // Our reading of how-ec2-uses-kms.md 4.1 / [NOTPRIN]: a role session is excepted from a NotPrincipal Deny only when the
  // account, the role AND the exact session ARN are all listed.
  it.each([
    ['lists other principals only', [`arn:aws:iam::${ACCOUNT}:role/admin`, root], true],
    ['lists the account and the role but not the session', [root, ROLE], true],
    ['lists the session only', [SESSION], true],
    ['lists the role and the session but not the account', [ROLE, SESSION], true],
    ['lists the account, the role and the exact session', [root, ROLE, SESSION], false],
    ['is "*"', '*' as const, false]
  ])('Deny whose NotPrincipal %s applies to the caller: %s', (_name, listed, applies) => {
    expect(evaluate([allow(), denyAllBut(listed)]).decision).toBe(applies ? 'explicitDeny' : 'allow')
  })

  it('excepts an IAM user when the user and its account are listed', () => {
    const user = `arn:aws:iam::${ACCOUNT}:user/deployer`
    const request = { ...REQUEST, principalArn: user, sessionArn: undefined }
    expect(evaluate([allow({ Principal: { AWS: user } }), denyAllBut([user, root])], request).decision).toBe(
      'allow'
    )
    expect(evaluate([allow({ Principal: { AWS: user } }), denyAllBut([user])], request).decision).toBe(
      'explicitDeny'
    )
  })

  it('is unknown when it lists a session of the role and the caller session is not known', () => {
    const request = { ...REQUEST, sessionArn: undefined }
    const result = evaluate([allow(), denyAllBut([root, ROLE, SESSION])], request)
    expect(result.decision).toBe('unknown')
    expect(result.maybeDeniedBy).toHaveLength(1)
    expect(evaluate([allow(), denyAllBut([root, ROLE])], request).decision).toBe('explicitDeny')
  })

  it('with Allow, matches everyone not listed, directly', () => {
    const allowAllBut = (listed: string[]) => allow({ Principal: undefined, NotPrincipal: { AWS: listed } })
    expect(evaluate([allowAllBut([`arn:aws:iam::${ACCOUNT}:role/other`])]).allowedBy).toEqual([
      { index: 0, sid: undefined, effect: 'Allow', viaAccount: false }
    ])
    expect(evaluate([allowAllBut([ROLE])]).decision).toBe('implicitDeny')
    expect(evaluate([allowAllBut([root])]).decision).toBe('implicitDeny')
  })
})

describe('actions and resources', () => {
  it.each([
    ['kms:CreateGrant', true],
    ['KMS:CREATEGRANT', true],
    ['kms:Create*', true],
    ['kms:*', true],
    ['*', true],
    ['kms:CreateGran?', true],
    [['kms:Decrypt', 'kms:CreateGrant'], true],
    ['kms:Decrypt', false],
    ['kms:CreateGrantX', false],
    ['ec2:*', false]
  ])('Action %j matches kms:CreateGrant: %s', (action, expected) => {
    expect(evaluate([allow({ Action: action })]).statements[0]?.match).toBe(expected)
  })

  it.each([
    ['kms:Decrypt', true],
    [['kms:Decrypt', 'kms:Encrypt'], true],
    ['kms:Create*', false],
    ['*', false]
  ])('NotAction %j matches kms:CreateGrant: %s', (notAction, expected) => {
    expect(evaluate([allow({ Action: undefined, NotAction: notAction })]).statements[0]?.match).toBe(expected)
  })

  it.each([
    ['*', true],
    [KEY, true],
    [`arn:aws:kms:us-east-1:${ACCOUNT}:key/*`, true],
    [`arn:aws:kms:*:${ACCOUNT}:key/*`, true],
    [`arn:aws:kms:us-east-1:${ACCOUNT}:key/other`, false],
    [KEY.toUpperCase(), false]
  ])('Resource %s matches the key: %s', (resource, expected) => {
    expect(evaluate([allow({ Resource: resource })]).statements[0]?.match).toBe(expected)
  })

  it.each([
    [`arn:aws:kms:us-east-1:${ACCOUNT}:key/other`, true],
    [KEY, false],
    ['*', false]
  ])('NotResource %s matches the key: %s', (notResource, expected) => {
    expect(evaluate([allow({ Resource: undefined, NotResource: notResource })]).statements[0]?.match).toBe(
      expected
    )
  })

  it.each([
    ['Action', { Action: undefined }],
    ['Resource', { Resource: undefined }]
  ])('a statement without %s has no effect, Allow or Deny', (_name, missing) => {
    const allowResult = evaluate([allow(missing)])
    expect(allowResult.decision).toBe('implicitDeny')
    expect(allowResult.statements[0]?.noEffect).toMatch(/no effect/)
    expect(evaluate([allow(), deny(missing)]).decision).toBe('allow')
  })
})

describe('decision', () => {
  const unknownCondition = { Condition: { StringEqualz: { 'kms:ViaService': VIA } } }

  it('is implicitDeny with no statements', () => {
    expect(evaluate([]).decision).toBe('implicitDeny')
  })

  it('lets a matching Deny win over any Allow', () => {
    const result = evaluate([allow({ Sid: 'A' }), deny({ Sid: 'D' })])
    expect(result.decision).toBe('explicitDeny')
    expect(result.deniedBy).toEqual([{ index: 1, sid: 'D', effect: 'Deny' }])
    expect(result.allowedBy).toHaveLength(1)
  })

  it('is unknown when an Allow would succeed but an unknown Deny might match', () => {
    const result = evaluate([allow(), deny(unknownCondition)])
    expect(result.decision).toBe('unknown')
    expect(result.unknownBecause).toEqual([
      expect.stringContaining('"StringEqualz" is not one this tool evaluates')
    ])
  })

  it('is implicitDeny when nothing allows, even if an unknown Deny might match (recorded)', () => {
    const result = evaluate([deny(unknownCondition)])
    expect(result.decision).toBe('implicitDeny')
    expect(result.maybeDeniedBy).toHaveLength(1)
    expect(result.unknownBecause).toHaveLength(1)
  })

  it('is explicitDeny when a Deny matches, whatever an unknown Allow does', () => {
    expect(evaluate([allow(unknownCondition), deny()]).decision).toBe('explicitDeny')
  })

  it('is allow when a definite Allow matches and an unknown Allow does not matter', () => {
    expect(evaluate([allow(unknownCondition), allow()]).decision).toBe('allow')
  })

  it('is unknown when only an unknown Allow could allow', () => {
    expect(evaluate([allow(unknownCondition)]).decision).toBe('unknown')
  })

  it('ignores an unresolved value in a statement whose action cannot match', () => {
    const result = evaluate([
      allow({ Action: 'kms:Decrypt', Principal: { AWS: `${UNRESOLVED_MARKER}X}` } }),
      allow()
    ])
    expect(result.decision).toBe('allow')
    expect(result.statements[0]?.match).toBe(false)
    expect(result.unknownBecause).toEqual([])
  })

  it('classifies unknown causes by kind', () => {
    const result = evaluate([
      allow({ Condition: { StringEquals: { 'kms:ViaService': `${UNRESOLVED_MARKER}X}` } } })
    ])
    expect(result.statements[0]?.unknownBecause).toEqual([
      { kind: 'unresolved', message: expect.any(String) }
    ])
  })

  it('does not depend on a key that is absent from the request model', () => {
    expect(
      evaluate(
        [allow({ Condition: { StringEquals: { 'kms:ViaService': VIA } } })],
        withoutKey('kms:ViaService')
      ).decision
    ).toBe('implicitDeny')
  })
})
