import { describe, expect, it } from '@jest/globals'
import { extractKeyPolicies, type ExtractedPolicy, type ExtractResult } from '../../src/offline/extract.js'
import { CI_ROLE, CTX, fixture, ROOT } from './fixtures.js'

function policies(result: ExtractResult): ExtractedPolicy[] {
  if (result.kind !== 'policies') throw new Error(`expected policies, got ${JSON.stringify(result)}`)
  expect(result.format).toBe('terraform-plan')
  return result.policies
}

const DEFAULT_POLICY = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: ROOT },
      Action: 'kms:*',
      Resource: '*'
    }
  ]
}

describe('Terraform plan JSON', () => {
  const [key, keyPolicy, ...rest] = policies(
    extractKeyPolicies('terraform/plan.json', fixture('tf-plan.json'), CTX)
  )

  it('reads aws_kms_key and aws_kms_key_policy by address, ignoring other resources', () => {
    expect(rest).toEqual([])
    expect(key.name).toBe('aws_kms_key.ebs')
    expect(keyPolicy.name).toBe('module.shared.aws_kms_key_policy.ci')
  })

  it('parses the planned policy string (not the prior one) at the line of its "policy" key', () => {
    expect(key).toMatchObject({ line: 81, statementLines: [81, 81], unresolved: [] })
    expect(key.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EnableIAMUserPermissions',
          Effect: 'Allow',
          Principal: { AWS: ROOT },
          Action: 'kms:*',
          Resource: '*'
        },
        {
          Sid: 'AllowCiStartRole',
          Effect: 'Allow',
          Principal: { AWS: CI_ROLE },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } }
        }
      ]
    })
    expect(keyPolicy).toMatchObject({ line: 125, statementLines: [125, 125], unresolved: [] })
    expect((keyPolicy.policy as { Statement: { Sid: string; Effect: string }[] }).Statement[1]).toMatchObject(
      {
        Sid: 'DenyCiGrants',
        Effect: 'Deny'
      }
    )
  })
})

describe('Terraform plan edge cases', () => {
  const result = extractKeyPolicies('plans/edge.json', fixture('tf-plan-edge.json'), CTX)
  const byName = new Map(policies(result).map(p => [p.name, p]))

  it('skips keys being destroyed and keeps replaced ones; a key set by aws_kms_key_policy is reported there', () => {
    expect([...byName.keys()]).toEqual([
      'aws_kms_key.implicit (default policy)',
      'aws_kms_key.computed',
      'aws_kms_key_policy.separate',
      'aws_kms_key.replaced[0]',
      'module.legacy.aws_kms_key_policy.broken'
    ])
  })

  it('gives a key without a policy argument the CreateKey default policy', () => {
    expect(byName.get('aws_kms_key.implicit (default policy)')).toEqual({
      name: 'aws_kms_key.implicit (default policy)',
      line: 22,
      statementLines: [22],
      policy: DEFAULT_POLICY,
      unresolved: []
    })
  })

  it('marks a policy known only after apply as unresolved', () => {
    expect(byName.get('aws_kms_key.computed')).toEqual({
      name: 'aws_kms_key.computed',
      line: 44,
      statementLines: [],
      policy: {},
      unresolved: ['policy of aws_kms_key.computed is known only after apply']
    })
  })

  it('marks a policy string that is not JSON as unresolved, naming the parse error', () => {
    expect(byName.get('module.legacy.aws_kms_key_policy.broken')).toEqual({
      name: 'module.legacy.aws_kms_key_policy.broken',
      line: 146,
      statementLines: [],
      policy: {},
      unresolved: [
        'policy of module.legacy.aws_kms_key_policy.broken: malformed JSON at 1:41: Unexpected end of JSON input'
      ]
    })
  })

  it('uses the line of the address when the plan has no policy attribute at all', () => {
    const plan = JSON.stringify(
      {
        format_version: '1.2',
        terraform_version: '1.9.5',
        resource_changes: [
          {
            address: 'aws_kms_key.bare',
            mode: 'managed',
            type: 'aws_kms_key',
            name: 'bare',
            change: { actions: ['create'], before: null, after: {}, after_unknown: {} }
          }
        ]
      },
      null,
      2
    )
    const [bare] = policies(extractKeyPolicies('plan.json', plan, CTX))
    expect(bare).toMatchObject({ name: 'aws_kms_key.bare (default policy)', line: 6, policy: DEFAULT_POLICY })
  })

  it('skips a plan with no key to create or update', () => {
    const plan = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: [] })
    expect(extractKeyPolicies('plan.json', plan, CTX)).toEqual({
      kind: 'skipped',
      reason: 'Terraform plan has no aws_kms_key or aws_kms_key_policy to create or update'
    })
  })
})
