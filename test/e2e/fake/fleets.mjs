// @ts-check
// Ready-made scenarios: sampleFleet() for the demo, fleet({...}) for the benchmark. Both return a plain
// scenario object plus `expect` (what the fake will do when every instance is started by the default caller).
import { hashHex } from './common.mjs'
import { ACCOUNT, CI_ROLE as ROLE, keyArn, REGION } from './ids.mjs'
import { createKeyDefault, crossAccountAllows, denyCreateGrant } from './policies.mjs'

const OTHER = '444455556666'

/**
 * Six instances covering the interesting cases for a demo:
 * web-1 (key with ci-start-role as key user: runs), build-2 (root-only key and no IAM allow: silently stops with
 * Client.InternalError), db-3 (aws/ebs: runs), gpu-4 (disabled key: stops with Client.InvalidKMSKey.InvalidState),
 * cache-5 (already running), shared-6 (cross-account key allowing the account, IAM does not allow: stops).
 */
export function sampleFleet() {
  const k = {
    good: '1234abcd-12ab-34cd-56ef-1234567890ab',
    rootOnly: '2345bcde-23bc-45de-67f0-234567890abc',
    disabled: '3456cdef-34cd-56ef-7801-34567890abcd',
    foreign: 'mrk-4567def045de67f0890145678901bcde'
  }
  const inst = (
    /** @type {string} */ n,
    /** @type {string} */ name,
    /** @type {string[]} */ vols,
    extra = {}
  ) => ({
    id: `i-0${n.repeat(16)}`,
    name,
    state: 'stopped',
    tags: { env: 'ci', team: name.split('-')[0] },
    volumeIds: vols,
    ...extra
  })
  return {
    accountId: ACCOUNT,
    region: REGION,
    instances: [
      inst('1', 'web-1', ['vol-0a00000000000001a', 'vol-0a00000000000001b']),
      inst('2', 'build-2', ['vol-0a00000000000002a']),
      inst('3', 'db-3', ['vol-0a00000000000003a']),
      inst('4', 'gpu-4', ['vol-0a00000000000004a']),
      inst('5', 'cache-5', ['vol-0a00000000000005a'], { state: 'running' }),
      inst('6', 'shared-6', ['vol-0a00000000000006a'], { tags: { env: 'staging', team: 'shared' } })
    ],
    volumes: [
      { id: 'vol-0a00000000000001a', encrypted: true, kmsKeyId: keyArn(k.good), sizeGiB: 8 },
      { id: 'vol-0a00000000000001b', encrypted: false, sizeGiB: 20 },
      { id: 'vol-0a00000000000002a', encrypted: true, kmsKeyId: keyArn(k.rootOnly), sizeGiB: 8 },
      { id: 'vol-0a00000000000003a', encrypted: true, sizeGiB: 8 },
      { id: 'vol-0a00000000000004a', encrypted: true, kmsKeyId: keyArn(k.disabled), sizeGiB: 8 },
      { id: 'vol-0a00000000000005a', encrypted: true, kmsKeyId: keyArn(k.good), sizeGiB: 8 },
      { id: 'vol-0a00000000000006a', encrypted: true, kmsKeyId: keyArn(k.foreign, OTHER), sizeGiB: 8 }
    ],
    keys: [
      { keyId: k.good, aliases: ['alias/ci-runners'], description: 'EBS key for CI runners' },
      { keyId: k.rootOnly, aliases: ['alias/build-cache'], policy: createKeyDefault(ACCOUNT) },
      { keyId: k.disabled, aliases: ['alias/gpu-scratch'], keyState: 'Disabled' },
      { keyId: k.foreign, accountId: OTHER, policy: crossAccountAllows(OTHER, ACCOUNT) }
    ],
    callers: { AKIAFAKECI: { iamAllowsCreateGrant: false } },
    expect: {
      runningIds: ['i-01111111111111111', 'i-03333333333333333', 'i-05555555555555555'],
      stoppedIds: ['i-02222222222222222', 'i-04444444444444444', 'i-06666666666666666'],
      badKeyArns: [keyArn(k.rootOnly), keyArn(k.disabled), keyArn(k.foreign, OTHER)]
    }
  }
}

