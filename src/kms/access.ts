// Can EC2 use this key when the caller starts an instance? Pure: key facts and policy text in, a verdict out.
// A start makes two KMS requests per encrypted volume (how-ec2-uses-kms.md 1.1): the caller's kms:CreateGrant in
// EC2's on-behalf context, which needs an Allow and no Deny, and EC2's own kms:Decrypt as the instance's
// identity-only role, which the grant allows and only a Deny can stop. The verdict combines both.
import { amendDeny } from './amend-deny.js'
import { judgeDecrypt, type DecryptJudgement } from './decrypt-judgement.js'
import { evaluatePolicy, outcomeRange, type Outcome, type PolicyEvaluation } from './evaluate.js'
import { parseKeyPolicy, statementLabel, type ParsedPolicy } from './policy.js'
import {
  buildStartRequests,
  CREATE_GRANT,
  DECRYPT,
  EC2_INFRASTRUCTURE,
  type StartRequest
} from './requests.js'
import type { Caller, KeyFacts, KeyVerdict, RequestJudgement, StatementRef } from './types.js'

export {
  buildEc2DecryptRequests,
  buildEc2GrantRequest,
  buildStartRequests,
  CREATE_GRANT
} from './requests.js'

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
  return judgeStart(parsed.policy, input, now)
}

/** The number of KMS requests per encrypted volume the verdict weighs (how-ec2-uses-kms.md 1.1). */
export const REQUESTS_PER_VOLUME = 2

function judgeStart(policy: ParsedPolicy, input: AnalyzeKeyAccessInput, now: Date): KeyVerdict {
  const { key, caller } = input
  const requestsFor = (assumeRootPath: boolean): StartRequest[] =>
    buildStartRequests(caller, key.arn, input.region, input.volumeId, input.instanceId, {
      key,
      now,
      assumeRootPath
    })
  const [grant, decrypt] = requestsFor(false) as [StartRequest, StartRequest]
  const grantRequest = grant.forms[0]?.request as StartRequest['forms'][number]['request']
  let grantVerdict = verdictFromEvaluation(evaluatePolicy(policy, grantRequest), key, caller)
  const assumptions: string[] = []
  // A session ARN drops the role's path, and nearly every role is on "/": judge it there, and say so when it
  // changes the verdict (how-ec2-uses-kms.md 6).
  if (caller.pathUnknown === true) {
    const assumedRequest = requestsFor(true)[0]?.forms[0]?.request as typeof grantRequest
    const assumed = verdictFromEvaluation(evaluatePolicy(policy, assumedRequest), key, caller)
    if (assumed.verdict !== grantVerdict.verdict) {
      grantVerdict = assumed
      assumptions.push(
        `the role's path is not known (a session ARN drops it), so aws:PrincipalArn was judged as ` +
          `${caller.principalArn}, on path "/"; to judge it on its real path, set principal-arn (or role-to-assume) ` +
          `to the role's full ARN, or allow the caller iam:GetRole`
      )
    }
  }
  const decryptJudgement = judgeDecrypt(policy, decrypt)
  const verdict = combine(grantVerdict, decryptJudgement, policy, decrypt, input)
  if (assumptions.length === 0) return verdict
  // The assumption is part of the finding: every renderer shows the reason, so it is stated there too.
  return {
    ...verdict,
    assumptions,
    finding: verdict.finding ?? 'ROLE_PATH_ASSUMED',
    reason: `${verdict.reason} (assumed: ${assumptions.join('; ')})`
  }
}

function grantJudgement(verdict: KeyVerdict, caller: Caller): RequestJudgement {
  const outcome: RequestJudgement['outcome'] =
    verdict.verdict === 'ALLOW'
      ? 'allowed'
      : verdict.verdict === 'ALLOW_IF_IAM'
        ? 'delegatedToIam'
        : verdict.verdict === 'DENY_EXPLICIT'
          ? 'denied'
          : verdict.verdict === 'DENY_IMPLICIT'
            ? 'notAllowed'
            : 'unknown'
  return {
    request: 'CreateGrant',
    principal: caller.sessionArn ?? caller.principalArn,
    needs: 'allow-and-no-deny',
    outcome,
    deciding: verdict.deciding
  }
}

