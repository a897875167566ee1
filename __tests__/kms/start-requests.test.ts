// Both KMS requests of a start (how-ec2-uses-kms.md 1.1): the caller's CreateGrant through EC2, and EC2's own
// Decrypt as aws:ec2-infrastructure, which only a Deny can stop. Each new context value, the two documented forms
// of aws:PrincipalArn, the role-path assumption, and the amended-Deny advice.
import { describe, it, expect } from '@jest/globals'
import { analyzeKeyAccess, REQUESTS_PER_VOLUME } from '../../src/kms/access.js'
import { exemptEc2Infrastructure } from '../../src/kms/amend-deny.js'
import { callerFromArn, withRolePathFrom } from '../../src/kms/principal.js'
import { buildEc2DecryptRequests, buildStartRequests } from '../../src/kms/requests.js'
import { AWS_INTERNAL } from '../../src/kms/ip.js'
import type { Caller, KeyFacts } from '../../src/kms/types.js'

const ACCOUNT = '111122223333'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-run-4242`
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const VOLUME = 'vol-0894f908458cca170'
const INSTANCE = 'i-0123456789abcdef0'
const CALLER: Caller = { principalArn: ROLE, sessionArn: SESSION, accountId: ACCOUNT }
const EC2_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws:ec2-infrastructure`
const KEY: KeyFacts = {
  arn: KEY_ARN,
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  accountId: ACCOUNT,
  region: 'us-east-1',
  keyManager: 'CUSTOMER',
  keyState: 'Enabled',
  aliases: []
}
const ROOT = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*'
}
const ALLOW_CI = {
  Sid: 'AllowCiGrants',
  Effect: 'Allow',
  Principal: { AWS: ROLE },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } }
}
const DENY_OUTSIDE_VPCE = {
  Sid: 'DenyOutsideVpce',
  Effect: 'Deny',
  Principal: '*',
  Action: ['kms:Decrypt', 'kms:Encrypt'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }
}
const DENY_OUTSIDE_IP = {
  Sid: 'DenyAllOutsideRange',
  Effect: 'Deny',
  Principal: '*',
  Action: '*',
  Resource: '*',
  Condition: {
    NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] },
    Bool: { 'aws:ViaAWSService': 'false' }
  }
}
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements })
const judge = (doc: object, extra: Partial<Parameters<typeof analyzeKeyAccess>[0]> = {}) =>
  analyzeKeyAccess({
    key: KEY,
    policy: doc,
    caller: CALLER,
    region: 'us-east-1',
    volumeId: VOLUME,
    instanceId: INSTANCE,
    now: new Date('2026-06-01T00:00:00Z'),
    ...extra
  })

