import { describe, it, expect } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import {
  analyzeKeyAccess,
  buildEc2GrantRequest,
  combineWithIamSimulation,
  keyStatus,
  type AnalyzeKeyAccessInput
} from '../../src/kms/access.js'
import { AWS_INTERNAL } from '../../src/kms/evaluate.js'
import type { Caller, KeyFacts, KeyVerdict, Verdict } from '../../src/kms/types.js'

const ACCOUNT = '111122223333'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-run-4242`
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const VOLUME = 'vol-0894f908458cca170'
const INSTANCE = 'i-0123456789abcdef0'

const CALLER: Caller = { principalArn: ROLE, sessionArn: SESSION, accountId: ACCOUNT }

function keyFacts(overrides: Partial<KeyFacts> = {}): KeyFacts {
  const arn = overrides.arn ?? KEY_ARN
  return {
    arn,
    keyId: arn.split('/').pop() ?? '',
    accountId: arn.split(':')[4] ?? ACCOUNT,
    region: arn.split(':')[3] ?? 'us-east-1',
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    aliases: [],
    ...overrides
  }
}

function deciding(verdict: KeyVerdict): string | null {
  return verdict.deciding?.sid ?? null
}

// (a) The reference fixtures (__tests__/fixtures/reference-key-policies: index.json gives each one's source, verdict and
// reasoning). A missing folder must fail the run, never skip it.
describe('reference key-policy fixtures (__tests__/fixtures/reference-key-policies)', () => {
  const folder = new URL('../fixtures/reference-key-policies/', import.meta.url)

  it('are present', () => {
    expect(existsSync(new URL('index.json', folder))).toBe(true)
  })

  interface SharedFixture {
    id: string
    file: string
    scenario: {
      callerArn: string
      callerRoleArn: string
      callerAccount: string
      region: string
      keyArn: string
    }
    expectedVerdict: Verdict
    decidingStatementSids: string[]
  }
  const index = existsSync(new URL('index.json', folder))
    ? (JSON.parse(readFileSync(new URL('index.json', folder), 'utf8')) as { fixtures: SharedFixture[] })
    : { fixtures: [] }

  it('hold at least the twelve documented fixtures', () => {
    expect(index.fixtures.length).toBeGreaterThanOrEqual(12)
  })

  it.each(index.fixtures.map(f => [f.id, f] as const))('%s', (_id, fixture) => {
    const { scenario } = fixture
    const verdict = analyzeKeyAccess({
      key: keyFacts({ arn: scenario.keyArn }),
      policy: readFileSync(new URL(fixture.file, folder), 'utf8'),
      caller: {
        principalArn: scenario.callerRoleArn,
        sessionArn: scenario.callerArn,
        accountId: scenario.callerAccount
      },
      region: scenario.region,
      volumeId: VOLUME,
      instanceId: INSTANCE
    })
    expect(verdict.verdict).toBe(fixture.expectedVerdict)
    if (fixture.decidingStatementSids.length > 0)
      expect(fixture.decidingStatementSids).toContain(deciding(verdict))
    else expect(verdict.deciding).toBeUndefined()
  })
})

// (b) Our own cases derived from how-ec2-uses-kms.md, one JSON file each (policy + expected verdict).
describe('own key-policy fixtures (__tests__/fixtures/key-policies)', () => {
  interface OwnFixture {
    id: string
    title: string
    policy?: object
    policyText?: string
    key?: Partial<KeyFacts>
    caller?: Partial<Caller>
    region?: string
    volumeId?: string | null
    instanceId?: string | null
    now?: string
    expectedVerdict: Verdict
    decidingSid: string | null
  }
  const folder = new URL('../fixtures/key-policies/', import.meta.url)
  const fixtures = readdirSync(folder)
    .filter(name => name.endsWith('.json'))
    .sort()
    .map(name => JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as OwnFixture)

  it('number at least 45 and cover every verdict but nothing invented', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45)
    const verdicts = new Set(fixtures.map(f => f.expectedVerdict))
    expect([...verdicts].sort()).toEqual(
      [
        'ALLOW',
        'ALLOW_IF_IAM',
        'AWS_MANAGED',
        'CANNOT_EVALUATE',
        'CROSS_ACCOUNT_UNREADABLE',
        'DENY_EXPLICIT',
        'DENY_IMPLICIT',
        'KEY_STATE',
        'UNRESOLVED'
      ].sort()
    )
  })

  it.each(fixtures.map(f => [f.id, f.title, f] as const))('%s: %s', (_id, _title, fixture) => {
    const input: AnalyzeKeyAccessInput = {
      key: keyFacts(fixture.key),
      policy: fixture.policyText ?? fixture.policy,
      caller: { ...CALLER, ...fixture.caller },
      region: fixture.region ?? 'us-east-1',
      volumeId: fixture.volumeId === null ? undefined : (fixture.volumeId ?? VOLUME),
      instanceId: fixture.instanceId === null ? undefined : (fixture.instanceId ?? INSTANCE),
      now: fixture.now !== undefined ? new Date(fixture.now) : new Date('2026-06-01T00:00:00Z')
    }
    const verdict = analyzeKeyAccess(input)
    expect({ verdict: verdict.verdict, deciding: deciding(verdict) }).toEqual({
      verdict: fixture.expectedVerdict,
      deciding: fixture.decidingSid
    })
    expect(verdict.usable).toBe(['ALLOW', 'AWS_MANAGED'].includes(fixture.expectedVerdict))
    expect(verdict.reason.length).toBeGreaterThan(10)
  })
})

describe('analyzeKeyAccess: reasons and details', () => {
  const policy = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] })
  const base = {
    key: keyFacts(),
    caller: CALLER,
    region: 'us-east-1',
    volumeId: VOLUME,
    instanceId: INSTANCE
  }

  it('names the denying statement and the permission it denies', () => {
    const verdict = analyzeKeyAccess({
      ...base,
      policy: policy({
        Sid: 'NoGrants',
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:CreateGrant',
        Resource: '*'
      })
    })
    expect(verdict).toMatchObject({
      verdict: 'DENY_EXPLICIT',
      usable: false,
      deciding: { index: 0, sid: 'NoGrants' }
    })
    expect(verdict.reason).toContain('"NoGrants"')
    // The annotation says which permission the Deny takes away (the README: it names the missing permission).
    expect(verdict.missingPermission).toBe('kms:CreateGrant')
  })

  it('reports kms:CreateGrant as missing for an implicit deny', () => {
    const verdict = analyzeKeyAccess({ ...base, policy: { Statement: [] } })
    expect(verdict).toMatchObject({ verdict: 'DENY_IMPLICIT', missingPermission: 'kms:CreateGrant' })
  })

  it('says that IAM must allow when only an account principal allows', () => {
    const verdict = analyzeKeyAccess({
      ...base,
      policy: policy({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*'
      })
    })
    expect(verdict.verdict).toBe('ALLOW_IF_IAM')
    expect(verdict.reason).toContain(
      "only an account principal allows kms:CreateGrant: the caller's IAM policy must allow it"
    )
    expect(verdict.deciding).toEqual({ index: 0, sid: undefined, effect: 'Allow' })
  })

  it('names the state for a key-state problem, and judges expiry by the injected clock', () => {
    const expiring = keyFacts({ expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: '2026-03-01T00:00:00Z' })
    const allowRole = policy({
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'kms:CreateGrant',
      Resource: '*'
    })
    expect(
      analyzeKeyAccess({ ...base, key: expiring, policy: allowRole, now: new Date('2026-02-01') }).verdict
    ).toBe('ALLOW')
    const expired = analyzeKeyAccess({
      ...base,
      key: expiring,
      policy: allowRole,
      now: new Date('2026-04-01')
    })
    expect(expired).toMatchObject({ verdict: 'KEY_STATE', usable: false })
    expect(expired.reason).toContain('expired')
    const disabled = analyzeKeyAccess({ ...base, key: keyFacts({ keyState: 'Disabled' }), policy: allowRole })
    expect(disabled.reason).toContain('Disabled')
    const asymmetric = analyzeKeyAccess({
      ...base,
      key: keyFacts({ keySpec: 'ECC_NIST_P256' }),
      policy: allowRole
    })
    expect(asymmetric.reason).toContain('EBS supports only symmetric keys')
  })

  it('reports a disabled foreign key as KEY_STATE rather than unreadable', () => {
    const foreign = keyFacts({ arn: 'arn:aws:kms:us-east-1:444455556666:key/k', keyState: 'Disabled' })
    expect(analyzeKeyAccess({ ...base, key: foreign }).verdict).toBe('KEY_STATE')
  })

  it('says the tool cannot read a foreign key policy, and what it must allow', () => {
    const foreign = keyFacts({ arn: 'arn:aws:kms:us-east-1:444455556666:key/k' })
    const verdict = analyzeKeyAccess({ ...base, key: foreign })
    expect(verdict).toMatchObject({ verdict: 'CROSS_ACCOUNT_UNREADABLE', usable: false })
    expect(verdict.reason).toMatch(/cannot be checked here/)
    expect(keyStatus(verdict)).toBe('unverified')
  })

  it('cannot evaluate a same-account key whose policy could not be read', () => {
    expect(analyzeKeyAccess({ ...base }).verdict).toBe('CANNOT_EVALUATE')
  })

  it('passes the parse error on', () => {
    const verdict = analyzeKeyAccess({ ...base, policy: '{"Statement": 5' })
    expect(verdict.verdict).toBe('CANNOT_EVALUATE')
    expect(verdict.reason).toContain('not valid JSON')
  })

  it('treats an AWS managed key of another account as unusable', () => {
    const foreign = keyFacts({ arn: 'arn:aws:kms:us-east-1:444455556666:key/k', keyManager: 'AWS' })
    expect(analyzeKeyAccess({ ...base, key: foreign }).verdict).toBe('DENY_IMPLICIT')
  })

  it('reports an unknown Deny when nothing allows anyway', () => {
    const verdict = analyzeKeyAccess({
      ...base,
      policy: policy({
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:*',
        Resource: '*',
        Condition: { Odd: { a: 'b' } }
      })
    })
    expect(verdict.verdict).toBe('DENY_IMPLICIT')
    expect(verdict.reason).toContain('a Deny could not be evaluated')
  })
})

describe('buildEc2GrantRequest', () => {
  it('builds the context EC2 supplies for its on-behalf CreateGrant (how-ec2-uses-kms.md 1.3)', () => {
    const request = buildEc2GrantRequest(CALLER, KEY_ARN, 'us-east-1', VOLUME, INSTANCE)
    expect(request).toMatchObject({
      action: 'kms:CreateGrant',
      principalArn: ROLE,
      sessionArn: SESSION,
      accountId: ACCOUNT,
      resourceArn: KEY_ARN
    })
    expect(request.context).toMatchObject({
      'kms:ViaService': 'ec2.us-east-1.amazonaws.com',
      'kms:GrantIsForAWSResource': true,
      'kms:CallerAccount': ACCOUNT,
      'kms:GrantOperations': ['Decrypt'],
      'kms:GrantConstraintType': 'EncryptionContextSubset',
      'kms:EncryptionContext:aws:ebs:id': VOLUME,
      'kms:GranteePrincipal': `arn:aws:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/${INSTANCE}`,
      'kms:RetiringPrincipal': 'ec2.us-east-1.amazonaws.com',
      'aws:PrincipalArn': ROLE,
      'aws:PrincipalAccount': ACCOUNT,
      'aws:PrincipalType': 'AssumedRole',
      'aws:ViaAWSService': true,
      'aws:SourceIp': AWS_INTERNAL,
      'aws:RoleSessionName': 'gha-run-4242'
    })
    expect(request.context['aws:SourceVpc']).toBeUndefined()
    expect(request.context['aws:SourceVpce']).toBeUndefined()
    // Always in the request context, and true: KMS accepts TLS requests only (how-ec2-uses-kms.md 1.3).
    expect(request.context['aws:SecureTransport']).toBe(true)
  })

  it('declares the volume unknown, and the grantee known but for the instance ID, when they are not given', () => {
    const request = buildEc2GrantRequest(CALLER, KEY_ARN, 'us-east-1')
    expect(request.context['kms:EncryptionContext:aws:ebs:id']).toBeUndefined()
    expect(request.unknownKeys).toEqual(
      expect.arrayContaining(['kms:EncryptionContext:aws:ebs:id', 'aws:CurrentTime'])
    )
    expect(request.partlyKnown?.['kms:GranteePrincipal']?.witnesses).toEqual(
      expect.arrayContaining([
        'arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-0123456789abcdef0'
      ])
    )
    expect(request.maybeKeys).toEqual(expect.arrayContaining(['aws:PrincipalOrgID', 'aws:PrincipalTag/*']))
  })

  it('does not guess aws:PrincipalArn when the role path is not known', () => {
    const request = buildEc2GrantRequest(
      { ...CALLER, pathUnknown: true },
      KEY_ARN,
      'us-east-1',
      VOLUME,
      INSTANCE
    )
    expect(request.context['aws:PrincipalArn']).toBeUndefined()
    expect(request.unknownKeys).toContain('aws:PrincipalArn')
    expect(request.principalPathUnknown).toBe(true)
  })

  it('takes the partition from the caller', () => {
    const cn: Caller = {
      principalArn: `arn:aws-cn:iam::${ACCOUNT}:role/ci`,
      accountId: ACCOUNT,
      partition: 'aws-cn'
    }
    const request = buildEc2GrantRequest(cn, KEY_ARN, 'cn-north-1', VOLUME, INSTANCE)
    expect(request.context['kms:GranteePrincipal']).toBe(
      `arn:aws-cn:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/${INSTANCE}`
    )
    expect(request.context['kms:ViaService']).toBe('ec2.cn-north-1.amazonaws.com')
  })

  it('adds the clock and the key facts when given', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    const request = buildEc2GrantRequest(CALLER, KEY_ARN, 'us-east-1', VOLUME, INSTANCE, {
      now,
      key: keyFacts({ aliases: ['alias/ci-ebs'], multiRegion: false })
    })
    expect(request.context).toMatchObject({
      'aws:CurrentTime': '2026-06-01T00:00:00.000Z',
      'aws:EpochTime': '1780272000',
      'kms:KeySpec': 'SYMMETRIC_DEFAULT',
      'kms:ResourceAliases': ['alias/ci-ebs'],
      'kms:MultiRegion': false
    })
  })

  it('describes an IAM user as a User principal', () => {
    const user: Caller = { principalArn: `arn:aws:iam::${ACCOUNT}:user/deployer`, accountId: ACCOUNT }
    expect(buildEc2GrantRequest(user, KEY_ARN, 'us-east-1').context).toMatchObject({
      'aws:PrincipalType': 'User',
      'aws:username': 'deployer'
    })
  })
})

describe('keyStatus and combineWithIamSimulation', () => {
  const verdict = (v: Verdict): KeyVerdict => ({
    verdict: v,
    usable: v === 'ALLOW' || v === 'AWS_MANAGED',
    reason: 'r'
  })

  it.each([
    ['ALLOW', 'ok'],
    ['AWS_MANAGED', 'ok'],
    ['DENY_EXPLICIT', 'misconfigured'],
    ['DENY_IMPLICIT', 'misconfigured'],
    ['KEY_STATE', 'misconfigured'],
    ['ALLOW_IF_IAM', 'unverified'],
    ['CROSS_ACCOUNT_UNREADABLE', 'unverified'],
    ['CANNOT_EVALUATE', 'unverified'],
    ['UNRESOLVED', 'unverified']
  ] as const)('keyStatus(%s) is %s', (v, status) => {
    expect(keyStatus(verdict(v))).toBe(status)
  })

  it.each([
    ['allowed', 'ok', undefined],
    ['implicitDeny', 'misconfigured', 'kms:CreateGrant'],
    ['explicitDeny', 'misconfigured', 'kms:CreateGrant'],
    ['unavailable', 'unverified', undefined]
  ] as const)('ALLOW_IF_IAM with IAM %s is %s', (iam, status, missing) => {
    const combined = combineWithIamSimulation(verdict('ALLOW_IF_IAM'), iam)
    expect(combined.status).toBe(status)
    expect(combined.verdict.verdict).toBe('ALLOW_IF_IAM')
    expect(combined.verdict.missingPermission).toBe(missing)
    expect(combined.verdict.usable).toBe(status === 'ok')
  })

  it('lets an explicit IAM deny break a key-policy ALLOW and an AWS managed key, and nothing else change', () => {
    expect(combineWithIamSimulation(verdict('ALLOW'), 'explicitDeny').status).toBe('misconfigured')
    expect(combineWithIamSimulation(verdict('AWS_MANAGED'), 'explicitDeny').status).toBe('misconfigured')
    expect(combineWithIamSimulation(verdict('ALLOW'), 'implicitDeny')).toEqual({
      status: 'ok',
      verdict: verdict('ALLOW')
    })
    expect(combineWithIamSimulation(verdict('DENY_IMPLICIT'), 'allowed').status).toBe('misconfigured')
    expect(combineWithIamSimulation(verdict('CANNOT_EVALUATE'), 'allowed').status).toBe('unverified')
  })
})
