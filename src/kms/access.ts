// Can EC2 use this key when the caller starts an instance? Pure: key facts and policy text in, a verdict out.
// Only kms:CreateGrant in EC2's on-behalf context matters for a start (how-ec2-uses-kms.md 1.1, 8.1).
import {
  AWS_INTERNAL,
  evaluatePolicy,
  outcomeRange,
  type Outcome,
  type PolicyEvaluation
} from './evaluate.js'
import { parseKeyPolicy, statementLabel } from './policy.js'
import type { Caller, KeyFacts, KeyVerdict, RequestContext, StatementRef } from './types.js'

export const CREATE_GRANT = 'kms:CreateGrant'

export interface AnalyzeKeyAccessInput {
  key: KeyFacts
  /** The key policy (text or parsed JSON); absent when it could not be read. */
  policy?: string | object
  caller: Caller
  region: string
  volumeId?: string
  instanceId?: string
  /** The time to judge expiring key material and aws:CurrentTime by; defaults to the current time. */
  now?: Date
}

export type IamSimulation = 'allowed' | 'implicitDeny' | 'explicitDeny' | 'unavailable'
export type KeyStatus = 'ok' | 'misconfigured' | 'unverified'

/** States in which KMS refuses EC2's CreateGrant or Decrypt (how-ec2-uses-kms.md 4.3). */
const BLOCKING_STATES: Record<string, string> = {
  Disabled: 'KMS refuses CreateGrant and Decrypt (DisabledException): enable the key',
  PendingDeletion: 'KMS refuses every cryptographic use: cancel the deletion and enable the key',
  PendingReplicaDeletion: 'KMS refuses every cryptographic use: cancel the replica deletion and enable it',
  PendingImport: 'it has no key material: import the key material again',
  Creating: 'the multi-Region replica is still being created: wait until it is Enabled',
  Unavailable: 'its custom key store is disconnected, so Decrypt fails: reconnect the key store'
}

export function analyzeKeyAccess(input: AnalyzeKeyAccessInput): KeyVerdict {
  const { key, caller } = input
  const now = input.now ?? new Date()
  const crossAccount = key.accountId !== caller.accountId
  if (key.keyManager === 'AWS') {
    if (!crossAccount) {
      return {
        verdict: 'AWS_MANAGED',
        usable: true,
        reason: `${key.arn} is an AWS managed key: its policy lets every principal of the account use it through EBS`
      }
    }
    return {
      verdict: 'DENY_IMPLICIT',
      usable: false,
      reason: `${key.arn} is an AWS managed key of account ${key.accountId}: it cannot be used from account ${caller.accountId}`,
      missingPermission: CREATE_GRANT
    }
  }
  // Key state before readability: a disabled or deleted key fails whatever its policy says, and DescribeKey works
  // across accounts, so this is the one definite finding we can make about a foreign key.
  const state = keyStateProblem(key, now)
  if (state !== undefined) return { verdict: 'KEY_STATE', usable: false, reason: state }
  if (input.policy === undefined) {
    if (crossAccount) {
      return {
        verdict: 'CROSS_ACCOUNT_UNREADABLE',
        usable: false,
        reason:
          `${key.arn} belongs to account ${key.accountId}; kms:GetKeyPolicy does not work across accounts, so its ` +
          `policy cannot be checked here. It must allow ${CREATE_GRANT} to ${caller.principalArn} or account ` +
          `${caller.accountId}, and the caller's IAM policy must allow ${CREATE_GRANT} on the key ARN`
      }
    }
    return {
      verdict: 'CANNOT_EVALUATE',
      usable: false,
      reason: `the key policy of ${key.arn} could not be read`
    }
  }
  const parsed = parseKeyPolicy(input.policy)
  if (!parsed.ok) {
    return {
      verdict: 'CANNOT_EVALUATE',
      usable: false,
      reason: `the key policy cannot be parsed: ${parsed.error}`
    }
  }
  const request = buildEc2GrantRequest(caller, key.arn, input.region, input.volumeId, input.instanceId, {
    key,
    now
  })
  return verdictFromEvaluation(evaluatePolicy(parsed.policy, request), key, caller)
}

