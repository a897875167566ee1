import { describe, expect, it } from '@jest/globals'
import {
  extractKeyPolicies,
  UNRESOLVED_MARKER,
  type ExtractedPolicy,
  type ExtractResult
} from '../../src/offline/extract.js'
import { CI_ROLE, CTX, fixture, ROOT } from './fixtures.js'

function policies(result: ExtractResult): ExtractedPolicy[] {
  if (result.kind !== 'policies') throw new Error(`expected policies, got ${JSON.stringify(result)}`)
  return result.policies
}

function only(result: ExtractResult): ExtractedPolicy {
  const list = policies(result)
  expect(list).toHaveLength(1)
  return list[0]
}

type Statement = Record<string, unknown> & { Principal: { AWS: unknown } }
function statements(policy: ExtractedPolicy): Statement[] {
  return (policy.policy as { Statement: Statement[] }).Statement
}

function template(keyPolicy: string): string {
  return [
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    `      KeyPolicy:${keyPolicy}`,
    ''
  ].join('\n')
}

describe('CloudFormation YAML with short-form intrinsics', () => {
  const result = extractKeyPolicies('infra/kms.yaml', fixture('cfn-short-forms.yaml'), CTX)

  it('finds every AWS::KMS::Key in template order, and nothing else', () => {
    expect(result.kind === 'policies' && result.format).toBe('cloudformation-yaml')
    expect(policies(result).map(p => p.name)).toEqual([
      'EbsKey',
      'LogsKey (default policy)',
      'StringPolicyKey'
    ])
  })

  it('gives the line of KeyPolicy and of each statement', () => {
    const [ebs] = policies(result)
    expect(ebs.line).toBe(30)
    expect(ebs.statementLines).toEqual([34, 40, 51, 64])
  })

  it('resolves !Sub with pseudo parameters, !Join with !Ref, and !Sub with a variable map using !FindInMap', () => {
    const [root, ci, , mapped] = statements(policies(result)[0])
    expect(root.Principal.AWS).toBe(ROOT)
    expect(ci.Principal.AWS).toBe(CI_ROLE)
    expect(ci.Condition).toEqual({
      Bool: { 'kms:GrantIsForAWSResource': true },
      StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' }
    })
    expect(mapped.Principal.AWS).toBe(CI_ROLE)
  })

  it('marks !GetAtt and a !Sub of a parameter (inside !Join) as unresolved, naming the statement and element', () => {
    const [ebs] = policies(result)
    expect(ebs.unresolved).toEqual([
      '!GetAtt AppRole.Arn in statement 3 Principal',
      '!Sub variable AdminRoleName in statement 3 Principal'
    ])
    expect(statements(ebs)[2].Principal.AWS).toEqual([
      '${ec2sg:unresolved:!GetAtt AppRole.Arn in statement 3 Principal}',
      '${ec2sg:unresolved:!Sub variable AdminRoleName in statement 3 Principal}'
    ])
    expect(UNRESOLVED_MARKER).toBe('${ec2sg:unresolved:')
  })

  it('reports a key with no KeyPolicy with the CreateKey default policy, at the resource line', () => {
    const logs = policies(result)[1]
    expect(logs).toEqual({
      name: 'LogsKey (default policy)',
      line: 73,
      statementLines: [73],
      policy: {
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
      },
      unresolved: []
    })
  })

  it('parses a KeyPolicy given as a `!Sub |` JSON string, with statement lines inside the block', () => {
    const text = policies(result)[2]
    expect(text.line).toBe(81)
    expect(text.statementLines).toEqual([85, 92])
    expect(statements(text)[0].Principal.AWS).toBe(ROOT)
    expect(text.unresolved).toEqual(['!Sub variable AppRole.Arn in statement 2 Principal'])
    expect(statements(text)[1].Principal.AWS).toBe(
      '${ec2sg:unresolved:!Sub variable AppRole.Arn in statement 2 Principal}'
    )
  })
})

describe('CloudFormation JSON with long-form intrinsics', () => {
  const result = extractKeyPolicies('templates/ci-key.template', fixture('cfn-long-forms.json'), CTX)

  it('is detected by content and located by line', () => {
    expect(result.kind === 'policies' && result.format).toBe('cloudformation-json')
    const key = only(result)
    expect(key.name).toBe('CiKey')
    expect(key.line).toBe(11)
    expect(key.statementLines).toEqual([14, 28, 45])
  })

  it('resolves Fn::Join of Refs, the two-element Fn::Sub, and Fn::Sub with AWS::Region', () => {
    const [root, ci] = statements(only(result))
    expect(root.Principal.AWS).toBe(ROOT)
    expect(ci.Principal.AWS).toBe(CI_ROLE)
    expect(ci.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } })
  })

  it('names Fn::GetAtt, a parameter in Fn::Sub and Fn::ImportValue as unresolved', () => {
    expect(only(result).unresolved).toEqual([
      'Fn::GetAtt BuildRole.Arn in statement 3 Principal',
      'Fn::Sub variable CiRoleName in statement 3 Principal',
      'Fn::ImportValue shared-deployer-role-arn in statement 3 Principal'
    ])
  })
})

