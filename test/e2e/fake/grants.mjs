// @ts-check
// The fake's own, deliberately simple decision: may EC2 create a grant on `key` on behalf of `caller` when it
// attaches an encrypted volume during StartInstances? An independent oracle, not the product's evaluator: a flat
// condition matcher (string, ARN, Bool and IP operators, IfExists, absent keys) over the values of EC2's grant that
// AWS documents (docs/how-ec2-uses-kms.md 1.3): kms:ViaService ec2.<region>.amazonaws.com, kms:GrantIsForAWSResource
// true, kms:CallerAccount, the grant's operations, constraint, grantee and retiring principal, the caller's
// aws:PrincipalArn (its role ARN), aws:ViaAWSService true and an AWS source address. A key it has no value for is
// absent from the request.
// The second request of the start, EC2's own kms:Decrypt of the volume's data key as the instance's identity-only
// role (docs/how-ec2-uses-kms.md 1.1 item 2), is mayEc2Decrypt below: the grant allows it, only a Deny stops it.
import { wildcardMatch } from './common.mjs'

/** The address the fake's EC2 makes its own KMS calls from: an AWS address, never in a customer's range. */
export const EC2_INTERNAL_SOURCE_IP = '52.94.133.131'

const USABLE_STATES = ['Enabled', 'Updating']

/**
 * @param {{ keyState: string, keyManager: string, accountId: string, policy: string }} key
 * @param {{ arn: string, roleArn: string, accountId: string, iamAllowsCreateGrant: boolean }} caller
 * @param {string} region the instance's region
 * @param {{ volumeId: string, instanceId: string }} [target] the volume and instance, when they are known
 * @returns {{ allowed: boolean, why: 'ok' | 'invalidState' | 'explicitDeny' | 'noAllow' | 'iamDenied' | 'badPolicy' }}
 */
export function mayEc2CreateGrant(key, caller, region, target) {
  if (!USABLE_STATES.includes(key.keyState)) return { allowed: false, why: 'invalidState' }
  if (key.keyManager === 'AWS') return { allowed: true, why: 'ok' }
  /** @type {any[]} */
  let statements
  try {
    const doc = JSON.parse(key.policy)
    statements = [doc.Statement ?? []].flat()
  } catch {
    return { allowed: false, why: 'badPolicy' }
  }
  /** @type {Record<string, string>} */
  const context = {
    'kms:viaservice': `ec2.${region}.amazonaws.com`,
    'kms:grantisforawsresource': 'true',
    'kms:calleraccount': caller.accountId,
    'kms:grantoperations': 'Decrypt',
    'kms:grantconstrainttype': 'EncryptionContextSubset',
    'kms:retiringprincipal': `ec2.${region}.amazonaws.com`,
    'aws:principalarn': caller.roleArn,
    'aws:principalaccount': caller.accountId,
    'aws:viaawsservice': 'true',
    'aws:principalisawsservice': 'false',
    'aws:sourceip': EC2_INTERNAL_SOURCE_IP,
    'aws:securetransport': 'true'
  }
  if (target) {
    context['kms:granteeprincipal'] =
      `arn:aws:sts::${caller.accountId}:assumed-role/aws:ec2-infrastructure/${target.instanceId}`
    context['kms:encryptioncontext:aws:ebs:id'] = target.volumeId
  }
  const root = `arn:aws:iam::${caller.accountId}:root`
  const applies = (/** @type {any} */ s) =>
    actionMatches(s, 'kms:CreateGrant') && conditionsHold(s.Condition, context)

  for (const s of statements) {
    if (s?.Effect !== 'Deny' || !applies(s)) continue
    if (s.NotPrincipal !== undefined) {
      // NotPrincipal exempts a role session only when the session ARN itself is listed.
      if (!principals(s.NotPrincipal).includes(caller.arn)) return { allowed: false, why: 'explicitDeny' }
    } else if (
      principals(s.Principal).some(p => [caller.roleArn, caller.arn, root, caller.accountId, '*'].includes(p))
    ) {
      return { allowed: false, why: 'explicitDeny' }
    }
  }
  const allows = statements.filter(s => s?.Effect === 'Allow' && s.Principal !== undefined && applies(s))
  const direct = allows.some(s =>
    principals(s.Principal).some(p => [caller.roleArn, caller.arn, '*'].includes(p))
  )
  const account = allows.some(s => principals(s.Principal).some(p => p === root || p === caller.accountId))
  const crossAccount = key.accountId !== caller.accountId
  if (crossAccount) {
    if (!direct && !account) return { allowed: false, why: 'noAllow' }
    return caller.iamAllowsCreateGrant ? { allowed: true, why: 'ok' } : { allowed: false, why: 'iamDenied' }
  }
  if (direct) return { allowed: true, why: 'ok' }
  if (account)
    return caller.iamAllowsCreateGrant ? { allowed: true, why: 'ok' } : { allowed: false, why: 'iamDenied' }
  return { allowed: false, why: 'noAllow' }
}

/** @param {unknown} p a Principal / NotPrincipal element @returns {string[]} */
function principals(p) {
  if (p === '*') return ['*']
  if (p && typeof p === 'object' && 'AWS' in p) return [/** @type {any} */ (p).AWS].flat().map(String)
  return []
}

/**
 * @param {any} s a statement
 * @param {string} action the request's action
 */
function actionMatches(s, action) {
  const hit = (/** @type {unknown} */ list) =>
    [list ?? []].flat().some(a => wildcardMatch(String(a), action, true))
  if (s.Action !== undefined) return hit(s.Action)
  if (s.NotAction !== undefined) return !hit(s.NotAction)
  return false
}

