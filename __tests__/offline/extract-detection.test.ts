import { describe, expect, it } from '@jest/globals'
import { extractKeyPolicies } from '../../src/offline/extract.js'
import { CI_ROLE, CTX, fixture } from './fixtures.js'

describe('raw key policy files', () => {
  it('reads a policy document with the line of each statement', () => {
    const result = extractKeyPolicies('policies/ebs.json', fixture('raw-policy.json'), CTX)
    expect(result).toMatchObject({ kind: 'policies', format: 'raw-policy' })
    if (result.kind !== 'policies') return
    expect(result.policies).toEqual([
      {
        name: 'key policy',
        line: 1,
        statementLines: [5, 12],
        policy: JSON.parse(fixture('raw-policy.json')),
        unresolved: []
      }
    ])
  })

  it('gives a Statement object the line of the policy', () => {
    const result = extractKeyPolicies('p.json', fixture('raw-policy-single-statement.json'), CTX)
    expect(result).toMatchObject({ kind: 'policies', policies: [{ line: 1, statementLines: [1] }] })
  })

  it('leaves ${...} text of a raw policy as written: only templates have intrinsics', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "${aws:username}"}}]}'
    expect(extractKeyPolicies('p.json', text, CTX)).toMatchObject({
      policies: [{ policy: JSON.parse(text), unresolved: [] }]
    })
  })

  it('reads a policy whose first line is not its start', () => {
    const text = `\n\n  {\n    "Statement": [\n      { "Effect": "Allow", "Principal": { "AWS": "${CI_ROLE}" } }\n    ]\n  }\n`
    expect(extractKeyPolicies('p.json', text, CTX)).toMatchObject({
      policies: [{ line: 3, statementLines: [5] }]
    })
  })
})

describe('format detection and bad input', () => {
  it('tells the format by content, not by file name', () => {
    const raw = fixture('raw-policy.json')
    expect(extractKeyPolicies('policies/ebs.policy', raw, CTX)).toMatchObject({
      kind: 'policies',
      format: 'raw-policy'
    })
    expect(extractKeyPolicies('templates/kms.template', fixture('cfn-long-forms.json'), CTX)).toMatchObject({
      format: 'cloudformation-json'
    })
    expect(extractKeyPolicies('infra/kms.txt', fixture('cfn-short-forms.yaml'), CTX)).toMatchObject({
      format: 'cloudformation-yaml'
    })
    expect(extractKeyPolicies('tfplan', fixture('tf-plan.json'), CTX)).toMatchObject({
      format: 'terraform-plan'
    })
  })

  it('reports malformed JSON with line and column', () => {
    expect(extractKeyPolicies('policies/broken.json', fixture('malformed.json'), CTX)).toEqual({
      kind: 'error',
      message: "malformed JSON at 8:7: Expected ',' or '}' after property value"
    })
  })

  it('gives a line and column also where JSON.parse names no position', () => {
    expect(extractKeyPolicies('p.json', '{\n  "Statement": [1,]\n}', CTX)).toEqual({
      kind: 'error',
      message: 'malformed JSON at 2:19: Unexpected token "]"'
    })
    expect(extractKeyPolicies('p.json', '{\n  "Statement": [', CTX)).toEqual({
      kind: 'error',
      message: 'malformed JSON at 2:17: Unexpected end of JSON input'
    })
  })

  it('treats a .json file that is not JSON as malformed', () => {
    expect(extractKeyPolicies('p.json', 'Statement: []', CTX)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^malformed JSON at 1:1: /)
    })
  })

  it('accepts a byte order mark', () => {
    expect(extractKeyPolicies('p.json', `\uFEFF${fixture('raw-policy.json')}`, CTX)).toMatchObject({
      kind: 'policies'
    })
  })

  it('skips JSON that is no policy, template or plan, and says why', () => {
    expect(extractKeyPolicies('package.json', fixture('not-a-policy.json'), CTX)).toEqual({
      kind: 'skipped',
      reason:
        'JSON is neither a key policy (no Statement), a CloudFormation template (no Resources) ' +
        'nor a Terraform plan (no resource_changes)'
    })
  })

  it('skips empty files, YAML that is no template, and text that is not YAML', () => {
    expect(extractKeyPolicies('a.json', ' \n', CTX)).toEqual({ kind: 'skipped', reason: 'the file is empty' })
    expect(extractKeyPolicies('.github/workflows/ci.yml', 'on: push\njobs: {}\n', CTX)).toEqual({
      kind: 'skipped',
      reason: 'YAML is not a CloudFormation template (no Resources)'
    })
    expect(extractKeyPolicies('README.md', '# Keys\n\nkey: [unclosed\n', CTX)).toEqual({
      kind: 'skipped',
      reason: 'neither JSON nor YAML'
    })
  })

  it('reports broken YAML as an error when the file is named or shaped like a template', () => {
    const broken = 'Resources:\n  Key: [unclosed\n'
    expect(extractKeyPolicies('kms.txt', broken, CTX)).toMatchObject({ kind: 'error' })
    expect(extractKeyPolicies('kms.yml', 'a: [unclosed\n', CTX)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^malformed YAML at 2:1: /)
    })
  })
})
