// The offline PR gate (key-policy-files) through the bundled action: no AWS call, annotations on file and line.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startFake, type Fake } from './fake/server.mjs'
import { runAction, type ActionRun, PR_REPO, envWithoutCredentials } from './harness.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'

let fake: Fake
let run: ActionRun

beforeAll(async () => {
  // The fake stands ready at the usual endpoints: the test proves nothing reaches it.
  fake = await startFake({})
  const env = envWithoutCredentials(fake)
  run = await runAction({
    workspaceFrom: PR_REPO,
    env,
    inputs: {
      'key-policy-files': 'infra/*.yaml\nterraform/plan.json\npolicies/*.json',
      'principal-arn': ROLE,
      region: 'us-east-1'
    }
  })
})

afterAll(async () => {
  await fake.close()
})

describe('key-policy-files', () => {
  it('makes no AWS request at all, and needs no credentials', () => {
    expect(fake.log).toEqual([])
    expect(run.stdout).not.toMatch(/Could not load credentials/)
  })

  it('fails the step for the bad key, the explicit deny and the malformed file', () => {
    expect(run.code).not.toBe(0)
  })

  it('annotates each failing policy on its file and line', () => {
    const errors = run.annotations
      .filter(a => a.level === 'error' && a.properties.file)
      .map(a => [a.properties.file, a.properties.line, a.properties.title])
    expect(errors).toEqual(
      expect.arrayContaining([
        ['infra/kms.yaml', '41', 'Key policy would stop EC2: KMS key policy does not let EC2 create a grant'],
        ['terraform/plan.json', '124', 'Key policy would stop EC2: KMS key policy denies EC2 the grant'],
        ['policies/broken.json', '8', 'Key policy file could not be read']
      ])
    )
    expect(errors).toHaveLength(3)
    // The step's own failure line (core.setFailed) sums it up.
    expect(
      run.annotations.filter(a => a.level === 'error' && !a.properties.file).map(a => a.message)
    ).toEqual(['❌ 5 key policies: 3 pass, 2 would stop EC2, 0 unverified; 1 file could not be read.'])
    const bad = run.annotations.find(a => a.properties.file === 'infra/kms.yaml')
    expect(bad?.message).toMatch(/^BadKey: /)
    expect(bad?.message).toMatch(/Fix: add statement Ec2StartGuardCreateGrantCiStartRole[0-9a-f]{8}/)
  })

  it('passes delegation to IAM with a notice, and the good keys silently', () => {
    const notices = run.annotations.filter(a => a.level === 'notice')
    expect(notices.map(a => [a.properties.file, a.message.split(':')[0]])).toEqual([
      ['terraform/plan.json', 'aws_kms_key.runners']
    ])
    expect(run.annotations.some(a => a.message.startsWith('GoodKey'))).toBe(false)
  })

  it('writes a table per file with verdicts and the suggested statement', () => {
    for (const file of [
      'infra/kms.yaml',
      'terraform/plan.json',
      'policies/raw-good.json',
      'policies/broken.json'
    ]) {
      expect(run.summary).toContain(`<code>${file}</code>`)
    }
    expect(run.summary).toMatch(/<td>GoodKey<\/td><td>\d+<\/td><td>✅ <a [^>]*>ALLOW<\/a>/)
    expect(run.summary).toMatch(/<td>BadKey<\/td><td>41<\/td><td>❌ <a [^>]*>DENY_IMPLICIT<\/a>/)
    expect(run.summary).toContain('<details><summary>Fix for BadKey</summary>')
    expect(run.summary).toContain('&quot;kms:ViaService&quot;: &quot;ec2.us-east-1.amazonaws.com&quot;')
  })

  it('passes when only good policies are matched', async () => {
    const good = await runAction({
      workspaceFrom: PR_REPO,
      inputs: { 'key-policy-files': 'policies/raw-good.json', 'principal-arn': ROLE, region: 'us-east-1' }
    })
    expect(good.code).toBe(0)
    expect(good.summary).toContain('✅ 1 key policy: 1 pass, 0 would stop EC2, 0 unverified.')
  })

  it('fails on a glob that matches nothing, naming it', async () => {
    const none = await runAction({
      workspaceFrom: PR_REPO,
      inputs: {
        'key-policy-files': 'policies/raw-good.json\nmissing/**/*.json',
        'principal-arn': ROLE,
        region: 'us-east-1'
      }
    })
    expect(none.code).not.toBe(0)
    expect(none.stdout).toContain('the glob "missing/**/*.json" matched no file')
  })
})