function keyStateProblem(key: KeyFacts, now: Date): string | undefined {
  const blocking = BLOCKING_STATES[key.keyState]
  if (blocking !== undefined) return `the key is ${key.keyState}: ${blocking}`
  if (key.expirationModel === 'KEY_MATERIAL_EXPIRES' && key.validTo !== undefined) {
    const expires = Date.parse(key.validTo)
    if (!Number.isNaN(expires) && expires <= now.getTime()) {
      return `the key's imported material expired at ${key.validTo}: import the key material again`
    }
  }
  if (key.keySpec !== undefined && key.keySpec !== 'SYMMETRIC_DEFAULT') {
    return `the key spec is ${key.keySpec}: EBS supports only symmetric keys (SYMMETRIC_DEFAULT)`
  }
  if (key.keyUsage !== undefined && key.keyUsage !== 'ENCRYPT_DECRYPT') {
    return `the key usage is ${key.keyUsage}: EBS supports only symmetric keys used for ENCRYPT_DECRYPT`
  }
  return undefined
}

type AccessClass = Exclude<Outcome, 'explicitDeny' | 'implicitDeny'> | 'deny'

function verdictFromEvaluation(evaluation: PolicyEvaluation, key: KeyFacts, caller: Caller): KeyVerdict {
  const crossAccount = key.accountId !== caller.accountId
  // Across accounts even a statement naming the role is only the key-policy half: IAM in the caller's account
  // must allow too (how-ec2-uses-kms.md 4.2).
  const classify = (outcome: Outcome): AccessClass =>
    outcome === 'explicitDeny' || outcome === 'implicitDeny'
      ? 'deny'
      : crossAccount && outcome === 'allowDirect'
        ? 'allowViaAccount'
        : outcome
  const range = outcomeRange(evaluation.statements)
  const permissive = classify(range.permissive)
  const restrictive = classify(range.restrictive)
  const who = caller.principalArn
  if (permissive !== restrictive) return undecided(evaluation)
  if (permissive === 'deny') {
    const deny = evaluation.deniedBy[0]
    if (deny !== undefined) {
      return {
        verdict: 'DENY_EXPLICIT',
        usable: false,
        deciding: deny,
        reason: `${statementLabel(deny)} denies ${CREATE_GRANT} to ${who} in EC2's context: the start fails whatever IAM allows`,
        missingPermission: CREATE_GRANT
      }
    }
    const maybe =
      evaluation.maybeDeniedBy.length > 0
        ? ` (a Deny could not be evaluated: ${evaluation.unknownBecause[0] ?? 'unknown'})`
        : ''
    return {
      verdict: 'DENY_IMPLICIT',
      usable: false,
      reason:
        `no statement allows ${CREATE_GRANT} to ${who} or its account in EC2's context, so IAM policies cannot ` +
        `help${maybe}`,
      missingPermission: CREATE_GRANT
    }
  }
  const direct = evaluation.allowedBy.find(a => !a.viaAccount)
  const deciding = stripViaAccount(direct ?? evaluation.allowedBy[0])
  if (permissive === 'allowDirect') {
    return {
      verdict: 'ALLOW',
      usable: true,
      deciding,
      reason: `${label(deciding)} allows ${CREATE_GRANT} to ${who} in EC2's context`
    }
  }
  const reason = crossAccount
    ? `the key belongs to account ${key.accountId} and ${label(deciding)} allows ${CREATE_GRANT} to account ` +
      `${caller.accountId} or its role: the caller's IAM policy must also allow ${CREATE_GRANT} on ${key.arn}`
    : `only an account principal allows ${CREATE_GRANT}: the caller's IAM policy must allow it (${label(deciding)})`
  return { verdict: 'ALLOW_IF_IAM', usable: false, deciding, reason }
}

function undecided(evaluation: PolicyEvaluation): KeyVerdict {
  const uncertain = evaluation.statements.filter(s => s.unknownBecause.length > 0)
  const causes = uncertain.flatMap(s => s.unknownBecause)
  const onlyUnresolved = causes.length > 0 && causes.every(c => c.kind === 'unresolved')
  const first = evaluation.unknownBecause[0] ?? 'a statement could not be evaluated'
  const more =
    evaluation.unknownBecause.length > 1 ? ` (and ${evaluation.unknownBecause.length - 1} more)` : ''
  return {
    verdict: onlyUnresolved ? 'UNRESOLVED' : 'CANNOT_EVALUATE',
    usable: false,
    deciding: uncertain[0]?.ref,
    reason: `the outcome depends on what cannot be evaluated: ${first}${more}`
  }
}

function stripViaAccount(
  ref: (StatementRef & { viaAccount?: boolean }) | undefined
): StatementRef | undefined {
  return ref === undefined ? undefined : { index: ref.index, sid: ref.sid, effect: ref.effect }
}