describe('the request model', () => {
  it(`holds ${REQUESTS_PER_VOLUME} requests per volume: CreateGrant needs an Allow, Decrypt only no Deny`, () => {
    const requests = buildStartRequests(CALLER, KEY_ARN, 'us-east-1', VOLUME, INSTANCE)
    expect(requests.map(r => [r.name, r.needs, r.forms.length])).toEqual([
      ['CreateGrant', 'allow-and-no-deny', 1],
      ['Decrypt', 'no-deny', 2]
    ])
    expect(requests).toHaveLength(REQUESTS_PER_VOLUME)
  })

  it("gives EC2's Decrypt its documented context, in both forms of aws:PrincipalArn", () => {
    const [role, withInstance] = buildEc2DecryptRequests(ACCOUNT, 'aws', KEY_ARN, VOLUME, INSTANCE)
    expect(role?.request).toMatchObject({
      action: 'kms:Decrypt',
      principalArn: EC2_ROLE,
      sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/${INSTANCE}`,
      context: {
        'aws:PrincipalArn': EC2_ROLE,
        'aws:PrincipalAccount': ACCOUNT,
        'kms:CallerAccount': ACCOUNT,
        'aws:PrincipalIsAWSService': false,
        'aws:ViaAWSService': false,
        'aws:SourceIp': AWS_INTERNAL,
        'aws:SecureTransport': true,
        'kms:EncryptionContext:aws:ebs:id': VOLUME
      }
    })
    expect(withInstance?.request.context['aws:PrincipalArn']).toBe(`${EC2_ROLE}/${INSTANCE}`)
    for (const absent of ['aws:SourceVpc', 'aws:SourceVpce', 'aws:VpcSourceIp', 'kms:GrantOperations']) {
      expect(role?.request.context[absent]).toBeUndefined()
    }
    expect(role?.request.maybeKeys).toEqual(expect.arrayContaining(['kms:ViaService', 'aws:PrincipalOrgID']))
  })
})

describe("EC2's own Decrypt", () => {
  it('is denied by the VPC-endpoint Deny: DENY_EXPLICIT naming the request and the statement', () => {
    const verdict = judge(policy(ROOT, ALLOW_CI, DENY_OUTSIDE_VPCE))
    expect(verdict).toMatchObject({
      verdict: 'DENY_EXPLICIT',
      usable: false,
      deniedRequest: 'Decrypt',
      deciding: { sid: 'DenyOutsideVpce', effect: 'Deny' },
      missingPermission: 'kms:Decrypt'
    })
    expect(verdict.reason).toContain(
      `EC2's own Decrypt of ${VOLUME} (as aws:ec2-infrastructure) is denied by statement "DenyOutsideVpce"`
    )
    expect(verdict.requests?.map(r => [r.request, r.outcome])).toEqual([
      ['CreateGrant', 'allowed'],
      ['Decrypt', 'denied']
    ])
  })

  it('is denied by the source-IP Deny that exempts only aws:ViaAWSService', () => {
    const verdict = judge(policy(ROOT, ALLOW_CI, DENY_OUTSIDE_IP))
    expect(verdict).toMatchObject({ verdict: 'DENY_EXPLICIT', deniedRequest: 'Decrypt' })
    expect(verdict.deciding?.sid).toBe('DenyAllOutsideRange')
  })

  it('advises the same Deny plus the ec2-infrastructure exemption, which then passes', () => {
    const verdict = judge(policy(ROOT, ALLOW_CI, DENY_OUTSIDE_VPCE))
    expect(verdict.amendedDeny?.before).toEqual(DENY_OUTSIDE_VPCE)
    expect(verdict.amendedDeny?.after).toEqual({
      ...DENY_OUTSIDE_VPCE,
      Condition: {
        ...DENY_OUTSIDE_VPCE.Condition,
        ArnNotLikeIfExists: { 'aws:PrincipalArn': [EC2_ROLE, `${EC2_ROLE}/*`] }
      }
    })
    const amended = judge(policy(ROOT, ALLOW_CI, verdict.amendedDeny!.after))
    expect(amended.verdict).toBe('ALLOW')
  })

  it('keeps values already exempted when amending', () => {
    const after = exemptEc2Infrastructure(
      {
        Effect: 'Deny',
        Condition: { ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } }
      },
      'aws',
      ACCOUNT
    )
    expect(after.Condition).toEqual({
      ArnNotLikeIfExists: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin', EC2_ROLE, `${EC2_ROLE}/*`] }
    })
  })

  it('is not decidable when the two documented forms of aws:PrincipalArn disagree (the perimeter exemption)', () => {
    const exempted = {
      ...DENY_OUTSIDE_VPCE,
      Condition: {
        ...DENY_OUTSIDE_VPCE.Condition,
        ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/aws:ec2-infrastructure' }
      }
    }
    const verdict = judge(policy(ROOT, ALLOW_CI, exempted))
    expect(verdict.verdict).toBe('CANNOT_EVALUATE')
    expect(verdict.reason).toContain('two ways')
    expect(verdict.reason).toContain('instance ID')
  })

  it('is untouched by a Deny that exempts EC2 by aws:PrincipalIsAWSService or names only customer roles', () => {
    const denyCiDecrypt = {
      Sid: 'DenyCiDecrypt',
      Effect: 'Deny',
      Principal: { AWS: ROLE },
      Action: 'kms:Decrypt',
      Resource: '*'
    }
    expect(judge(policy(ROOT, ALLOW_CI, denyCiDecrypt)).verdict).toBe('ALLOW')
  })

  it('passes a Deny of requests without TLS, even written with BoolIfExists: aws:SecureTransport is always true', () => {
    const denyInsecure = {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:*',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } }
    }
    const verdict = judge(policy(ROOT, ALLOW_CI, denyInsecure))
    expect(verdict.verdict).toBe('ALLOW')
    expect(verdict.requests?.map(r => [r.request, r.outcome])).toEqual([
      ['CreateGrant', 'allowed'],
      ['Decrypt', 'notDenied']
    ])
  })

  it('is unknown when a Deny turns on a value not documented for it (kms:ViaService): never an all-clear', () => {
    const deny = {
      Sid: 'DenyUnlessS3',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } }
    }
    const verdict = judge(policy(ROOT, ALLOW_CI, deny))
    expect(verdict.verdict).toBe('CANNOT_EVALUATE')
    expect(verdict.usable).toBe(false)
    expect(verdict.reason).toContain("EC2's own Decrypt")
  })
})

