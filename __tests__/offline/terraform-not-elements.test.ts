// Terraform source: not_actions, not_resources and not_principals in data "aws_iam_policy_document", and the region
// data source in both spellings (.name, and .region of AWS provider v6), judged end to end by the offline gate.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readInputs } from '../../src/inputs.js'
import { checkPolicyFiles } from '../../src/offline/check-files.js'
import { extractTerraformModule } from '../../src/offline/terraform-source.js'
import type { ExtractedPolicy } from '../../src/offline/types.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'

/** A module folder `tf/` in a fresh workspace, with one main.tf. */
function workspace(mainTf: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'esg-tf-not-'))
  mkdirSync(path.join(root, 'tf'))
  writeFileSync(path.join(root, 'tf', 'main.tf'), mainTf)
  return root
}

const DATA = `
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
`

const ROOT_STATEMENT = `
  statement {
    sid       = "Enable IAM User Permissions"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:\${data.aws_partition.current.partition}:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }
`

const CI_ROLE_STATEMENT = (regionRef: string) => `
  statement {
    sid       = "CiRoleThroughEc2"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["${ROLE}"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ec2.\${${regionRef}}.amazonaws.com"]
    }
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
`

/** A Deny of everything but the given actions, outside the given resources, for everyone but the admin role. */
function documentTf(
  notActions: string[],
  notResource: string,
  regionRef = 'data.aws_region.current.region'
): string {
  return `${DATA}
data "aws_iam_policy_document" "key" {
${ROOT_STATEMENT}
${CI_ROLE_STATEMENT(regionRef)}
  statement {
    sid           = "DenyAllButListedOutsideRegionKeys"
    effect        = "Deny"
    not_actions   = ${JSON.stringify(notActions)}
    not_resources = ["${notResource}"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/KMSAdminRole"]
    }
  }
}

resource "aws_kms_key" "ebs" {
  description = "EBS"
  policy      = data.aws_iam_policy_document.key.json
}
`
}

async function extracted(root: string, region = 'us-east-1'): Promise<ExtractedPolicy> {
  const ctx = { accountId: '111122223333', region, partition: 'aws' }
  const results = await extractTerraformModule(root, 'tf', ['tf/main.tf'], ctx, [])
  const result = results.get('tf/main.tf')
  if (result?.kind !== 'policies') throw new Error(`expected policies, got ${JSON.stringify(result)}`)
  const policy = result.policies.find(p => p.name === 'aws_kms_key.ebs')
  if (!policy) throw new Error('aws_kms_key.ebs not found')
  return policy
}

async function verdict(root: string, region = 'us-east-1') {
  const inputs = readInputs(
    name => ({ 'key-policy-files': 'tf/*.tf', 'principal-arn': ROLE, region })[name] ?? '',
    { GITHUB_WORKSPACE: root }
  )
  const report = await checkPolicyFiles(inputs, root)
  const policy = report.files[0].policies.find(p => p.name === 'aws_kms_key.ebs')
  return policy?.verdict
}

type Statement = Record<string, unknown>
const statements = (p: ExtractedPolicy) => (p.policy as { Statement: Statement[] }).Statement

