// @ts-check
// KMS (JSON 1.1, X-Amz-Target TrentService.<Op>): DescribeKey, GetKeyPolicy, PutKeyPolicy, ListAliases.
import { performance } from 'node:perf_hooks'
import { FakeError, decodeToken, encodeToken, wildcardMatch } from './common.mjs'
import { jsonOk } from './xml.mjs'

/** @typedef {import('./scenario.mjs').Key} Key */
/** @typedef {import('./scenario.mjs').Caller} Caller */
/** @typedef {import('./scenario.mjs').State} State */
/** @typedef {{ action: string, params: Record<string, any>, caller: Caller, state: State }} Ctx */

const MAX_POLICY_BYTES = 32768

export const KMS_ACTIONS = {
  DescribeKey: describeKey,
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListAliases: listAliases
}

/**
 * Resolves a KeyId as KMS does: key ARN and alias ARN anywhere; key id and alias name only in the caller's
 * account and the fake's region.
 * @param {State} state @param {Caller} caller @param {unknown} keyIdParam @param {boolean} aliasOk
 * @returns {Key}
 */
export function findKey(state, caller, keyIdParam, aliasOk) {
  const ref = String(keyIdParam ?? '')
  if (!ref)
    throw new FakeError(
      400,
      'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null"
    )
  const arn = /^arn:[^:]+:kms:([^:]*):(\d*):(key|alias)\/(.+)$/.exec(ref)
  const [region, account, kind, name] = arn
    ? [arn[1], arn[2], arn[3], arn[4]]
    : ref.startsWith('alias/')
      ? [state.region, caller.accountId, 'alias', ref.slice(6)]
      : [state.region, caller.accountId, 'key', ref]
  const local = state.keys.filter(k => k.region === region && k.accountId === account)
  if (kind === 'alias') {
    const aliasArn = `arn:aws:kms:${region}:${account}:alias/${name}`
    const key = aliasOk ? local.find(k => k.aliases.includes(`alias/${name}`)) : undefined
    if (!key) throw new FakeError(400, 'NotFoundException', `Alias ${aliasArn} is not found.`)
    return key
  }
  const key = local.find(k => k.keyId === name)
  if (!key)
    throw new FakeError(
      400,
      'NotFoundException',
      `Key 'arn:aws:kms:${region}:${account}:key/${name}' does not exist`
    )
  return key
}

/** The resource named in an AccessDeniedException. @param {Ctx} ctx */
export function kmsResource({ state, caller, params }) {
  if (params.KeyId === undefined) return `arn:aws:kms:${state.region}:${caller.accountId}:key/*`
  try {
    return findKey(state, caller, params.KeyId, true).arn
  } catch {
    return String(params.KeyId)
  }
}

/** @param {Ctx} ctx */
function describeKey({ state, caller, params }) {
  const k = findKey(state, caller, params.KeyId, true)
  /** @type {Record<string, unknown>} */
  const md = {
    AWSAccountId: k.accountId,
    KeyId: k.keyId,
    Arn: k.arn,
    CreationDate: k.creationDate,
    Enabled: k.keyState === 'Enabled',
    Description: k.description,
    KeyUsage: k.keyUsage,
    KeyState: k.keyState,
    Origin: k.origin,
    KeyManager: k.keyManager,
    CustomerMasterKeySpec: k.keySpec,
    KeySpec: k.keySpec,
    EncryptionAlgorithms: k.keySpec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : undefined,
    MultiRegion: k.multiRegion,
    ExpirationModel: k.expirationModel,
    ValidTo: k.validTo
  }
  if (k.multiRegion) {
    md.MultiRegionConfiguration = {
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: k.arn, Region: k.region },
      ReplicaKeys: []
    }
  }
  if (k.keyState === 'PendingDeletion') {
    md.DeletionDate = Math.floor(Date.now() / 1000) + 7 * 86400
    md.PendingDeletionWindowInDays = 7
  }
  return jsonOk({ KeyMetadata: md })
}

/**
 * @param {Key} key @param {Caller} caller @param {string} op
 */