describe('CloudFormation intrinsics, case by case', () => {
  it('resolves the partition and URL suffix of the context', () => {
    const yaml = template(`
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: kms:*
            Resource: '*'
            Condition: { StringEquals: { kms:ViaService: !Sub 'ec2.\${AWS::Region}.\${AWS::URLSuffix}' } }`)
    const cn = only(
      extractKeyPolicies('k.yaml', yaml, {
        accountId: '210987654321',
        region: 'cn-north-1',
        partition: 'aws-cn'
      })
    )
    expect(statements(cn)[0].Principal.AWS).toBe('arn:aws-cn:iam::210987654321:root')
    expect(statements(cn)[0].Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'ec2.cn-north-1.amazonaws.com.cn' }
    })
  })

  it('keeps ${!Literal} as literal text and removes values that are !Ref AWS::NoValue', () => {
    const yaml = template(`
        Statement:
          - Effect: Allow
            Principal: { AWS: [!Sub 'arn:aws:iam::\${AWS::AccountId}:role/ci-start-role', !Ref AWS::NoValue] }
            Action: kms:CreateGrant
            Resource: '*'
            Condition: { StringLike: { aws:PrincipalTag/team: !Sub '\${!aws:username}' } }
            NotResource: !Ref AWS::NoValue`)
    const [statement] = statements(only(extractKeyPolicies('k.yaml', yaml, CTX)))
    expect(statement).toEqual({
      Effect: 'Allow',
      Principal: { AWS: [CI_ROLE] },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalTag/team': '${aws:username}' } }
    })
  })

  it('resolves !Select over a literal list and leaves !If unresolved', () => {
    const yaml = template(`
        Statement:
          - Effect: Allow
            Principal: { AWS: !Select [1, [!Sub 'arn:aws:iam::\${AWS::AccountId}:root', !Sub 'arn:aws:iam::\${AWS::AccountId}:role/ci-start-role']] }
            Action: !If [IsProd, kms:CreateGrant, 'kms:*']
            Resource: '*'`)
    const key = only(extractKeyPolicies('k.yaml', yaml, CTX))
    expect(statements(key)[0].Principal.AWS).toBe(CI_ROLE)
    expect(key.unresolved).toEqual(['!If [IsProd, kms:CreateGrant, kms:*] in statement 1 Action'])
  })

  it('reports a Ref to a parameter and a whole KeyPolicy from !If as unresolved, with an empty policy', () => {
    const yaml = [
      'Parameters:',
      '  RoleArn: { Type: String }',
      'Resources:',
      '  RefKey:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy:',
      '        Statement:',
      '          Effect: Allow',
      '          Principal: { AWS: !Ref RoleArn }',
      '          Action: kms:CreateGrant',
      '          Resource: "*"',
      '  IfKey:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy: !If [UseStrict, { Statement: [] }, { Statement: [] }]',
      ''
    ].join('\n')
    const [ref, whole] = policies(extractKeyPolicies('k.yml', yaml, CTX))
    expect(ref).toMatchObject({ name: 'RefKey', line: 7, statementLines: [7] })
    expect(ref.unresolved).toEqual(['!Ref RoleArn in statement 1 Principal'])
    expect((ref.policy as { Statement: Statement }).Statement.Principal.AWS).toBe(
      '${ec2sg:unresolved:!Ref RoleArn in statement 1 Principal}'
    )
    expect(whole).toMatchObject({ name: 'IfKey', line: 16, statementLines: [], policy: {} })
    expect(whole.unresolved).toEqual(['!If [UseStrict, {Statement: []}, {Statement: []}] in the policy'])
  })

  it('follows YAML anchors and aliases', () => {
    const yaml = [
      'Resources:',
      '  A:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy: &shared',
      '        Statement:',
      "          - { Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }",
      '  B:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy: *shared',
      ''
    ].join('\n')
    const [a, b] = policies(extractKeyPolicies('k.yaml', yaml, CTX))
    expect(a.statementLines).toEqual([7])
    expect(b).toMatchObject({ name: 'B', line: 11, statementLines: [7] })
    expect(statements(b)[0].Principal.AWS).toBe(ROOT)
  })

  it('reads the KeyPolicy of an AWS::KMS::ReplicaKey', () => {
    const yaml = [
      'Resources:',
      '  Replica:',
      '    Type: AWS::KMS::ReplicaKey',
      '    Properties:',
      '      PrimaryKeyArn: arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
      '      KeyPolicy: { Statement: [{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: "kms:*", Resource: "*" }] }',
      ''
    ].join('\n')
    expect(only(extractKeyPolicies('k.yaml', yaml, CTX))).toMatchObject({
      name: 'Replica',
      line: 6,
      statementLines: [6]
    })
  })

  it('keeps a KeyPolicy string that is not JSON as an unresolved policy, not a file error', () => {
    const key = only(extractKeyPolicies('k.yaml', template(' "{ not json"'), CTX))
    expect(key).toMatchObject({ name: 'Key', line: 5, policy: {}, statementLines: [] })
    expect(key.unresolved).toEqual(["KeyPolicy of Key: malformed JSON at 1:3: Expected property name or '}'"])
  })

  it('skips a template with no KMS key', () => {
    expect(extractKeyPolicies('infra/bucket.yaml', fixture('cfn-no-keys.yaml'), CTX)).toEqual({
      kind: 'skipped',
      reason: 'CloudFormation template has no AWS::KMS::Key resource'
    })
  })

  it('reports malformed YAML with its line and column', () => {
    expect(extractKeyPolicies('infra/broken.yaml', fixture('malformed.yaml'), CTX)).toEqual({
      kind: 'error',
      message:
        'malformed YAML at 9:9: Flow map in block collection must be sufficiently indented and end with a }'
    })
  })
})
