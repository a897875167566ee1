// The requests a start makes to KMS per encrypted volume (how-ec2-uses-kms.md 1.1): the caller's kms:CreateGrant
// through EC2, and EC2's own kms:Decrypt of the volume's data key as the instance's identity-only role. Pure: the
// same model feeds the key-policy evaluator and the IAM simulation's context entries. Values that are not
// documented are declared unknown (or maybe present) rather than guessed.
import { AWS_INTERNAL } from './ip.js'
import type { Caller, KeyFacts, PartlyKnownValue, RequestContext, StartRequestName } from './types.js'

export const CREATE_GRANT = 'kms:CreateGrant'
export const DECRYPT = 'kms:Decrypt'
/** The role of EC2's identity-only sessions; "aws:" names are reserved for AWS (how-ec2-uses-kms.md 1.1 item 2). */
export const EC2_INFRASTRUCTURE = 'aws:ec2-infrastructure'

export interface RequestOptions {
  key?: KeyFacts
  now?: Date
  /**
   * The caller's role path is not known (a session ARN drops it): judge aws:PrincipalArn as if the role were on
   * path "/", the path nearly every role has. Without it, aws:PrincipalArn stays unknown.
   */
  assumeRootPath?: boolean
}

/** The forms in which AWS documents the aws:PrincipalArn of EC2's Decrypt (how-ec2-uses-kms.md 1.1 item 2). */
export type PrincipalArnForm = 'role' | 'role-with-instance-id'

/** One request of the start as the verdict weighs it. */
export interface StartRequest {
  name: StartRequestName
  /** CreateGrant needs an Allow and no Deny; EC2's Decrypt is allowed by the grant and needs only no Deny. */
  needs: 'allow-and-no-deny' | 'no-deny'
  /** One context per documented form of a value whose forms may disagree; the verdict needs them to agree. */
  forms: Array<{ form?: PrincipalArnForm; request: RequestContext }>
}

/** Four instance IDs of both documented lengths that differ in every character of the ID. */
const WITNESS_INSTANCE_IDS = ['i-0123456789abcdef0', 'i-fedcba9876543210f', 'i-01234567', 'i-fedcba98']
/** A policy value that names an instance ID itself (after a separator or a wildcard). */
const NAMES_INSTANCE_ID = /(^|[/:*?])i-[0-9a-f]/i

function partitionOf(caller: Caller): string {
  return caller.partition ?? caller.principalArn.split(':')[1] ?? 'aws'
}

/** The identity-only role session EC2 uses for the instance, the grantee of EC2's grant (how-ec2-uses-kms.md 1.3). */
export function ec2InfrastructureSession(partition: string, accountId: string, instanceId: string): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${EC2_INFRASTRUCTURE}/${instanceId}`
}

export function ec2InfrastructureRole(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/${EC2_INFRASTRUCTURE}`
}

/** The session ARN when the instance is not known: known but for the instance ID. */
function sessionWithoutInstance(partition: string, accountId: string): PartlyKnownValue {
  return {
    witnesses: WITNESS_INSTANCE_IDS.map(id => ec2InfrastructureSession(partition, accountId, id)),
    unlessPolicyNames: NAMES_INSTANCE_ID,
    missing: 'the instance ID'
  }
}

/** Context every request of the start shares: the key's own properties, and the time. */
function keyAndTime(
  keyArn: string,
  options: RequestOptions,
  context: RequestContext['context'],
  unknownKeys: string[],
  maybeKeys: string[]
): void {
  const keyAccount = keyArn.split(':')[4]
  if (keyAccount !== undefined && keyAccount !== '') context['aws:ResourceAccount'] = keyAccount
  if (options.now !== undefined) {
    context['aws:CurrentTime'] = options.now.toISOString()
    context['aws:EpochTime'] = String(Math.floor(options.now.getTime() / 1000))
  } else {
    unknownKeys.push('aws:CurrentTime', 'aws:EpochTime')
  }
  const key = options.key
  if (key !== undefined) {
    if (key.origin !== undefined) context['kms:KeyOrigin'] = key.origin
    if (key.keySpec !== undefined) context['kms:KeySpec'] = key.keySpec
    if (key.keyUsage !== undefined) context['kms:KeyUsage'] = key.keyUsage
    if (key.multiRegion !== undefined) context['kms:MultiRegion'] = key.multiRegion
    context['kms:ResourceAliases'] = key.aliases
  } else {
    maybeKeys.push('kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage', 'kms:MultiRegion', 'kms:ResourceAliases')
  }
}

