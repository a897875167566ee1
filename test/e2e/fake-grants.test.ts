// The fake's own CreateGrant oracle decides whether a started instance runs or stops: it must agree with the
// reference key-policy fixtures (__tests__/fixtures/reference-key-policies), or the e2e tests would prove the action against the wrong AWS.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'
import { mayEc2AttachVolume, mayEc2CreateGrant, policies } from './fake/server.mjs'
import { ACCT, ROLE } from './fake-test-helpers.js'

describe('grants.mjs, the fake own CreateGrant oracle', () => {
  const caller = {
    arn: `arn:aws:sts::${ACCT}:assumed-role/ci-start-role/gha`,
    roleArn: ROLE,
    accountId: ACCT,
    iamAllowsCreateGrant: false
  }
  const key = (policy: object, extra = {}) => ({
    keyState: 'Enabled',
    keyManager: 'CUSTOMER',
    accountId: ACCT,
    policy: JSON.stringify(policy),
    ...extra
  })
  it.each([
    ['role is a key user', key(policies.consoleDefault(ACCT, ROLE)), false, 'ok'],
    ['root only, no IAM allow', key(policies.createKeyDefault(ACCT)), false, 'iamDenied'],
    ['root only, IAM allows', key(policies.createKeyDefault(ACCT)), true, 'ok'],
    ['explicit deny beats IAM', key(policies.denyCreateGrant(ACCT, ROLE)), true, 'explicitDeny'],
    [
      'disabled key',
      key(policies.consoleDefault(ACCT, ROLE), { keyState: 'Disabled' }),
      true,
      'invalidState'
    ],
    ['aws/ebs', key(policies.awsEbs(ACCT, 'us-east-1'), { keyManager: 'AWS' }), false, 'ok'],
    [
      'cross-account without IAM',
      key(policies.crossAccountAllows('444455556666', ACCT), { accountId: '444455556666' }),
      false,
      'iamDenied'
    ],
    [
      'cross-account with IAM',
      key(policies.crossAccountAllows('444455556666', ACCT), { accountId: '444455556666' }),
      true,
      'ok'
    ]
  ])('%s', (_name, k, iam, why) => {
    expect(mayEc2CreateGrant(k, { ...caller, iamAllowsCreateGrant: iam }, 'us-east-1').why).toBe(why)
  })

  // The reference fixtures (in the unit test tree): a missing folder fails.
  const dir = fileURLToPath(new URL('../../__tests__/fixtures/reference-key-policies/', import.meta.url))
  const fixtures: { file: string; expectedVerdict: string; scenario: { keyAccount: string } }[] = JSON.parse(
    readFileSync(resolve(dir, 'index.json'), 'utf8')
  ).fixtures
  it('has the reference fixtures to agree with', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12)
  })
  it.each(fixtures.map(f => [f.file, f] as const))('agrees with fixture %s', (file, f) => {
    const k = key({}, { policy: readFileSync(resolve(dir, file), 'utf8'), accountId: f.scenario.keyAccount })
    const decide = (iam: boolean) =>
      mayEc2CreateGrant(k, { ...caller, iamAllowsCreateGrant: iam }, 'us-east-1').allowed
    expect([decide(false), decide(true)]).toEqual(
      f.expectedVerdict === 'ALLOW'
        ? [true, true]
        : f.expectedVerdict === 'ALLOW_IF_IAM'
          ? [false, true]
          : [false, false]
    )
  })

  // The published corpus (__tests__/fixtures/published-key-policies): the fake's start of an instance with such a key
  // must end as index.json says a real one does, failing on the request the verdict names. The oracle is
  // independent of src/kms, so this checks the corpus's expectations from a second side.
  const corpusDir = fileURLToPath(
    new URL('../../__tests__/fixtures/published-key-policies/', import.meta.url)
  )
  const corpus: {
    id: string
    file: string
    scenario?: { keyAccount?: string }
    expected: { verdict: string; deniedRequest?: string }
  }[] = JSON.parse(readFileSync(resolve(corpusDir, 'index.json'), 'utf8')).policies
  // What a start does, without and with an IAM allow of kms:CreateGrant, per verdict.
  const startOutcome: Record<string, [string, string] | undefined> = {
    ALLOW: ['ok', 'ok'],
    ALLOW_IF_IAM: ['iamDenied', 'ok'],
    DENY_IMPLICIT: ['noAllow', 'noAllow'],
    'DENY_EXPLICIT CreateGrant': ['explicitDeny', 'explicitDeny'],
    'DENY_EXPLICIT Decrypt': ['iamDenied', 'decryptDenied']
  }
  // Where the fake, which has no value for a key, takes it as absent and so fails the start for another reason.
  const fakeReason: Record<string, [string, string]> = {
    // aws:PrincipalOrgID absent: EnforceIdentityPerimeter's StringNotEqualsIfExists holds, so its Deny matches the
    // grant. The start fails either way: nothing allows the CreateGrant.
    'p28-dp-kms-key-policy-as-published': ['explicitDeny', 'explicitDeny']
  }
  // CANNOT_EVALUATE: AWS's answer depends on what the docs leave open, so there is nothing to agree with.
  const decidable = corpus.filter(p => p.expected.verdict !== 'CANNOT_EVALUATE')
  it('has the published corpus to agree with', () => {
    expect(decidable.length).toBeGreaterThanOrEqual(35)
  })
  it.each(decidable.map(p => [p.id, p] as const))('starts like the published corpus says: %s', (_id, p) => {
    const k = key(
      {},
      {
        policy: readFileSync(resolve(corpusDir, p.file), 'utf8'),
        accountId: p.scenario?.keyAccount ?? ACCT
      }
    )
    const attach = (iam: boolean) =>
      mayEc2AttachVolume(k, { ...caller, iamAllowsCreateGrant: iam }, 'us-east-1', {
        volumeId: 'vol-0a1b2c3d4e5f60718',
        instanceId: 'i-0a1b2c3d4e5f60718'
      }).why
    const verdict =
      p.expected.verdict === 'DENY_EXPLICIT'
        ? `DENY_EXPLICIT ${p.expected.deniedRequest}`
        : p.expected.verdict
    // A Decrypt Deny shows only once the grant passes; without an IAM allow a root-only grant fails first.
    const want = fakeReason[p.id] ?? startOutcome[verdict]
    expect(want).toBeDefined()
    const got = [attach(false), attach(true)]
    if (verdict === 'DENY_EXPLICIT Decrypt') expect(got[1]).toBe('decryptDenied')
    else expect(got).toEqual(want)
  })
})
