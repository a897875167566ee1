// Terraform source (.tf), read per folder with HashiCorp's HCL parser: each form a key policy is written in.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { extractTerraformModule } from '../../src/offline/terraform-source.js'
import type { ExtractedPolicy, ExtractResult } from '../../src/offline/types.js'

const ROOT = fileURLToPath(new URL('../../test/e2e/fixtures/pr-repo/', import.meta.url)).replace(/\/$/, '')
const CTX = { accountId: '111122223333', region: 'us-east-1', partition: 'aws' }
const FILES = ['document.tf', 'encoded.tf', 'heredoc.tf', 'providers.tf'].map(f => `terraform-src/${f}`)

let results: Map<string, ExtractResult>
function policies(file: string): ExtractedPolicy[] {
  const result = results.get(`terraform-src/${file}`)
  if (result?.kind !== 'policies') throw new Error(`expected policies, got ${JSON.stringify(result)}`)
  expect(result.format).toBe('terraform-source')
  return result.policies
}
function named(file: string, name: string): ExtractedPolicy {
  const found = policies(file).find(p => p.name === name)
  if (!found) throw new Error(`${name} not in ${file}`)
  return found
}

beforeAll(async () => {
  results = await extractTerraformModule(ROOT, 'terraform-src', FILES, CTX, [])
})

describe('Terraform source', () => {
  it('data.aws_iam_policy_document.X.json: statement blocks with principals and conditions, on their lines', () => {
    const key = named('document.tf', 'aws_kms_key.runners')
    expect(key.line).toBe(5)
    expect(key.statementLines).toEqual([9, 19])
    expect(key.unresolved).toEqual([])
    expect((key.policy as { Statement: unknown[] }).Statement[1]).toEqual({
      Sid: 'Allow the CI start role to attach encrypted volumes',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:role/ci-start-role'] },
      Action: ['kms:CreateGrant'],
      Resource: ['*'],
      Condition: {
        Bool: { 'kms:GrantIsForAWSResource': ['true'] },
        StringEquals: { 'kms:ViaService': ['ec2.us-east-1.amazonaws.com'] }
      }
    })
  })

  it('source_policy_documents then override_policy_documents: the same Sid is replaced in place', () => {
    const key = named('document.tf', 'aws_kms_key.locked')
    const statements = (key.policy as { Statement: Array<Record<string, unknown>> }).Statement
    expect(statements.map(s => [s.Sid, s.Effect])).toEqual([
      ['Enable IAM User Permissions', 'Allow'],
      ['Allow the CI start role to attach encrypted volumes', 'Deny']
    ])
    expect(statements[1].NotPrincipal).toEqual({ AWS: ['arn:aws:iam::111122223333:role/KMSAdminRole'] })
    expect(key.statementLines).toEqual([48, 49])
  })

  it('jsonencode({...}) with templates of data sources; statements on their .tf lines', () => {
    const key = named('encoded.tf', 'aws_kms_key.admins_only')
    expect(key.line).toBe(4)
    expect(key.statementLines).toEqual([7, 14])
    const first = (key.policy as { Statement: Array<Record<string, unknown>> }).Statement[0]
    expect(first.Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:role/KMSAdminRole' })
  })

  it('a variable without a default and a module output stay unresolved, with their lines', () => {
    expect(named('encoded.tf', 'aws_kms_key.admins_only').unresolved).toEqual([
      'var.admin_role_name (no default and no value in a var file) (line 17) in statement 2 Principal'
    ])
    expect(named('encoded.tf', 'aws_kms_key.from_module').unresolved).toEqual([
      'module.runners.role_arn (line 39) in statement 1 Principal'
    ])
  })

  it('a key without a policy gets the default key policy; one set by aws_kms_key_policy does not', () => {
    const names = policies('encoded.tf').map(p => p.name)
    expect(names).toContain('aws_kms_key.defaulted (default policy)')
    expect(policies('heredoc.tf').map(p => p.name)).toEqual([
      'aws_kms_key.heredoc',
      'aws_kms_key_policy.shared',
      'aws_kms_key_policy.templated'
    ])
  })

  it('a heredoc of JSON with interpolations: statements on the heredoc lines', () => {
    const key = named('heredoc.tf', 'aws_kms_key.heredoc')
    expect(key.statementLines).toEqual([8, 15])
    const statements = (key.policy as { Statement: Array<Record<string, unknown>> }).Statement
    expect(statements[0].Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' })
    expect(statements[1]).toMatchObject({ Effect: 'Deny', Principal: '*' })
  })

  it('file() and templatefile() of files in the workspace, relative to the module', () => {
    const shared = named('heredoc.tf', 'aws_kms_key_policy.shared')
    expect((shared.policy as { Statement: Array<Record<string, unknown>> }).Statement[0].Sid).toBe(
      'Allow the key administrators'
    )
    const templated = named('heredoc.tf', 'aws_kms_key_policy.templated')
    expect(
      (templated.policy as { Statement: Array<Record<string, unknown>> }).Statement[0].Principal
    ).toEqual({
      AWS: 'arn:aws:iam::111122223333:role/ci-start-role'
    })
  })

  it('a file with no key is skipped', () => {
    expect(results.get('terraform-src/providers.tf')?.kind).toBe('skipped')
  })

  it('var files override defaults', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const ws = mkdtempSync(join(tmpdir(), 'tfvars-'))
    cpSync(join(ROOT, 'terraform-src'), join(ws, 'tf'), { recursive: true })
    writeFileSync(join(ws, 'prod.tfvars'), 'admin_role_name = "Ops"\n')
    const { realpathSync } = await import('node:fs')
    const root = realpathSync(ws)
    const out = await extractTerraformModule(root, 'tf', ['tf/encoded.tf'], CTX, ['prod.tfvars'])
    const result = out.get('tf/encoded.tf')
    if (result?.kind !== 'policies') throw new Error('expected policies')
    const key = result.policies.find(p => p.name === 'aws_kms_key.admins_only') as ExtractedPolicy
    expect(key.unresolved).toEqual([])
    expect((key.policy as { Statement: Array<Record<string, unknown>> }).Statement[1].Principal).toEqual({
      AWS: 'arn:aws:iam::111122223333:role/Ops'
    })
  })

  it('a malformed .tf file is an error naming its line', async () => {
    const { mkdtempSync, writeFileSync, realpathSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const ws = realpathSync(mkdtempSync(join(tmpdir(), 'tfbad-')))
    writeFileSync(join(ws, 'main.tf'), 'resource "aws_kms_key" "k" {\n  policy = \n}\n')
    const out = await extractTerraformModule(ws, '.', ['main.tf'], CTX, [])
    expect(out.get('main.tf')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^malformed HCL at 2:/)
    })
  })
})