function decryptJudgementRow(judgement: DecryptJudgement, decrypt: StartRequest): RequestJudgement {
  const request = decrypt.forms[0]?.request
  return {
    request: 'Decrypt',
    principal: request?.sessionArn ?? request?.principalArn ?? EC2_INFRASTRUCTURE,
    needs: 'no-deny',
    outcome:
      judgement.state === 'notDenied' ? 'notDenied' : judgement.state === 'denied' ? 'denied' : 'unknown',
    deciding:
      judgement.state === 'denied' || judgement.state === 'formsDisagree'
        ? judgement.by
        : judgement.state === 'unknown'
          ? judgement.deciding
          : undefined
  }
}

/** The start fails when either request fails; it is decided only when what decides it is known. */
function combine(
  grantVerdict: KeyVerdict,
  judgement: DecryptJudgement,
  policy: ParsedPolicy,
  decrypt: StartRequest,
  input: AnalyzeKeyAccessInput
): KeyVerdict {
  const requests = [grantJudgement(grantVerdict, input.caller), decryptJudgementRow(judgement, decrypt)]
  const what = `EC2's own Decrypt of ${input.volumeId ?? "the volume's data key"} (as ${EC2_INFRASTRUCTURE})`
  // A denied CreateGrant fails the start whatever the Decrypt would do.
  if (grantVerdict.verdict === 'DENY_EXPLICIT') {
    return { ...grantVerdict, deniedRequest: 'CreateGrant', requests }
  }
  if (judgement.state === 'denied') {
    const partition = input.caller.partition ?? input.caller.principalArn.split(':')[1] ?? 'aws'
    const amended = amendDeny(policy, judgement.by, decrypt, partition, input.caller.accountId)
    const also = grantVerdict.verdict === 'DENY_IMPLICIT' ? `; also, ${grantVerdict.reason}` : ''
    return {
      verdict: 'DENY_EXPLICIT',
      usable: false,
      deciding: judgement.by,
      reason:
        `${what} is denied by ${statementLabel(judgement.by)}: the grant allows that Decrypt, but a Deny in the ` +
        `key policy still applies to it, so the instance stops${also}`,
      missingPermission: DECRYPT,
      deniedRequest: 'Decrypt',
      finding: 'EC2_DECRYPT_DENIED',
      requests,
      ...(amended !== undefined ? { amendedDeny: amended } : {})
    }
  }
  // A start that fails on CreateGrant fails whatever the Decrypt would do.
  if (grantVerdict.verdict === 'DENY_IMPLICIT')
    return { ...grantVerdict, deniedRequest: 'CreateGrant', requests }
  if (judgement.state === 'notDenied') return { ...grantVerdict, requests }
  if (judgement.state === 'formsDisagree') {
    return {
      verdict: 'CANNOT_EVALUATE',
      usable: false,
      deciding: judgement.by,
      reason:
        `whether ${what} is denied depends on the form of its aws:PrincipalArn, which AWS documents two ways: ` +
        `${statementLabel(judgement.by)} denies it only when aws:PrincipalArn is ` +
        (judgement.deniedIn === 'role'
          ? `the role arn:…:role/${EC2_INFRASTRUCTURE}`
          : `the role ARN followed by the instance ID (arn:…:role/${EC2_INFRASTRUCTURE}/i-…)`) +
        `; exempt both forms to make it decidable`,
      finding: 'PRINCIPAL_ARN_FORMS_DISAGREE',
      requests
    }
  }
  const first = judgement.because[0] ?? 'a Deny could not be evaluated'
  const more = judgement.because.length > 1 ? ` (and ${judgement.because.length - 1} more)` : ''
  const decryptUnknown = `whether ${what} is denied depends on what cannot be evaluated: ${first}${more}`
  if (grantVerdict.verdict === 'CANNOT_EVALUATE' || grantVerdict.verdict === 'UNRESOLVED') {
    const verdict = judgement.onlyUnresolved ? grantVerdict.verdict : 'CANNOT_EVALUATE'
    return { ...grantVerdict, verdict, reason: `${grantVerdict.reason}; and ${decryptUnknown}`, requests }
  }
  // An allowed CreateGrant is not enough while a Deny of the Decrypt cannot be ruled out: never an all-clear.
  return {
    verdict: judgement.onlyUnresolved ? 'UNRESOLVED' : 'CANNOT_EVALUATE',
    usable: false,
    deciding: judgement.deciding,
    reason: decryptUnknown,
    requests
  }
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
