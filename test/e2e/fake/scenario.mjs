// @ts-check
// Scenario defaults: turns the (all-optional) scenario a test writes into the fake's live state.
// The demo/benchmark builders live in fleets.mjs and are re-exported here.
import { performance } from 'node:perf_hooks'
import { accountOf, hashHex } from './common.mjs'
import { awsEbs, consoleDefault, createKeyDefault } from './policies.mjs'

export { sampleFleet, fleet } from './fleets.mjs'
export * as policies from './policies.mjs'

export const DEFAULT_ACCOUNT = '111122223333'
export const DEFAULT_REGION = 'us-east-1'
export const DEFAULT_ACCESS_KEY = 'AKIAFAKECI'

/** @typedef {'pending'|'running'|'shutting-down'|'terminated'|'stopping'|'stopped'} StateName */
/** @typedef {{ code: string, message: string }} StateReason */
/** @typedef {{ at: number, state: StateName, reason?: string, stateReason?: StateReason | null }} PlanStep */
/** @typedef {{ keyArn: string, volumeId: string, allowed: boolean, why: string }} GrantDecision */
/**
 * @typedef {object} Instance
 * @property {string} id
 * @property {string} name
 * @property {StateName} state
 * @property {Record<string, string>} tags
 * @property {string[]} volumeIds
 * @property {string} privateIp
 * @property {string} publicIp assigned while running
 * @property {number} bootMs
 * @property {number} stopMs
 * @property {number} statusOkMs
 * @property {boolean | number} capacityError true: every start fails; n: the next n starts fail
 * @property {string} instanceType
 * @property {string} imageId
 * @property {string} reservationId
 * @property {string} reason StateTransitionReason
 * @property {StateReason | null} stateReason
 * @property {number} launchTime epoch ms
 * @property {number | null} startedAt performance.now() when StartInstances accepted it
 * @property {number | null} runningAt performance.now() when it turned running
 * @property {number | null} stoppedAt performance.now() when it turned stopped
 * @property {number} startCount
 * @property {PlanStep[]} plan pending future transitions
 * @property {GrantDecision[]} lastLaunch the grant decisions of the last start
 * @property {StateReason | null} startFailure when set, every start fails with this StateReason (as KMS failures do)
 */
/**
 * @typedef {object} Volume
 * @property {string} id
 * @property {boolean} encrypted
 * @property {string | undefined} kmsKeyId key ARN
 * @property {number} sizeGiB
 * @property {string | null} instanceId
 * @property {string | null} device
 */
/**
 * @typedef {object} Key
 * @property {string} keyId
 * @property {string} arn
 * @property {string} accountId
 * @property {string} region
 * @property {'CUSTOMER'|'AWS'} keyManager
 * @property {string} keyState
 * @property {string} origin
 * @property {string} keySpec
 * @property {string} keyUsage
 * @property {boolean} multiRegion
 * @property {string | undefined} expirationModel
 * @property {number | undefined} validTo epoch seconds
 * @property {string} description
 * @property {string[]} aliases
 * @property {string} policy verbatim text
 * @property {number} creationDate epoch seconds
 * @property {{ t: number, bypass: boolean, by: string }[]} policyWrites
 */
/**
 * @typedef {object} Caller
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {string | undefined} sessionToken required on requests when set (issued credentials)
 * @property {string} arn
 * @property {string} roleArn
 * @property {string} userId
 * @property {string} accountId
 * @property {boolean} iamAllowsCreateGrant
 * @property {string[]} denied e.g. 'kms:GetKeyPolicy', wildcards allowed
 * @property {'allowed'|'implicitDeny'|'explicitDeny'|'AccessDenied'} simulate
 */
/**
 * @typedef {object} OidcConfig
 * @property {Record<string, { subjectPattern?: string, caller?: Partial<Caller> }>} roles
 * @property {string[]} audiences accepted by STS
 * @property {string} subject `sub` of issued tokens
 * @property {number} tokenTtlSeconds
 * @property {number | undefined} credentialTtlSeconds lifetime of issued role credentials (default: DurationSeconds)
 */
/**
 * @typedef {object} State
 * @property {string} accountId
 * @property {string} region
 * @property {Instance[]} instances
 * @property {Volume[]} volumes
 * @property {Key[]} keys
 * @property {Record<string, Caller>} callers
 * @property {string} defaultCaller
 * @property {OidcConfig} oidc
 */

/** @param {number} ms performance.now() value -> epoch ms */
export const epochOf = ms => performance.timeOrigin + ms

/**
 * @param {any} input the scenario as the test wrote it (not modified)
 * @returns {State}
 */
