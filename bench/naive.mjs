// @ts-check
// The naive baseline, in the bench harness only: the same fleet started once and then watched the way the
// AWS SDK waiter does it, with the real @aws-sdk/client-ec2 against the fake: waitUntilInstanceRunning per
// instance (one DescribeInstances per instance per check), a fixed 15 s delay (minDelay = maxDelay = 15;
// the SDK's own default is 15..120 s with jitter), maxWaitTime 600 s. Its acceptors are running = success
// and shutting-down/terminated/stopping = failure: there is none for `stopped`, so an instance that went
// pending -> stopped keeps it retrying until the 600 s timeout, which names no cause.
//
// The real run is cut after OBSERVE_S (a check at 0 s, 15 s and 30 s); projectNaive() extrapolates the
// measured per-check behaviour to the waiter's full 600 s.
import { EC2Client, StartInstancesCommand, waitForInstanceRunning } from '@aws-sdk/client-ec2'
import { performance } from 'node:perf_hooks'
import { fleet, startFake } from '../test/e2e/fake/server.mjs'
import { DEFAULTS } from './runner.mjs'

export const WAITER = { delayS: 15, maxWaitS: 600 }
/** Real seconds a naive run is observed: the initial check and two polls. */
export const OBSERVE_S = 31

/**
 * @param {import('./naive.d.mts').NaiveSpec} spec
 * @returns {Promise<import('./naive.d.mts').NaiveResult>}
 */
export async function runNaive(spec) {
  const latencyMs = spec.latencyMs ?? DEFAULTS.latencyMs
  const bootMs = spec.bootMs ?? DEFAULTS.bootMs
  const observeS = spec.observeS ?? OBSERVE_S
  const scenario = fleet({ n: spec.n, keys: spec.keys, badKeyEvery: spec.badKeyEvery ?? 0, bootMs })
  const fake = await startFake(scenario, { latencyMs, enforceLimits: true })
  const env = fake.env()
  const client = new EC2Client({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL_EC2,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
  })
  const ids = (scenario.instances ?? []).map(i => String(i.id))
  const began = performance.now()
  await client.send(new StartInstancesCommand({ InstanceIds: ids }))
  const abort = new AbortController()
  const cut = setTimeout(() => abort.abort(), observeS * 1000)
  const waits = await Promise.all(
    ids.map(async id => {
      const r = await waitForInstanceRunning(
        {
          client,
          minDelay: WAITER.delayS,
          maxDelay: WAITER.delayS,
          maxWaitTime: WAITER.maxWaitS,
          abortSignal: abort.signal
        },
        { InstanceIds: [id] }
      )
      return { id, state: String(r.state), atMs: performance.now() - began }
    })
  )
  clearTimeout(cut)
  // Snapshot before closing: an aborted waiter still sends the check its sleep was waiting for.
  const log = [...fake.log]
  const instances = fake.state.instances
  await fake.close()
  client.destroy()

  const describes = log.filter(e => e.action === 'DescribeInstances')
  /** @type {Map<string, number>} */
  const checks = new Map()
  let idsPerCall = 0
  for (const e of describes) {
    const named = Object.entries(e.params).filter(([k]) => k.startsWith('InstanceId.'))
    idsPerCall = Math.max(idsPerCall, named.length)
    for (const [, v] of named) checks.set(String(v), (checks.get(String(v)) ?? 0) + 1)
  }
  const bad = new Set(scenario.expect.stoppedIds)
  const good = waits.filter(w => !bad.has(w.id))
  const stuck = waits.filter(w => bad.has(w.id))
  return {
    spec: { ...spec, latencyMs, bootMs, observeS },
    startCalls: log.filter(e => e.action === 'StartInstances').length,
    describeCalls: describes.length,
    maxIdsPerCall: idsPerCall,
    checksPerGoodInstance: Math.max(0, ...good.map(w => checks.get(w.id) ?? 0)),
    checksPerBadInstance: Math.max(0, ...stuck.map(w => checks.get(w.id) ?? 0)),
    goodSucceededAtMs: good.length ? Math.max(...good.map(w => w.atMs)) : null,
    goodStates: [...new Set(good.map(w => w.state))],
    badStates: [...new Set(stuck.map(w => w.state))],
    badLastSeen: [
      ...new Set(instances.filter(i => bad.has(i.id)).map(i => `${i.state} (${i.stateReason?.code ?? ''})`))
    ],
    badInstances: stuck.length,
    observedMs: performance.now() - began
  }
}

/**
 * What the naive waiter costs on a fleet, extrapolated from the measured behaviour: a check at 0 s and then
 * every 15 s, one DescribeInstances per instance per check; a healthy instance succeeds at the first check
 * after its boot; a stopped one is checked until maxWaitTime (1 + 600/15 = 41 checks) and then times out.
 * @param {{ n: number, bad: number, bootMs: number }} fleetShape
 * @returns {import('./naive.d.mts').NaiveProjection}
 */
export function projectNaive({ n, bad, bootMs }) {
  const goodChecks = 1 + Math.max(1, Math.ceil(bootMs / (WAITER.delayS * 1000)))
  const badChecks = 1 + Math.floor(WAITER.maxWaitS / WAITER.delayS)
  const describeCalls = (n - bad) * goodChecks + bad * badChecks
  const startCalls = Math.ceil(n / 1000)
  return {
    describeCalls,
    totalCalls: describeCalls + startCalls,
    wallS: bad > 0 ? WAITER.maxWaitS : (goodChecks - 1) * WAITER.delayS,
    detectS: bad > 0 ? WAITER.maxWaitS : null
  }
}
