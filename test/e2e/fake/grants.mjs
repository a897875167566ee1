// @ts-check
// The fake's own, deliberately simple decision: may EC2 create a grant on `key` on behalf of `caller` when it
// attaches an encrypted volume during StartInstances? (kms:CreateGrant with kms:ViaService ec2.<region>.amazonaws.com,
// kms:GrantIsForAWSResource true, kms:CallerAccount = caller account.) An independent oracle, not the product's
// evaluator: only StringEquals/StringNotEquals/StringLike/Bool on those three keys are understood.
import { wildcardMatch } from './common.mjs'

const USABLE_STATES = ['Enabled', 'Updating']

/**
 * @param {{ keyState: string, keyManager: string, accountId: string, policy: string }} key
 * @param {{ arn: string, roleArn: string, accountId: string, iamAllowsCreateGrant: boolean }} caller
 * @param {string} region the instance's region
 * @returns {{ allowed: boolean, why: 'ok' | 'invalidState' | 'explicitDeny' | 'noAllow' | 'iamDenied' | 'badPolicy' }}
 */
export function mayEc2CreateGrant(key, caller, region) {
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
    'kms:calleraccount': caller.accountId
  }
  const root = `arn:aws:iam::${caller.accountId}:root`
  const applies = (/** @type {any} */ s) => actionMatches(s) && conditionsHold(s.Condition, context)

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

/** @param {any} s a statement */
function actionMatches(s) {
  const hit = (/** @type {unknown} */ list) =>
    [list ?? []].flat().some(a => wildcardMatch(String(a), 'kms:CreateGrant', true))
  if (s.Action !== undefined) return hit(s.Action)
  if (s.NotAction !== undefined) return !hit(s.NotAction)
  return false
}

/**
 * @param {unknown} condition the Condition element
 * @param {Record<string, string>} context lower-cased keys
 */
function conditionsHold(condition, context) {
  if (condition === undefined) return true
  if (!condition || typeof condition !== 'object') return false
  for (const [rawOp, block] of Object.entries(condition)) {
    // ForAnyValue on a single-valued key behaves like the plain operator.
    const op = rawOp.replace(/^ForAnyValue:/, '')
    if (!block || typeof block !== 'object') return false
    for (const [rawKey, rawValues] of Object.entries(block)) {
      const actual = context[rawKey.toLowerCase()]
      const values = [rawValues].flat().map(v => String(v))
      if (actual === undefined || !opHolds(op, actual, values)) return false
    }
  }
  return true
}

/** @param {string} op @param {string} actual @param {string[]} values */
function opHolds(op, actual, values) {
  switch (op) {
    case 'StringEquals':
      return values.includes(actual)
    case 'StringNotEquals':
      return !values.includes(actual)
    case 'StringLike':
      return values.some(v => wildcardMatch(v, actual))
    case 'Bool':
      return values.some(v => v.toLowerCase() === actual)
    default:
      return false
  }
}