export function normalizeScenario(input = {}) {
  const sc = structuredClone(input ?? {})
  const accountId = String(sc.accountId ?? DEFAULT_ACCOUNT)
  const region = String(sc.region ?? DEFAULT_REGION)
  const callers = normalizeCallers(sc.callers, accountId)
  const defaultCaller =
    sc.defaultCaller ?? (callers[DEFAULT_ACCESS_KEY] ? DEFAULT_ACCESS_KEY : Object.keys(callers)[0])
  const roleArn = callers[defaultCaller].roleArn
  const keys = (sc.keys ?? []).map((/** @type {any} */ k, /** @type {number} */ i) =>
    normalizeKey(k, i, accountId, region, roleArn)
  )
  const instances = (sc.instances ?? []).map((/** @type {any} */ x, /** @type {number} */ i) =>
    normalizeInstance(x, i)
  )
  const volumes = normalizeVolumes(sc.volumes ?? [], instances, keys, accountId, region)
  const oidc = {
    roles: sc.oidc?.roles ?? { [roleArn]: { subjectPattern: 'repo:octo-org/octo-repo:*' } },
    audiences: sc.oidc?.audiences ?? ['sts.amazonaws.com'],
    subject: sc.oidc?.subject ?? 'repo:octo-org/octo-repo:ref:refs/heads/main',
    tokenTtlSeconds: sc.oidc?.tokenTtlSeconds ?? 300,
    credentialTtlSeconds: sc.oidc?.credentialTtlSeconds
  }
  return { accountId, region, instances, volumes, keys, callers, defaultCaller, oidc }
}

/**
 * @param {Record<string, any> | undefined} input
 * @param {string} accountId
 * @returns {Record<string, Caller>}
 */
function normalizeCallers(input, accountId) {
  const given = input && Object.keys(input).length ? input : { [DEFAULT_ACCESS_KEY]: {} }
  /** @type {Record<string, Caller>} */
  const out = {}
  for (const [akid, c] of Object.entries(given)) out[akid] = makeCaller(akid, c, accountId)
  return out
}

/**
 * @param {string} accessKeyId
 * @param {Partial<Caller>} c
 * @param {string} accountId
 * @returns {Caller}
 */
export function makeCaller(accessKeyId, c, accountId) {
  const arn = c.arn ?? `arn:aws:sts::${accountId}:assumed-role/ci-start-role/gha`
  const acct = accountOf(arn) || accountId
  const m = /^arn:[^:]+:sts::(\d+):assumed-role\/([^/]+)\/(.+)$/.exec(arn)
  const roleArn = c.roleArn ?? (m ? `arn:aws:iam::${m[1]}:role/${m[2]}` : arn)
  return {
    accessKeyId,
    secretAccessKey: c.secretAccessKey ?? `fakeSecret/${hashHex(accessKeyId, 30)}`,
    sessionToken: c.sessionToken,
    arn,
    roleArn,
    userId: c.userId ?? (m ? `AROA${hashHex(roleArn, 16).toUpperCase()}:${m[3]}` : `AIDA${hashHex(arn, 16)}`),
    accountId: acct,
    iamAllowsCreateGrant: c.iamAllowsCreateGrant ?? false,
    denied: c.denied ?? [],
    simulate: c.simulate ?? 'AccessDenied'
  }
}

/**
 * @param {any} k @param {number} i @param {string} account @param {string} region @param {string} roleArn
 * @returns {Key}
 */
function normalizeKey(k, i, account, region, roleArn) {
  const keyId = String(k.keyId ?? uuidFrom(`key${i}`))
  const accountId = String(k.accountId ?? account)
  const keyRegion = String(k.region ?? region)
  const keyManager = k.keyManager ?? 'CUSTOMER'
  const isAws = keyManager === 'AWS'
  const defaultPolicy = isAws
    ? awsEbs(accountId, keyRegion)
    : accountId === account
      ? consoleDefault(accountId, roleArn)
      : createKeyDefault(accountId)
  const policy = k.policy ?? defaultPolicy
  const origin = k.origin ?? 'AWS_KMS'
  return {
    keyId,
    arn: `arn:aws:kms:${keyRegion}:${accountId}:key/${keyId}`,
    accountId,
    region: keyRegion,
    keyManager,
    keyState: k.keyState ?? 'Enabled',
    origin,
    keySpec: k.keySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: k.keyUsage ?? 'ENCRYPT_DECRYPT',
    multiRegion: k.multiRegion ?? keyId.startsWith('mrk-'),
    expirationModel:
      k.expirationModel ?? (origin === 'EXTERNAL' ? 'KEY_MATERIAL_DOES_NOT_EXPIRE' : undefined),
    validTo: k.validTo,
    description:
      k.description ?? (isAws ? 'Default key that protects my EBS volumes when no other key is defined' : ''),
    aliases: k.aliases ?? (isAws ? ['alias/aws/ebs'] : []),
    policy: typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2),
    creationDate: k.creationDate ?? 1767225600,
    policyWrites: []
  }
}