/** Organization, tags, MFA and CalledVia depend on things the tool does not look up: they may or may not be there. */
const MAYBE_KEYS = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalTag/*',
  'aws:ResourceTag/*',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
  'aws:SourceIdentity',
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
  'aws:FederatedProvider',
  'aws:CalledVia',
  'aws:CalledViaFirst',
  'aws:CalledViaLast'
]

/**
 * The authorization context of the kms:CreateGrant EC2 makes for the caller when it attaches an encrypted volume
 * (how-ec2-uses-kms.md 1.1 and 1.3). Values we cannot know are declared unknown rather than guessed.
 */
export function buildEc2GrantRequest(
  caller: Caller,
  keyArn: string,
  region: string,
  volumeId?: string,
  instanceId?: string,
  options: RequestOptions = {}
): RequestContext {
  const partition = partitionOf(caller)
  const ec2 = `ec2.${region}.amazonaws.com` // the .amazonaws.com suffix holds in every partition (how-ec2-uses-kms.md 1.3)
  const isRole = /:role\//.test(caller.principalArn)
  const isUser = /:user\//.test(caller.principalArn)
  const context: RequestContext['context'] = {
    'kms:ViaService': ec2,
    'kms:GrantIsForAWSResource': true,
    'kms:CallerAccount': caller.accountId,
    'kms:GrantOperations': ['Decrypt'],
    'kms:GrantConstraintType': 'EncryptionContextSubset',
    'kms:EncryptionContextKeys': ['aws:ebs:id'],
    'kms:RetiringPrincipal': ec2,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType':
      isRole || caller.sessionArn !== undefined ? 'AssumedRole' : isUser ? 'User' : 'Account',
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': true,
    'aws:SourceIp': AWS_INTERNAL,
    // Always in the request context, and KMS takes TLS requests only (how-ec2-uses-kms.md 1.3).
    'aws:SecureTransport': true,
    'aws:RequestedRegion': region
  }
  const unknownKeys = ['aws:userid']
  const maybeKeys = [...MAYBE_KEYS]
  const partlyKnown: Record<string, PartlyKnownValue> = {}
  // Without the role's path the real aws:PrincipalArn is not known: unless told to assume path "/", it stays unknown.
  if (caller.pathUnknown === true && options.assumeRootPath !== true) unknownKeys.push('aws:PrincipalArn')
  else context['aws:PrincipalArn'] = caller.principalArn
  if (volumeId !== undefined) context['kms:EncryptionContext:aws:ebs:id'] = volumeId
  else unknownKeys.push('kms:EncryptionContext:aws:ebs:id')
  // The grantee is always EC2's identity-only session for the instance, never a customer's role (how-ec2-uses-kms.md 1.3).
  if (instanceId !== undefined) {
    context['kms:GranteePrincipal'] = ec2InfrastructureSession(partition, caller.accountId, instanceId)
  } else {
    partlyKnown['kms:GranteePrincipal'] = sessionWithoutInstance(partition, caller.accountId)
  }
  if (isRole || caller.sessionArn !== undefined) {
    unknownKeys.push('aws:TokenIssueTime')
    const session = caller.sessionArn?.split('/')[2]
    if (session !== undefined) context['aws:RoleSessionName'] = session
    else unknownKeys.push('aws:RoleSessionName')
  } else if (isUser) {
    context['aws:username'] = caller.principalArn.split('/').pop() ?? ''
  }
  keyAndTime(keyArn, options, context, unknownKeys, maybeKeys)
  return {
    action: CREATE_GRANT,
    principalArn: caller.principalArn,
    sessionArn: caller.sessionArn,
    accountId: caller.accountId,
    resourceArn: keyArn,
    context,
    unknownKeys,
    maybeKeys,
    partlyKnown,
    principalPathUnknown: caller.pathUnknown === true
  }
}