/**
 * @typedef {object} FleetOptions
 * @property {number} [n] instances (default 10)
 * @property {number} [keys] distinct customer keys (default 3); instance i uses key i % keys
 * @property {number} [badKeyEvery] every k-th key (k, 2k, ...) is bad; 0 = none (default 0)
 * @property {'no-grant'|'deny'|'disabled'} [badKind] how a bad key fails (default 'no-grant': root-only policy)
 * @property {number} [volumesPerInstance] encrypted volumes per instance (default 1)
 * @property {number} [bootMs] @property {number} [stopMs] @property {number} [statusOkMs]
 * @property {number} [runningEvery] every k-th instance is already running (default 0 = none)
 * @property {Record<string, string>} [tags] tags on every instance (default {env: 'ci'})
 * @property {boolean} [iamAllowsCreateGrant] of the default caller (default false)
 */

/**
 * A benchmark fleet of n instances over a few keys, deterministic ids.
 * @param {FleetOptions} [opts]
 */
export function fleet(opts = {}) {
  const { n = 10, keys: nKeys = 3, badKeyEvery = 0, badKind = 'no-grant', volumesPerInstance = 1 } = opts
  const { runningEvery = 0, tags = { env: 'ci' }, iamAllowsCreateGrant = false } = opts
  const timing = { bootMs: opts.bootMs, stopMs: opts.stopMs, statusOkMs: opts.statusOkMs }
  const keys = Array.from({ length: nKeys }, (_, j) => {
    const h = hashHex(`fleetkey${j}`, 32)
    const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`
    const bad = badKeyEvery > 0 && (j + 1) % badKeyEvery === 0
    // A root-only policy is only bad while the caller's IAM policy does not allow CreateGrant.
    const fails = bad && !(badKind === 'no-grant' && iamAllowsCreateGrant)
    /** @type {Record<string, unknown>} */
    const key = { keyId, aliases: [`alias/fleet-${j}`], bad: fails }
    if (bad && badKind === 'no-grant') key.policy = createKeyDefault(ACCOUNT)
    if (bad && badKind === 'deny') key.policy = denyCreateGrant(ACCOUNT, ROLE)
    if (bad && badKind === 'disabled') key.keyState = 'Disabled'
    return key
  })
  const instances = []
  const volumes = []
  /** @type {string[]} */
  const runningIds = []
  /** @type {string[]} */
  const stoppedIds = []
  for (let i = 0; i < n; i++) {
    const id = `i-0${i.toString(16).padStart(16, '0')}`
    const key = keys[i % nKeys]
    const volumeIds = []
    for (let v = 0; v < volumesPerInstance; v++) {
      const vid = `vol-0${(i * 16 + v).toString(16).padStart(16, '0')}`
      volumeIds.push(vid)
      volumes.push({ id: vid, encrypted: true, kmsKeyId: keyArn(String(key.keyId)), sizeGiB: 8 })
    }
    const running = runningEvery > 0 && (i + 1) % runningEvery === 0
    const ok = running || !key.bad
    ;(ok ? runningIds : stoppedIds).push(id)
    instances.push({
      id,
      name: `runner-${i}`,
      state: running ? 'running' : 'stopped',
      tags,
      volumeIds,
      ...timing
    })
  }
  const badKeyArns = keys.filter(k => k.bad).map(k => keyArn(String(k.keyId)))
  return {
    accountId: ACCOUNT,
    region: REGION,
    instances,
    volumes,
    keys: keys.map(({ bad: _bad, ...k }) => k),
    callers: { AKIAFAKECI: { iamAllowsCreateGrant } },
    expect: { runningIds, stoppedIds, badKeyArns }
  }
}