describe('kms:GranteePrincipal without the instance ID (key-policy-files)', () => {
  const onlyForAppRole = {
    Sid: 'GrantsToAppRoleOnly',
    Effect: 'Allow',
    Principal: { AWS: ROLE },
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { StringEquals: { 'kms:GranteePrincipal': `arn:aws:iam::${ACCOUNT}:role/app-role` } }
  }
  it('never matches a customer role: DENY_IMPLICIT, not CANNOT_EVALUATE', () => {
    expect(judge(policy(onlyForAppRole), { instanceId: undefined, volumeId: undefined }).verdict).toBe(
      'DENY_IMPLICIT'
    )
  })
  it('matches a pattern for every instance: ALLOW', () => {
    const forEc2 = {
      ...onlyForAppRole,
      Condition: {
        StringLike: { 'kms:GranteePrincipal': 'arn:aws:sts::*:assumed-role/aws:ec2-infrastructure/*' }
      }
    }
    expect(judge(policy(forEc2), { instanceId: undefined, volumeId: undefined }).verdict).toBe('ALLOW')
  })
  it('stays unknown when the policy names one instance', () => {
    const oneInstance = {
      ...onlyForAppRole,
      Condition: {
        StringEquals: {
          'kms:GranteePrincipal': `arn:aws:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/i-0aaaabbbbccccdddd`
        }
      }
    }
    expect(judge(policy(oneInstance), { instanceId: undefined, volumeId: undefined }).verdict).toBe(
      'CANNOT_EVALUATE'
    )
  })
  it('knows kms:RetiringPrincipal is EC2 in the region', () => {
    const retiring = {
      ...onlyForAppRole,
      Condition: { StringEquals: { 'kms:RetiringPrincipal': `arn:aws:iam::${ACCOUNT}:role/app-role` } }
    }
    expect(judge(policy(retiring), { instanceId: undefined }).verdict).toBe('DENY_IMPLICIT')
  })
})

describe('the role path assumption', () => {
  const denyAllButAdmin = {
    Sid: 'DenyAllButKmsAdmin',
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:*',
    Resource: '*',
    Condition: {
      ArnNotEquals: {
        'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/KMSAdminRole`, EC2_ROLE, `${EC2_ROLE}/*`]
      }
    }
  }
  const sessionCaller = callerFromArn(SESSION)

  it('judges a session caller on path "/" and says so with how to remove the assumption', () => {
    const verdict = judge(policy(ROOT, ALLOW_CI, denyAllButAdmin), { caller: sessionCaller })
    expect(verdict).toMatchObject({ verdict: 'DENY_EXPLICIT', deniedRequest: 'CreateGrant' })
    expect(verdict.deciding?.sid).toBe('DenyAllButKmsAdmin')
    expect(verdict.assumptions).toHaveLength(1)
    expect(verdict.assumptions?.[0]).toContain('path "/"')
    expect(verdict.assumptions?.[0]).toContain('principal-arn')
    expect(verdict.assumptions?.[0]).toContain('iam:GetRole')
  })

  it('states no assumption when the path does not change the verdict', () => {
    const verdict = judge(policy(ROOT, ALLOW_CI), { caller: sessionCaller })
    expect(verdict.verdict).toBe('ALLOW')
    expect(verdict.assumptions).toBeUndefined()
  })

  it('takes the path from role-to-assume when it names the caller role', () => {
    const withPath = withRolePathFrom(sessionCaller, `arn:aws:iam::${ACCOUNT}:role/ci/ci-start-role`)
    expect(withPath).toMatchObject({
      principalArn: `arn:aws:iam::${ACCOUNT}:role/ci/ci-start-role`,
      pathUnknown: false
    })
    expect(withRolePathFrom(sessionCaller, `arn:aws:iam::${ACCOUNT}:role/ci/other-role`)).toBe(sessionCaller)
    expect(withRolePathFrom(sessionCaller, undefined)).toBe(sessionCaller)
    const verdict = judge(policy(ROOT, ALLOW_CI, denyAllButAdmin), { caller: withPath })
    expect(verdict.verdict).toBe('DENY_EXPLICIT')
    expect(verdict.assumptions).toBeUndefined()
  })
})
