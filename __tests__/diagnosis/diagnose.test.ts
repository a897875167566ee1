import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2'
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  KMSServiceException,
  ListAliasesCommand,
  PutKeyPolicyCommand
} from '@aws-sdk/client-kms'
import {
  GetRoleCommand,
  IAMClient,
  IAMServiceException,
  SimulatePrincipalPolicyCommand
} from '@aws-sdk/client-iam'
import { diagnoseKeys } from '../../src/diagnosis/diagnose.js'
import { applyKeyPolicyFix } from '../../src/diagnosis/apply-fix.js'
import { callerFromArn } from '../../src/kms/principal.js'
import type { InstanceSnapshot } from '../../src/aws/instances.js'

const ec2Mock = mockClient(EC2Client)
const kmsMock = mockClient(KMSClient)
const iamMock = mockClient(IAMClient)
const ec2 = new EC2Client({ region: 'us-east-1' })
const kms = new KMSClient({ region: 'us-east-1' })
const iam = new IAMClient({ region: 'us-east-1' })
let iamBuilt = 0
const deps = {
  ec2,
  kms,
  iam: async () => {
    iamBuilt++
    return iam
  }
}

const ACCOUNT = '111122223333'
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-1`
const caller = callerFromArn(SESSION)
const keyArn = (n: number, account = ACCOUNT) =>
  `arn:aws:kms:us-east-1:${account}:key/0000000${n}-1111-2222-3333-444444444444`
const ROOT_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'root',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*'
    }
  ]
})
const ROLE_ALLOWED = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ci',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci-start-role` },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } }
    }
  ]
})
const ADMIN_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'admin',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` },
      Action: 'kms:*',
      Resource: '*'
    }
  ]
})

function instance(n: number, volumes: string[]): InstanceSnapshot {
  return { instanceId: `i-0000000000000000${n}`, state: 'stopped', volumeIds: volumes }
}

function mockKeys(policies: Record<string, string>, overrides: Record<string, object> = {}) {
  kmsMock.on(DescribeKeyCommand).callsFake(input => {
    const arn = input.KeyId as string
    return {
      KeyMetadata: {
        Arn: arn,
        KeyId: arn.split('/').pop(),
        AWSAccountId: arn.split(':')[4],
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        ...overrides[arn]
      }
    }
  })
  kmsMock
    .on(GetKeyPolicyCommand)
    .callsFake(input => ({ Policy: policies[input.KeyId as string], PolicyName: 'default' }))
  kmsMock.on(ListAliasesCommand).resolves({ Aliases: [] })
}

beforeEach(() => {
  ec2Mock.reset()
  kmsMock.reset()
  iamMock.reset()
  iamBuilt = 0
})

describe('diagnoseKeys', () => {
  it('makes one DescribeKey and one GetKeyPolicy per unique key, and one DescribeVolumes per 500 volumes', async () => {
    // 20 instances over 5 keys, two volumes each.
    const targets = Array.from({ length: 20 }, (_, i) => instance(i % 10, [`vol-a${i}`, `vol-b${i}`]))
    ec2Mock.on(DescribeVolumesCommand).callsFake(input => ({
      Volumes: (input.VolumeIds as string[]).map((id, n) => ({
        VolumeId: id,
        Encrypted: true,
        KmsKeyId: keyArn(n % 5)
      }))
    }))
    mockKeys(Object.fromEntries([0, 1, 2, 3, 4].map(n => [keyArn(n), ROLE_ALLOWED])))
    const d = await diagnoseKeys(deps, targets, caller, 'us-east-1', 'suggest')
    expect(ec2Mock.commandCalls(DescribeVolumesCommand)).toHaveLength(1)
    expect(kmsMock.commandCalls(DescribeKeyCommand)).toHaveLength(5)
    expect(kmsMock.commandCalls(GetKeyPolicyCommand)).toHaveLength(5)
    expect(kmsMock.commandCalls(ListAliasesCommand)).toHaveLength(5)
    expect(iamBuilt).toBe(0) // no verdict needed IAM: the IAM client is never even built
    expect(d.keys.map(k => k.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
  })

  it('keeps at most 8 KMS requests in flight, however many keys', async () => {
    const targets = [
      instance(
        1,
        Array.from({ length: 50 }, (_, i) => `vol-${i}`)
      )
    ]
    ec2Mock.on(DescribeVolumesCommand).callsFake(input => ({
      Volumes: (input.VolumeIds as string[]).map((id, n) => ({
        VolumeId: id,
        Encrypted: true,
        KmsKeyId: keyArn(n)
      }))
    }))
    let inFlight = 0
    let most = 0
    const slow = <T>(value: T) => {
      most = Math.max(most, ++inFlight)
      return new Promise<T>(resolve => setTimeout(() => (inFlight--, resolve(value)), 5))
    }
    kmsMock.on(DescribeKeyCommand).callsFake(input =>
      slow({
        KeyMetadata: {
          Arn: input.KeyId,
          KeyId: 'k',
          AWSAccountId: ACCOUNT,
          KeyManager: 'CUSTOMER',
          KeyState: 'Enabled'
        }
      })
    )
    kmsMock.on(GetKeyPolicyCommand).callsFake(() => slow({ Policy: ROLE_ALLOWED }))
    kmsMock.on(ListAliasesCommand).callsFake(() => slow({ Aliases: [] }))
    const d = await diagnoseKeys(deps, targets, caller, 'us-east-1', 'suggest')
    expect(d.keys).toHaveLength(50)
    expect(kmsMock.calls()).toHaveLength(150)
    expect(most).toBe(8)
  })

  it('skips unencrypted volumes and maps each instance to its keys', async () => {
    ec2Mock.on(DescribeVolumesCommand).resolves({
      Volumes: [
        { VolumeId: 'vol-1', Encrypted: false },
        { VolumeId: 'vol-2', Encrypted: true, KmsKeyId: keyArn(1) }
      ]
    })
    mockKeys({ [keyArn(1)]: ADMIN_ONLY })
    const d = await diagnoseKeys(
      deps,
      [instance(1, ['vol-1', 'vol-2'])],
      callerFromArn(`arn:aws:iam::${ACCOUNT}:role/ci-start-role`),
      'us-east-1',
      'suggest'
    )
    expect(d.instanceKeys.get('i-00000000000000001')).toEqual([keyArn(1)])
    expect(d.keys[0]).toMatchObject({
      status: 'misconfigured',
      verdict: { verdict: 'DENY_IMPLICIT' },
      volumes: ['vol-2']
    })
    expect(d.keys[0].fix).toMatchObject({
      target: 'key-policy',
      statement: { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci-start-role` } }
    })
  })

  it('simulates the IAM half once for all ALLOW_IF_IAM keys, with EC2 context entries', async () => {
    ec2Mock.on(DescribeVolumesCommand).resolves({
      Volumes: [1, 2, 3].map(n => ({ VolumeId: `vol-${n}`, Encrypted: true, KmsKeyId: keyArn(n) }))
    })
    mockKeys({ [keyArn(1)]: ROOT_ONLY, [keyArn(2)]: ROOT_ONLY, [keyArn(3)]: ROLE_ALLOWED })
    iamMock
      .on(GetRoleCommand)
      .resolves({ Role: { Arn: `arn:aws:iam::${ACCOUNT}:role/team/ci-start-role` } as never })
    iamMock.on(SimulatePrincipalPolicyCommand).resolves({
      EvaluationResults: [
        { EvalActionName: 'kms:CreateGrant', EvalResourceName: keyArn(1), EvalDecision: 'allowed' },
        { EvalActionName: 'kms:CreateGrant', EvalResourceName: keyArn(2), EvalDecision: 'implicitDeny' }
      ]
    })
    const d = await diagnoseKeys(
      deps,
      [instance(1, ['vol-1', 'vol-2', 'vol-3'])],
      caller,
      'us-east-1',
      'suggest'
    )
    const sims = iamMock.commandCalls(SimulatePrincipalPolicyCommand)
    expect(sims).toHaveLength(1)
    const input = sims[0].args[0].input
    expect(input.PolicySourceArn).toBe(`arn:aws:iam::${ACCOUNT}:role/team/ci-start-role`) // path from GetRole
    expect(input.ResourceArns).toEqual([keyArn(1), keyArn(2)])
    expect(input.ContextEntries).toEqual(
      expect.arrayContaining([
        {
          ContextKeyName: 'kms:ViaService',
          ContextKeyType: 'string',
          ContextKeyValues: ['ec2.us-east-1.amazonaws.com']
        },
        { ContextKeyName: 'kms:GrantIsForAWSResource', ContextKeyType: 'boolean', ContextKeyValues: ['true'] }
      ])
    )
    // The entries come from the request model the key-policy verdict uses, not a hand-made copy: every value the
    // two keys' CreateGrant requests share, the AWS-internal source address left out.
    const names = (input.ContextEntries ?? []).map(e => e.ContextKeyName)
    expect(names).toEqual(
      expect.arrayContaining([
        'kms:CallerAccount',
        'kms:GrantOperations',
        'aws:ViaAWSService',
        'kms:RetiringPrincipal',
        'aws:PrincipalArn'
      ])
    )
    expect(names).not.toContain('aws:SourceIp')
    expect(names).not.toContain('kms:EncryptionContext:aws:ebs:id') // differs per key (vol-1, vol-2)
    expect(input.ContextEntries).toContainEqual({
      ContextKeyName: 'aws:PrincipalArn',
      ContextKeyType: 'string',
      ContextKeyValues: [`arn:aws:iam::${ACCOUNT}:role/team/ci-start-role`]
    })
    expect(d.keys.map(k => [k.status, k.iamSimulation])).toEqual([
      ['ok', 'allowed'],
      ['misconfigured', 'implicitDeny'],
      ['ok', undefined]
    ])
    expect(d.keys[1].fix).toMatchObject({ target: 'iam-policy', statement: { Resource: [keyArn(2)] } })
  })

  it('turns a denied simulation into unverified keys and one warning, not a failure', async () => {
    ec2Mock
      .on(DescribeVolumesCommand)
      .resolves({ Volumes: [{ VolumeId: 'vol-1', Encrypted: true, KmsKeyId: keyArn(1) }] })
    mockKeys({ [keyArn(1)]: ROOT_ONLY })
    iamMock
      .on(GetRoleCommand)
      .resolves({ Role: { Arn: `arn:aws:iam::${ACCOUNT}:role/ci-start-role` } as never })
    iamMock.on(SimulatePrincipalPolicyCommand).rejects(
      new IAMServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: {},
        message: 'not authorized'
      })
    )
    const d = await diagnoseKeys(deps, [instance(1, ['vol-1'])], caller, 'us-east-1', 'suggest')
    expect(d.keys[0]).toMatchObject({ status: 'unverified', iamSimulation: 'unavailable' })
    expect(d.warnings.join('\n')).toMatch(
      /SimulatePrincipalPolicy failed for .*AccessDenied.*iam:SimulatePrincipalPolicy/
    )
  })

  it('names the failed call and the permission when a key policy cannot be read', async () => {
    ec2Mock
      .on(DescribeVolumesCommand)
      .resolves({ Volumes: [{ VolumeId: 'vol-1', Encrypted: true, KmsKeyId: keyArn(1) }] })
    mockKeys({})
    kmsMock.on(GetKeyPolicyCommand).rejects(
      new KMSServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: {},
        message: 'User: x is not authorized'
      })
    )
    const d = await diagnoseKeys(deps, [instance(1, ['vol-1'])], caller, 'us-east-1', 'off')
    expect(d.keys[0]).toMatchObject({ status: 'unverified', verdict: { verdict: 'CANNOT_EVALUATE' } })
    expect(d.keys[0].verdict.reason).toMatch(
      /^GetKeyPolicy failed for arn:aws:kms:.*AccessDeniedException.*the role needs kms:GetKeyPolicy/
    )
  })

  it('never reads the policy of a cross-account or AWS managed key', async () => {
    ec2Mock.on(DescribeVolumesCommand).resolves({
      Volumes: [
        { VolumeId: 'vol-1', Encrypted: true, KmsKeyId: keyArn(1, '444455556666') },
        { VolumeId: 'vol-2', Encrypted: true, KmsKeyId: keyArn(2) }
      ]
    })
    mockKeys({}, { [keyArn(2)]: { KeyManager: 'AWS' } })
    const d = await diagnoseKeys(deps, [instance(1, ['vol-1', 'vol-2'])], caller, 'us-east-1', 'suggest')
    expect(kmsMock.commandCalls(GetKeyPolicyCommand)).toEqual([])
    expect(d.keys.map(k => k.verdict.verdict)).toEqual(['CROSS_ACCOUNT_UNREADABLE', 'AWS_MANAGED'])
  })
})