describe('data.aws_iam_policy_document: not_actions, not_resources, not_principals', () => {
  it('become NotAction, NotResource and NotPrincipal, with the region resolved, on their .tf lines', async () => {
    const root = workspace(
      documentTf(
        ['kms:CreateGrant', 'kms:Decrypt'],
        'arn:aws:kms:${data.aws_region.current.region}:111122223333:key/*'
      )
    )
    const policy = await extracted(root)
    expect(policy.unresolved).toEqual([])
    const deny = statements(policy)[2]
    expect(deny).toEqual({
      Sid: 'DenyAllButListedOutsideRegionKeys',
      Effect: 'Deny',
      NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/KMSAdminRole'] },
      NotAction: ['kms:CreateGrant', 'kms:Decrypt'],
      NotResource: ['arn:aws:kms:us-east-1:111122223333:key/*']
    })
    expect(statements(policy)[0].Principal).toEqual({ AWS: ['arn:aws:iam::111122223333:root'] })
    expect(statements(policy)[1].Condition).toEqual({
      StringEquals: { 'kms:ViaService': ['ec2.us-east-1.amazonaws.com'] },
      Bool: { 'kms:GrantIsForAWSResource': ['true'] }
    })
    // One line per statement block, in order.
    const text = documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'x').split('\n')
    const blockLines = text.flatMap((l, i) => (/^\s*statement \{/.test(l) ? [i + 1] : []))
    expect(policy.statementLines).toEqual(blockLines)
  })

  it('a Deny whose not_actions leave out CreateGrant and Decrypt does not stop EC2: ALLOW', async () => {
    const root = workspace(
      documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'arn:aws:kms:us-west-2:111122223333:key/*')
    )
    expect((await verdict(root))?.verdict).toBe('ALLOW')
  })

  it('the same Deny with not_actions = ["kms:Decrypt"] denies the CreateGrant: DENY_EXPLICIT, deciding statement 3', async () => {
    const root = workspace(documentTf(['kms:Decrypt'], 'arn:aws:kms:us-west-2:111122223333:key/*'))
    const v = await verdict(root)
    expect(v?.verdict).toBe('DENY_EXPLICIT')
    expect(v?.deciding).toMatchObject({ index: 2, sid: 'DenyAllButListedOutsideRegionKeys', effect: 'Deny' })
  })

  it('not_resources that cover the key (in the region of data.aws_region.current.region) lift that Deny: ALLOW', async () => {
    const root = workspace(
      documentTf(['kms:Decrypt'], 'arn:aws:kms:${data.aws_region.current.region}:111122223333:key/*')
    )
    expect((await verdict(root))?.verdict).toBe('ALLOW')
  })

  it('not_principals naming only the caller role do not exempt its session: DENY_EXPLICIT', async () => {
    const tf = documentTf(['kms:Decrypt'], 'arn:aws:kms:us-west-2:111122223333:key/*').replace(
      'arn:aws:iam::111122223333:role/KMSAdminRole',
      ROLE
    )
    const v = await verdict(workspace(tf))
    // A Deny with NotPrincipal excepts a role session only when it lists the session ARN too, which is not known
    // before the run (how-ec2-uses-kms.md 4.1): the CreateGrant is made by the session, so it is denied.
    expect(v?.verdict).toBe('DENY_EXPLICIT')
    expect(v?.deniedRequest).toBe('CreateGrant')
    expect(v?.deciding?.sid).toBe('DenyAllButListedOutsideRegionKeys')
  })
})

describe('data.aws_region: .name and .region', () => {
  it.each(['data.aws_region.current.name', 'data.aws_region.current.region', 'data.aws_region.current.id'])(
    '%s resolves to the region input',
    async ref => {
      const root = workspace(documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'x', ref))
      const policy = await extracted(root, 'eu-west-1')
      expect(statements(policy)[1].Condition).toMatchObject({
        StringEquals: { 'kms:ViaService': ['ec2.eu-west-1.amazonaws.com'] }
      })
      expect((await verdict(root, 'eu-west-1'))?.verdict).toBe('ALLOW')
    }
  )

  it('a ViaService of another region than the gate checks does not let EC2 in', async () => {
    const root = workspace(
      documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'x').replace(
        'ec2.${data.aws_region.current.region}.amazonaws.com',
        'ec2.us-west-2.amazonaws.com'
      )
    )
    expect((await verdict(root))?.verdict).not.toBe('ALLOW')
  })

  it.each([
    ['region = "us-west-2"', 'data "aws_region" "current" {\n  region = "us-west-2"\n}'],
    ['name = "us-west-2"', 'data "aws_region" "current" {\n  name = "us-west-2"\n}']
  ])('a data source that sets %s is that region, not the region input', async (_label, block) => {
    const root = workspace(
      documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'x').replace('data "aws_region" "current" {}', block)
    )
    const policy = await extracted(root)
    expect(statements(policy)[1].Condition).toMatchObject({
      StringEquals: { 'kms:ViaService': ['ec2.us-west-2.amazonaws.com'] }
    })
  })

  it('a data source of another provider configuration stays unresolved, with its line', async () => {
    const root = workspace(
      documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'x').replace(
        'data "aws_region" "current" {}',
        'data "aws_region" "current" {\n  provider = aws.west\n}'
      )
    )
    const policy = await extracted(root)
    expect(policy.unresolved.join('\n')).toMatch(/data\.aws_region\.current\.region \(line \d+\)/)
  })

  it('so does data.aws_caller_identity of another provider configuration (maybe another account)', async () => {
    const root = workspace(
      documentTf(['kms:CreateGrant', 'kms:Decrypt'], 'x').replace(
        'data "aws_caller_identity" "current" {}',
        'data "aws_caller_identity" "current" {\n  provider = aws.audit\n}'
      )
    )
    const policy = await extracted(root)
    expect(policy.unresolved.join('\n')).toMatch(
      /data\.aws_caller_identity\.current\.account_id \(line \d+\)/
    )
    // The CI role's own statement decides, so the unknown root principal does not matter.
    expect((await verdict(root))?.verdict).toBe('ALLOW')
  })
})
