// fix: apply edits a key policy only when it is safe to, and keeps every byte of what was there. The fake changes
// the policy between the diagnosis' read and the fresh read right before the write (afterRequest), stores a policy
// with two "Statement" members, and one with a number that a parse-and-print would rewrite.
import { afterEach, describe, expect, it } from '@jest/globals'
import { startFake, type Fake, type FakeOptions, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const KEY = '2222bbbb-22bb-22bb-22bb-222222222222'
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`
const VOLUME = 'vol-01111111111111111'

const ADMINS = {
  Sid: 'Allow access for Key Administrators',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KMSAdminRole` },
  Action: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:Get*', 'kms:List*'],
  Resource: '*'
}
const CI_MANAGES = {
  Sid: 'Let the CI role manage this policy',
  Effect: 'Allow',
  Principal: { AWS: ROLE },
  Action: ['kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:DescribeKey'],
  Resource: '*'
}
/** Names only the admins and lets the CI role manage the policy: DENY_IMPLICIT, fixable. */
const ADMIN_ONLY = { Version: '2012-10-17', Statement: [ADMINS, CI_MANAGES] }
const LATE_DENY = {
  Sid: 'LateDenyGrants',
  Effect: 'Deny',
  Principal: { AWS: ROLE },
  Action: 'kms:CreateGrant',
  Resource: '*'
}

function scenario(policy: object | string): Scenario {
  return {
    instances: [{ id: A, name: 'ci-1', state: 'stopped', volumeIds: [VOLUME], bootMs: 300 }],
    volumes: [{ id: VOLUME, encrypted: true, kmsKeyId: KEY_ARN }],
    keys: [{ keyId: KEY, policy }]
  }
}

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function applyFix(policy: object | string, options: FakeOptions = {}) {
  fake = await startFake(scenario(policy), options)
  const run = await runAction({
    inputs: { 'instance-ids': A, fix: 'apply', 'stop-on-post': 'false' },
    env: fake.env()
  })
  return { run, f: fake }
}
const calls = (f: Fake, action: string) => f.log.filter(e => e.action === action)

describe('fix: apply re-judges the fresh read', () => {
  it('refuses when a Deny was added between the diagnosis and the fresh read, and writes nothing', async () => {
    let reads = 0
    const { run, f } = await applyFix(ADMIN_ONLY, {
      afterRequest: (entry, state) => {
        if (entry.action !== 'GetKeyPolicy' || ++reads !== 1) return
        // Someone adds a Deny right after the diagnosis read the policy.
        state.keys[0].policy = JSON.stringify({
          ...ADMIN_ONLY,
          Statement: [...ADMIN_ONLY.Statement, LATE_DENY]
        })
      }
    })
    expect(calls(f, 'GetKeyPolicy').length).toBeGreaterThanOrEqual(2)
    expect(calls(f, 'PutKeyPolicy')).toEqual([])
    expect(f.state.keys[0].policyWrites).toEqual([])
    expect(run.stdout).toContain(
      `fix: apply — refused: Not applied to ${KEY_ARN}: the key policy changed since the diagnosis: a Deny (statement "LateDenyGrants") matches in the policy read right before the write; Deny statements are reported, never edited.`
    )
    // The key is reported with what the fresh read says.
    expect(run.summary).toContain('DENY_EXPLICIT')
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([KEY_ARN])
  })

  it('still writes when the policy did not change (the fresh read is judged the same)', async () => {
    const { run, f } = await applyFix(ADMIN_ONLY)
    expect(calls(f, 'PutKeyPolicy')).toHaveLength(1)
    expect(run.code).toBe(0)
  })
})

describe('fix: apply refuses a policy with duplicate members', () => {
  it('two "Statement" members: refused, nothing written, the reason named', async () => {
    // JSON.parse keeps the last Statement; a merge of the parsed value would silently drop the first one.
    const text = `{"Version":"2012-10-17","Statement":[${JSON.stringify({ ...LATE_DENY, Action: 'kms:ScheduleKeyDeletion' })}],"Statement":${JSON.stringify(ADMIN_ONLY.Statement)}}`
    const { run, f } = await applyFix(text)
    expect(calls(f, 'PutKeyPolicy')).toEqual([])
    expect(f.state.keys[0].policy).toBe(text)
    expect(run.stdout).toContain(
      `fix: apply — refused: Not applied to ${KEY_ARN}: the key policy has duplicate members: "Statement" (top level)`
    )
    expect(run.stdout).not.toContain('all existing statements are unchanged')
  })
})

describe('fix: apply keeps numbers and text exactly', () => {
  it('99999999999999999999 and the layout of every existing statement survive untouched', async () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      `    {"Sid": "Allow access for Key Administrators", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${ACCOUNT}:role/KMSAdminRole"}, "Action": "kms:*", "Resource": "*",`,
      '     "Condition": {"NumericLessThan": {"aws:EpochTime": 99999999999999999999}}},',
      `    ${JSON.stringify(CI_MANAGES)}`,
      '  ]',
      '}'
    ].join('\n')
    const { run, f } = await applyFix(text)
    expect(run.code).toBe(0)
    const puts = calls(f, 'PutKeyPolicy')
    expect(puts).toHaveLength(1)
    const written = f.state.keys[0].policy
    expect(written).toContain('99999999999999999999')
    expect(written).not.toContain('100000000000000000000')
    // The existing text is a prefix of what was written, up to the end of the last statement; the rest follows it.
    const lastEnd = text.lastIndexOf('}') - '\n  ]\n'.length
    expect(written.slice(0, lastEnd)).toBe(text.slice(0, lastEnd))
    expect(written.endsWith(text.slice(lastEnd))).toBe(true)
    expect(JSON.parse(written).Statement[2]).toMatchObject({
      Principal: { AWS: ROLE },
      Action: 'kms:CreateGrant'
    })
    expect(run.stdout).toMatch(/fix: apply — added: Added statement Ec2StartGuardCreateGrant\w+ at the end/)
  })
})