function label(ref: StatementRef | undefined): string {
  return ref === undefined ? 'a statement' : statementLabel(ref)
}

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
  options: { key?: KeyFacts; now?: Date } = {}
): RequestContext {
  const partition = caller.partition ?? caller.principalArn.split(':')[1] ?? 'aws'
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
    'aws:RequestedRegion': region
  }
  const unknownKeys = ['aws:userid']
  // Organization, tags, MFA and CalledVia depend on things the tool does not look up: they may or may not be there.
  const maybeKeys = [
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
  // Without the role's path the real aws:PrincipalArn is not known: conditions on it must not be guessed.
  if (caller.pathUnknown === true) unknownKeys.push('aws:PrincipalArn')
  else context['aws:PrincipalArn'] = caller.principalArn
  const keyAccount = keyArn.split(':')[4]
  if (keyAccount !== undefined && keyAccount !== '') context['aws:ResourceAccount'] = keyAccount
  if (volumeId !== undefined) context['kms:EncryptionContext:aws:ebs:id'] = volumeId
  else unknownKeys.push('kms:EncryptionContext:aws:ebs:id')
  if (instanceId !== undefined) {
    context['kms:GranteePrincipal'] =
      `arn:${partition}:sts::${caller.accountId}:assumed-role/aws:ec2-infrastructure/${instanceId}`
  } else {
    unknownKeys.push('kms:GranteePrincipal')
  }
  if (isRole || caller.sessionArn !== undefined) {
    unknownKeys.push('aws:TokenIssueTime')
    const session = caller.sessionArn?.split('/')[2]
    if (session !== undefined) context['aws:RoleSessionName'] = session
    else unknownKeys.push('aws:RoleSessionName')
  } else if (isUser) {
    context['aws:username'] = caller.principalArn.split('/').pop() ?? ''
  }
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
  return {
    action: CREATE_GRANT,
    principalArn: caller.principalArn,
    sessionArn: caller.sessionArn,
    accountId: caller.accountId,
    resourceArn: keyArn,
    context,
    unknownKeys,
    maybeKeys,
    principalPathUnknown: caller.pathUnknown === true
  }
}

/** The run's status for a verdict that needs no IAM simulation. */
export function keyStatus(verdict: KeyVerdict): KeyStatus {
  switch (verdict.verdict) {
    case 'ALLOW':
    case 'AWS_MANAGED':
      return 'ok'
    case 'DENY_EXPLICIT':
    case 'DENY_IMPLICIT':
    case 'KEY_STATE':
      return 'misconfigured'
    case 'ALLOW_IF_IAM':
    case 'CROSS_ACCOUNT_UNREADABLE':
    case 'CANNOT_EVALUATE':
    case 'UNRESOLVED':
      return 'unverified'
  }
}

/**
 * Adds the identity-policy half (iam:SimulatePrincipalPolicy for kms:CreateGrant in EC2's context). It decides
 * ALLOW_IF_IAM; an explicit IAM deny also breaks a key-policy ALLOW or an AWS managed key (how-ec2-uses-kms.md 3.3, 4.1).
 * The verdict keeps naming the key-policy side; status and reason carry the combination.
 */
export function combineWithIamSimulation(
  verdict: KeyVerdict,
  iam: IamSimulation
): { status: KeyStatus; verdict: KeyVerdict } {
  const keyPolicyAllows = verdict.verdict === 'ALLOW' || verdict.verdict === 'AWS_MANAGED'
  if (iam === 'explicitDeny' && (keyPolicyAllows || verdict.verdict === 'ALLOW_IF_IAM')) {
    return {
      status: 'misconfigured',
      verdict: {
        ...verdict,
        usable: false,
        reason: `${verdict.reason}; but the caller's IAM policies explicitly deny ${CREATE_GRANT} on the key`,
        missingPermission: CREATE_GRANT
      }
    }
  }
  if (verdict.verdict !== 'ALLOW_IF_IAM') return { status: keyStatus(verdict), verdict }
  switch (iam) {
    case 'allowed':
      return { status: 'ok', verdict: { ...verdict, usable: true, reason: `${verdict.reason}; it does` } }
    case 'implicitDeny':
      return {
        status: 'misconfigured',
        verdict: { ...verdict, reason: `${verdict.reason}; it does not`, missingPermission: CREATE_GRANT }
      }
    default:
      return {
        status: 'unverified',
        verdict: { ...verdict, reason: `${verdict.reason}; the IAM side could not be simulated` }
      }
  }
}
