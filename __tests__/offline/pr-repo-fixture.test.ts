// The example repository the end-to-end tests run the action on: what the offline readers find in it.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { findPolicyFiles } from '../../src/offline/discover.js'
import { extractKeyPolicies, type ExtractResult } from '../../src/offline/extract.js'
import { CI_ROLE, CTX, ROOT } from './fixtures.js'

const REPO = path.join(process.cwd(), 'test', 'e2e', 'fixtures', 'pr-repo')

function extract(file: string): ExtractResult {
  return extractKeyPolicies(file, readFileSync(path.join(REPO, file), 'utf8'), CTX)
}

type Summary = { name: string; line: number; statementLines: number[]; unresolved: string[] }
function summary(result: ExtractResult): Summary[] {
  if (result.kind !== 'policies') throw new Error(`expected policies, got ${JSON.stringify(result)}`)
  return result.policies.map(({ name, line, statementLines, unresolved }) => ({
    name,
    line,
    statementLines,
    unresolved
  }))
}

describe('test/e2e/fixtures/pr-repo', () => {
  it('has the four policy files under the usual globs', async () => {
    const found = await findPolicyFiles(['infra/**/*.yaml', 'terraform/plan.json', 'policies/*.json'], REPO)
    expect(found).toEqual({
      files: ['infra/kms.yaml', 'policies/broken.json', 'policies/raw-good.json', 'terraform/plan.json'],
      unmatched: []
    })
  })

  it('infra/kms.yaml: GoodKey names the CI role with CreateGrant for AWS resources; BadKey only an admin role', () => {
    const result = extract('infra/kms.yaml')
    expect(summary(result)).toEqual([
      { name: 'GoodKey', line: 10, statementLines: [14, 20], unresolved: [] },
      { name: 'BadKey', line: 41, statementLines: [45], unresolved: [] }
    ])
    if (result.kind !== 'policies') return
    const [good, bad] = result.policies.map(
      p => (p.policy as { Statement: Record<string, unknown>[] }).Statement
    )
    expect(good[0]).toMatchObject({ Principal: { AWS: ROOT }, Action: 'kms:*' })
    expect(good[1]).toMatchObject({
      Principal: { AWS: CI_ROLE },
      Action: 'kms:CreateGrant',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': true } }
    })
    expect(bad).toHaveLength(1)
    expect(bad[0]).toMatchObject({ Principal: { AWS: 'arn:aws:iam::111122223333:role/KMSAdminRole' } })
  })

  it('terraform/plan.json: a root-only key and a key policy that denies the CI role CreateGrant', () => {
    const result = extract('terraform/plan.json')
    expect(summary(result)).toEqual([
      { name: 'aws_kms_key.runners', line: 79, statementLines: [79], unresolved: [] },
      { name: 'aws_kms_key_policy.legacy', line: 124, statementLines: [124, 124], unresolved: [] }
    ])
    if (result.kind !== 'policies') return
    expect(result.policies[1].policy).toMatchObject({
      Statement: [
        { Principal: { AWS: ROOT } },
        { Effect: 'Deny', Principal: { AWS: CI_ROLE }, Action: 'kms:CreateGrant' }
      ]
    })
  })

  it('policies/raw-good.json allows the role; policies/broken.json is malformed', () => {
    expect(summary(extract('policies/raw-good.json'))).toEqual([
      { name: 'key policy', line: 1, statementLines: [5, 12], unresolved: [] }
    ])
    expect(extract('policies/broken.json')).toEqual({
      kind: 'error',
      message: "malformed JSON at 8:7: Expected ',' or '}' after property value"
    })
  })
})