function requireSameAccount(key, caller, op) {
  if (key.accountId !== caller.accountId) {
    throw new FakeError(
      400,
      'AccessDeniedException',
      `User: ${caller.arn} is not authorized to perform: kms:${op} on resource: ${key.arn} because no resource-based policy allows the kms:${op} action`
    )
  }
}

/** @param {Ctx} ctx */
function getKeyPolicy({ state, caller, params }) {
  const key = findKey(state, caller, params.KeyId, false)
  requireSameAccount(key, caller, 'GetKeyPolicy')
  policyName(params)
  return jsonOk({ Policy: key.policy, PolicyName: 'default' })
}

/** @param {Record<string, any>} params */
function policyName(params) {
  if (params.PolicyName !== undefined && params.PolicyName !== 'default') {
    throw new FakeError(400, 'NotFoundException', 'No such policy exists')
  }
}

/** @param {Ctx} ctx */
function putKeyPolicy({ state, caller, params }) {
  const key = findKey(state, caller, params.KeyId, false)
  requireSameAccount(key, caller, 'PutKeyPolicy')
  if (key.keyManager === 'AWS') {
    throw new FakeError(
      400,
      'AccessDeniedException',
      `User: ${caller.arn} is not authorized to perform: kms:PutKeyPolicy on resource: ${key.arn} because no resource-based policy allows the kms:PutKeyPolicy action`
    )
  }
  policyName(params)
  const text = typeof params.Policy === 'string' ? params.Policy : ''
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    throw new FakeError(
      400,
      'LimitExceededException',
      `The key policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.`
    )
  }
  /** @type {any} */
  let doc
  try {
    doc = JSON.parse(text)
  } catch {
    throw new FakeError(
      400,
      'MalformedPolicyDocumentException',
      'The new key policy is not a valid JSON document.'
    )
  }
  const bypass = params.BypassPolicyLockoutSafetyCheck === true
  if (!bypass && !allowsPutKeyPolicy(doc, caller)) {
    throw new FakeError(
      400,
      'MalformedPolicyDocumentException',
      'The new key policy will not allow you to update the key policy in the future.'
    )
  }
  key.policy = text
  key.policyWrites.push({ t: performance.now(), bypass, by: caller.arn })
  return jsonOk()
}

/**
 * The lockout safety check, simplified: some Allow names the caller (role, session, account or "*") for
 * kms:PutKeyPolicy.
 * @param {any} doc @param {Caller} caller
 */
function allowsPutKeyPolicy(doc, caller) {
  const who = [caller.roleArn, caller.arn, `arn:aws:iam::${caller.accountId}:root`, caller.accountId, '*']
  return [doc?.Statement ?? []].flat().some(s => {
    if (s?.Effect !== 'Allow') return false
    const p = s.Principal === '*' ? ['*'] : [s.Principal?.AWS ?? []].flat()
    const actions = [s.Action ?? []].flat()
    return (
      p.some(x => who.includes(String(x))) &&
      actions.some(a => wildcardMatch(String(a), 'kms:PutKeyPolicy', true))
    )
  })
}

/** @param {Ctx} ctx */
function listAliases({ state, caller, params }) {
  const target = params.KeyId !== undefined ? findKey(state, caller, params.KeyId, false) : null
  const keys = target
    ? [target]
    : state.keys.filter(k => k.accountId === caller.accountId && k.region === state.region)
  const all = keys.flatMap(k =>
    k.aliases.map(name => ({
      AliasName: name,
      AliasArn: `arn:aws:kms:${k.region}:${k.accountId}:${name}`,
      TargetKeyId: k.keyId,
      CreationDate: k.creationDate,
      LastUpdatedDate: k.creationDate
    }))
  )
  const limit = params.Limit ?? 50
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new FakeError(
      400,
      'ValidationException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`
    )
  }
  const offset = decodeToken(params.Marker)
  if (offset === null) throw new FakeError(400, 'InvalidMarkerException', 'Invalid marker')
  const page = all.slice(offset, offset + limit)
  const truncated = offset + limit < all.length
  return jsonOk({
    Aliases: page,
    Truncated: truncated,
    NextMarker: truncated ? encodeToken(offset + limit) : undefined
  })
}