/**
 * EC2's own kms:Decrypt of the volume's data key, as the instance's identity-only role session, in the instance's
 * account (how-ec2-uses-kms.md 1.1 item 2). One request per documented form of its aws:PrincipalArn. The Principal
 * element is matched against the role and the session either way; only the aws:PrincipalArn value differs.
 */
export function buildEc2DecryptRequests(
  accountId: string,
  partition: string,
  keyArn: string,
  volumeId?: string,
  instanceId?: string,
  options: RequestOptions = {}
): Array<{ form: PrincipalArnForm; request: RequestContext }> {
  const role = ec2InfrastructureRole(partition, accountId)
  const forms: Array<{ form: PrincipalArnForm; principalArn?: string }> = [
    { form: 'role', principalArn: role },
    {
      form: 'role-with-instance-id',
      principalArn: instanceId === undefined ? undefined : `${role}/${instanceId}`
    }
  ]
  return forms.map(({ form, principalArn }) => {
    const context: RequestContext['context'] = {
      'kms:CallerAccount': accountId,
      'aws:PrincipalAccount': accountId,
      'aws:PrincipalIsAWSService': false,
      'aws:ViaAWSService': false,
      'aws:SourceIp': AWS_INTERNAL,
      'aws:SecureTransport': true,
      'kms:EncryptionContextKeys': ['aws:ebs:id']
    }
    const unknownKeys = ['aws:userid', 'aws:TokenIssueTime']
    // Not documented for this request: they may be there or not (how-ec2-uses-kms.md 1.1 item 2).
    const maybeKeys = [...MAYBE_KEYS, 'kms:ViaService', 'aws:PrincipalType', 'aws:RequestedRegion']
    const partlyKnown: Record<string, PartlyKnownValue> = {}
    if (principalArn !== undefined) context['aws:PrincipalArn'] = principalArn
    else {
      partlyKnown['aws:PrincipalArn'] = {
        witnesses: WITNESS_INSTANCE_IDS.map(id => `${role}/${id}`),
        unlessPolicyNames: NAMES_INSTANCE_ID,
        missing: 'the instance ID'
      }
    }
    if (volumeId !== undefined) context['kms:EncryptionContext:aws:ebs:id'] = volumeId
    else unknownKeys.push('kms:EncryptionContext:aws:ebs:id')
    if (instanceId !== undefined) context['aws:RoleSessionName'] = instanceId
    else unknownKeys.push('aws:RoleSessionName')
    keyAndTime(keyArn, options, context, unknownKeys, maybeKeys)
    return {
      form,
      request: {
        action: DECRYPT,
        principalArn: role,
        sessionArn:
          instanceId === undefined ? undefined : ec2InfrastructureSession(partition, accountId, instanceId),
        accountId,
        resourceArn: keyArn,
        context,
        unknownKeys,
        maybeKeys,
        partlyKnown
      }
    }
  })
}

/** Both requests of the start, for one caller, key, volume and instance. */
export function buildStartRequests(
  caller: Caller,
  keyArn: string,
  region: string,
  volumeId?: string,
  instanceId?: string,
  options: RequestOptions = {}
): StartRequest[] {
  return [
    {
      name: 'CreateGrant',
      needs: 'allow-and-no-deny',
      forms: [{ request: buildEc2GrantRequest(caller, keyArn, region, volumeId, instanceId, options) }]
    },
    {
      name: 'Decrypt',
      needs: 'no-deny',
      // EC2 makes it in the instance's account, which is the caller's.
      forms: buildEc2DecryptRequests(
        caller.accountId,
        partitionOf(caller),
        keyArn,
        volumeId,
        instanceId,
        options
      )
    }
  ]
}