describe('applyKeyPolicyFix', () => {
  const pathedCaller = callerFromArn(`arn:aws:iam::${ACCOUNT}:role/ci-start-role`)
  async function diagnosed(policy: string, overrides: object = {}) {
    ec2Mock
      .on(DescribeVolumesCommand)
      .resolves({ Volumes: [{ VolumeId: 'vol-1', Encrypted: true, KmsKeyId: keyArn(1) }] })
    mockKeys({ [keyArn(1)]: policy }, { [keyArn(1)]: overrides })
    return diagnoseKeys(deps, [instance(1, ['vol-1'])], pathedCaller, 'us-east-1', 'apply')
  }

  it('appends the statement, keeps the others, reads back and confirms the verdict', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    let stored = ADMIN_ONLY
    kmsMock.on(PutKeyPolicyCommand).callsFake(input => {
      stored = input.Policy as string
      return {}
    })
    kmsMock.on(GetKeyPolicyCommand).callsFake(() => ({ Policy: stored }))
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied).toMatchObject({ outcome: 'added', verdictAfter: 'ALLOW' })
    const put = kmsMock.commandCalls(PutKeyPolicyCommand)[0].args[0].input
    expect(put.BypassPolicyLockoutSafetyCheck).toBeUndefined()
    expect(JSON.parse(put.Policy as string).Statement[0]).toEqual(JSON.parse(ADMIN_ONLY).Statement[0])
    expect(d.keys[0].status).toBe('ok')
  })

  it('merges into the policy as it is at write time, keeping a statement added since the diagnosis', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    const meanwhile = JSON.parse(ADMIN_ONLY)
    meanwhile.Statement.push({
      Sid: 'AddedMeanwhile',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/x` },
      Action: 'kms:Decrypt',
      Resource: '*'
    })
    let stored = JSON.stringify(meanwhile)
    kmsMock.on(PutKeyPolicyCommand).callsFake(input => {
      stored = input.Policy as string
      return {}
    })
    kmsMock.on(GetKeyPolicyCommand).callsFake(() => ({ Policy: stored }))
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied?.outcome).toBe('added')
    expect(JSON.parse(stored).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'admin',
      'AddedMeanwhile',
      fix.sid
    ])
  })

  it('writes nothing when the policy was fixed by someone else since the diagnosis', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    kmsMock.on(GetKeyPolicyCommand).resolves({ Policy: ROLE_ALLOWED })
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied?.outcome).toBe('already-present')
    expect(kmsMock.commandCalls(PutKeyPolicyCommand)).toEqual([])
    expect(d.keys[0].status).toBe('ok')
  })

  it('refuses, writing nothing, when the fresh read right before the write has a Deny that matches', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    const meanwhile = JSON.parse(ADMIN_ONLY)
    meanwhile.Statement.push({
      Sid: 'LateDeny',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:CreateGrant',
      Resource: '*'
    })
    kmsMock.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(meanwhile) })
    kmsMock.on(PutKeyPolicyCommand).resolves({})
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied).toEqual({
      outcome: 'refused',
      detail: expect.stringContaining(
        'the key policy changed since the diagnosis: a Deny (statement "LateDeny") matches in the policy read right before the write'
      )
    })
    expect(kmsMock.commandCalls(PutKeyPolicyCommand)).toEqual([])
    expect(d.keys[0].verdict.verdict).toBe('DENY_EXPLICIT')
    expect(d.keys[0].status).toBe('misconfigured')
  })

  it('refuses, writing nothing, when the fresh read has two Statement members', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    const statements = JSON.stringify(JSON.parse(ADMIN_ONLY).Statement)
    kmsMock.on(GetKeyPolicyCommand).resolves({ Policy: `{"Statement":[],"Statement":${statements}}` })
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied?.outcome).toBe('refused')
    expect(fix.applied?.detail).toContain('duplicate members: "Statement" (top level)')
    expect(kmsMock.commandCalls(PutKeyPolicyCommand)).toEqual([])
  })

  it('reports a failure when the policy read back is not what was written', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    kmsMock.on(PutKeyPolicyCommand).resolves({})
    kmsMock.on(GetKeyPolicyCommand).resolves({ Policy: ADMIN_ONLY }) // someone else wrote in between
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied?.outcome).toBe('failed')
    expect(d.keys[0].status).toBe('misconfigured')
  })

  it.each([
    ['a disabled key', ADMIN_ONLY, { KeyState: 'Disabled' }, /it is Disabled/],
    ['an AWS managed key', ADMIN_ONLY, { KeyManager: 'AWS' }, /AWS managed key/],
    [
      'an explicit Deny',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'no', Effect: 'Deny', Principal: '*', Action: 'kms:CreateGrant', Resource: '*' }]
      }),
      {},
      /explicit Deny blocks EC2/
    ]
  ])('refuses %s without any PutKeyPolicy', async (_label, policy, overrides, reason) => {
    const d = await diagnosed(policy, overrides)
    const fix = await applyKeyPolicyFix(kms, d.keys[0], d.evidence.get(keyArn(1)), d.caller, 'us-east-1')
    expect(fix.applied?.outcome).toBe('refused')
    expect(fix.applied?.detail).toMatch(reason)
    expect(kmsMock.commandCalls(PutKeyPolicyCommand)).toEqual([])
  })

  it('refuses a key of another account even if its verdict looks fixable', async () => {
    const d = await diagnosed(ADMIN_ONLY)
    const evidence = d.evidence.get(keyArn(1))
    const foreign = {
      ...evidence,
      facts: { ...evidence!.facts!, accountId: '444455556666' },
      volumeId: 'vol-1'
    }
    const fix = await applyKeyPolicyFix(kms, d.keys[0], foreign, d.caller, 'us-east-1')
    expect(fix.applied?.detail).toMatch(/belongs to account 444455556666/)
    expect(kmsMock.commandCalls(PutKeyPolicyCommand)).toEqual([])
  })
})