/** @param {string} seed */
function uuidFrom(seed) {
  const h = hashHex(seed, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** @param {any} x @param {number} i @returns {Instance} */
function normalizeInstance(x, i) {
  const id = String(x.id ?? `i-0${hashHex(`instance${i}`, 16)}`)
  /** @type {Record<string, string>} */
  const tags = x.name !== undefined ? { Name: String(x.name), ...x.tags } : { ...x.tags }
  if (x.name !== undefined) tags.Name = String(x.name)
  const state = x.state ?? 'stopped'
  const stopped = state === 'stopped'
  /** @type {Instance} */
  const inst = {
    id,
    name: tags.Name ?? '',
    state,
    tags,
    volumeIds: x.volumeIds ?? [`vol-0${hashHex(`${id}root`, 16)}`],
    privateIp: x.privateIp ?? `10.0.${Math.floor(i / 250) % 256}.${(i % 250) + 4}`,
    publicIp:
      x.publicIp ?? `54.${200 + (Math.floor(i / 62500) % 50)}.${Math.floor(i / 250) % 250}.${(i % 250) + 4}`,
    bootMs: x.bootMs ?? 400,
    stopMs: x.stopMs ?? 400,
    statusOkMs: x.statusOkMs ?? 300,
    capacityError: x.capacityError ?? false,
    instanceType: x.instanceType ?? 't3.micro',
    imageId: x.imageId ?? 'ami-0abcdef1234567890',
    reservationId: x.reservationId ?? `r-0${hashHex(`${id}res`, 16)}`,
    reason: x.reason ?? (stopped ? 'User initiated (2026-01-01 00:00:00 GMT)' : ''),
    stateReason:
      x.stateReason ??
      (stopped
        ? {
            code: 'Client.UserInitiatedShutdown',
            message: 'Client.UserInitiatedShutdown: User initiated shutdown'
          }
        : null),
    launchTime: Date.parse('2026-01-01T00:00:00.000Z'),
    startedAt: null,
    runningAt: state === 'running' ? performance.now() - 60_000 : null,
    stoppedAt: stopped ? performance.now() : null,
    startCount: 0,
    plan: [],
    lastLaunch: [],
    startFailure: x.startFailure ?? null
  }
  const now = performance.now()
  if (state === 'pending') inst.plan = [{ at: now + inst.bootMs, state: 'running' }]
  if (state === 'stopping') inst.plan = [{ at: now + inst.stopMs, state: 'stopped' }]
  if (state === 'shutting-down') inst.plan = [{ at: now + inst.stopMs, state: 'terminated' }]
  return inst
}

/**
 * Volumes named by the scenario plus any an instance refers to; attachments come from instance.volumeIds
 * (first = /dev/xvda root, then /dev/sdf, /dev/sdg...). An encrypted volume with no key uses aws/ebs.
 * @param {any[]} input @param {Instance[]} instances @param {Key[]} keys @param {string} account @param {string} region
 * @returns {Volume[]}
 */
function normalizeVolumes(input, instances, keys, account, region) {
  /** @type {Map<string, Volume>} */
  const byId = new Map()
  for (const v of input) {
    byId.set(v.id, {
      id: v.id,
      encrypted: Boolean(v.encrypted ?? v.kmsKeyId),
      kmsKeyId: v.kmsKeyId,
      sizeGiB: v.sizeGiB ?? 8,
      instanceId: null,
      device: null
    })
  }
  for (const inst of instances) {
    inst.volumeIds.forEach((vid, n) => {
      const vol = byId.get(vid) ?? { id: vid, encrypted: false, kmsKeyId: undefined, sizeGiB: 8 }
      byId.set(vid, {
        ...vol,
        instanceId: inst.id,
        device: n === 0 ? '/dev/xvda' : `/dev/sd${'fghijklmnop'[n - 1]}`
      })
    })
  }
  for (const v of byId.values()) {
    if (!v.encrypted) {
      v.kmsKeyId = undefined
      continue
    }
    const ref = v.kmsKeyId ?? 'alias/aws/ebs'
    let key = keys.find(k => k.arn === ref || k.keyId === ref || k.aliases.includes(ref))
    if (!key && ref === 'alias/aws/ebs') {
      key = normalizeKey({ keyManager: 'AWS', keyId: uuidFrom(`awsebs${account}`) }, 0, account, region, '')
      keys.push(key)
    }
    v.kmsKeyId = key ? key.arn : ref
  }
  return [...byId.values()]
}