/**
 * EC2's own Decrypt of the volume's data key, made as arn:aws:sts::<acct>:assumed-role/aws:ec2-infrastructure/<id>.
 * A real AWS needs one value for aws:PrincipalArn: the fake uses the role ARN, the form AWS's data-perimeter
 * examples exempt. Only a Deny matters (the grant allows the call). Deliberately separate from the product's
 * evaluator: a flat condition matcher with IfExists and absent-key rules, whole-string wildcards.
 * @param {{ policy: string, keyManager: string }} key
 * @param {string} accountId the instance's account
 * @param {{ volumeId: string, instanceId: string }} target
 * @returns {{ allowed: boolean, why: 'ok' | 'decryptDenied' | 'badPolicy', sid?: string }}
 */
export function mayEc2Decrypt(key, accountId, target) {
  if (key.keyManager === 'AWS') return { allowed: true, why: 'ok' }
  /** @type {any[]} */
  let statements
  try {
    statements = [JSON.parse(key.policy).Statement ?? []].flat()
  } catch {
    return { allowed: false, why: 'badPolicy' }
  }
  const role = `arn:aws:iam::${accountId}:role/aws:ec2-infrastructure`
  const session = `arn:aws:sts::${accountId}:assumed-role/aws:ec2-infrastructure/${target.instanceId}`
  /** @type {Record<string, string>} */
  const context = {
    'aws:principalarn': role,
    'aws:principalaccount': accountId,
    'kms:calleraccount': accountId,
    'aws:viaawsservice': 'false',
    'aws:principalisawsservice': 'false',
    'aws:sourceip': EC2_INTERNAL_SOURCE_IP,
    'aws:securetransport': 'true',
    'kms:encryptioncontext:aws:ebs:id': target.volumeId
  }
  const names = [role, session, `arn:aws:iam::${accountId}:root`, accountId, '*']
  for (const s of statements) {
    if (s?.Effect !== 'Deny' || !actionMatches(s, 'kms:Decrypt') || !conditionsHold(s.Condition, context))
      continue
    const hits =
      s.NotPrincipal !== undefined
        ? !principals(s.NotPrincipal).includes(session)
        : principals(s.Principal).some(p => names.includes(p))
    if (hits)
      return { allowed: false, why: 'decryptDenied', sid: typeof s.Sid === 'string' ? s.Sid : undefined }
  }
  return { allowed: true, why: 'ok' }
}

/**
 * @param {unknown} condition the Condition element
 * @param {Record<string, string>} context lower-cased keys; a key not there is absent from the request
 */
function conditionsHold(condition, context) {
  if (condition === undefined) return true
  if (!condition || typeof condition !== 'object') return false
  for (const [rawOp, block] of Object.entries(condition)) {
    if (!block || typeof block !== 'object') return false
    const ifExists = rawOp.endsWith('IfExists')
    // Every value the fake knows is single: a set operator works as on a one-element set.
    const op = rawOp.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '')
    const negated = /Not/.test(op)
    for (const [rawKey, rawValues] of Object.entries(block)) {
      const actual = context[rawKey.toLowerCase()]
      const values = [rawValues].flat().map(v => String(v))
      if (op === 'Null') {
        const wantAbsent = values.some(v => v.toLowerCase() === 'true')
        if ((actual === undefined) !== wantAbsent) return false
        continue
      }
      if (actual === undefined) {
        // IfExists, a negated operator and ForAllValues all hold when the key is absent.
        if (ifExists || negated || rawOp.startsWith('ForAllValues:')) continue
        return false
      }
      const positive = positiveHolds(op.replace('Not', ''), actual, values)
      if (positive === undefined) return false
      if (positive === negated) return false
    }
  }
  return true
}

/** @param {string} op @param {string} actual @param {string[]} values @returns {boolean | undefined} */
function positiveHolds(op, actual, values) {
  switch (op) {
    case 'StringEquals':
    case 'ArnEquals':
      return op === 'ArnEquals' ? values.some(v => wildcardMatch(v, actual)) : values.includes(actual)
    case 'StringEqualsIgnoreCase':
      return values.some(v => v.toLowerCase() === actual.toLowerCase())
    case 'StringLike':
    case 'ArnLike':
      return values.some(v => wildcardMatch(v, actual))
    case 'Bool':
      return values.some(v => v.toLowerCase() === actual)
    case 'IpAddress':
      return values.some(v => inCidr(actual, v))
    default:
      return undefined
  }
}

/** IPv4 only: the fake's source address is IPv4, so an IPv6 range never holds it. @param {string} ip @param {string} cidr */
function inCidr(ip, cidr) {
  const [base, bits = '32'] = cidr.split('/')
  const toInt = (/** @type {string} */ a) => a.split('.').reduce((n, part) => n * 256 + Number(part), 0)
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(base ?? '')) return false
  const size = 2 ** (32 - Number(bits))
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base ?? '') / size)
}

/**
 * Both requests of the attach: the caller's CreateGrant through EC2, then EC2's own Decrypt.
 * @param {{ keyState: string, keyManager: string, accountId: string, policy: string }} key
 * @param {{ arn: string, roleArn: string, accountId: string, iamAllowsCreateGrant: boolean }} caller
 * @param {string} region
 * @param {{ volumeId: string, instanceId: string }} target
 */
export function mayEc2AttachVolume(key, caller, region, target) {
  const grant = mayEc2CreateGrant(key, caller, region, target)
  if (!grant.allowed) return grant
  return mayEc2Decrypt(key, caller.accountId, target)
}
