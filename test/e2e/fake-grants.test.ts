// The fake's own CreateGrant oracle decides whether a started instance runs or stops: it must agree with the
// reference key-policy fixtures (__tests__/fixtures/reference-key-policies), or the e2e tests would prove the action against the wrong AWS.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'
import { mayEc2CreateGrant, policies } from './fake/server.mjs'
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
})
