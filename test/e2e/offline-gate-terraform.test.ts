// The offline gate on a folder of .tf files, through the bundled action (the HCL parser's WebAssembly included):
// annotations on the .tf lines, no AWS request.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startFake, type Fake } from './fake/server.mjs'
import { runAction, type ActionRun, PR_REPO, envWithoutCredentials } from './harness.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'

let fake: Fake
let run: ActionRun

beforeAll(async () => {
  fake = await startFake({})
  const env = envWithoutCredentials(fake)
  run = await runAction({
    workspaceFrom: PR_REPO,
    env,
    inputs: { 'key-policy-files': 'terraform-src/*.tf', 'principal-arn': ROLE, region: 'us-east-1' }
  })
})

afterAll(async () => {
  await fake.close()
})

describe('key-policy-files with .tf source', () => {
  it('makes no AWS request', () => {
    expect(fake.log).toEqual([])
  })

  it('annotates each failing key on its .tf line', () => {
    const found = run.annotations
      .filter(a => a.properties.file)
      .map(a => [a.level, a.properties.file, a.properties.line, a.message.split(':')[0]])
    expect(found).toEqual(
      expect.arrayContaining([
        ['error', 'terraform-src/document.tf', '49', 'aws_kms_key.locked'],
        ['error', 'terraform-src/encoded.tf', '4', 'aws_kms_key.admins_only'],
        ['error', 'terraform-src/heredoc.tf', '15', 'aws_kms_key.heredoc'],
        ['error', 'terraform-src/heredoc.tf', '34', 'aws_kms_key_policy.shared'],
        ['warning', 'terraform-src/encoded.tf', '36', 'aws_kms_key.from_module'],
        ['notice', 'terraform-src/encoded.tf', '26', 'aws_kms_key.defaulted (default policy)']
      ])
    )
    expect(
      run.annotations.some(a => /aws_kms_key\.runners|aws_kms_key_policy\.templated/.test(a.message))
    ).toBe(false)
    expect(run.code).not.toBe(0)
  })

  it('lists the good keys in the summary', () => {
    expect(run.summary).toMatch(/<td>aws_kms_key\.runners<\/td><td>19<\/td><td>✅/)
    expect(run.summary).toContain('(terraform-source)')
  })
})
