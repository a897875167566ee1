// @ts-check
// One benchmark run: a fleet in the fake AWS endpoint (started in this process), the BUNDLED action spawned
// as `node dist/index.js` the way the runner does, and the measurements taken from the fake's request log,
// the fake's instance timestamps and a probe loaded into the child. All times are performance.now() of
// this process: the fake runs here, so its stoppedAt/runningAt and log times share the clock of the spawn.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { fleet, startFake } from '../test/e2e/fake/server.mjs'
import { prepareStep, readStepFiles } from '../test/e2e/runner.mjs'

export const REPO = fileURLToPath(new URL('../', import.meta.url))
export const ACTION = join(REPO, 'dist', 'index.js')
const PROBE_URL = new URL('./probe.mjs', import.meta.url).href

/** Simulated per-call latency and boot time of the benchmark (the fake's own default boot is 400 ms). */
export const DEFAULTS = { latencyMs: 50, bootMs: 3000 }

// Batch sizes the targets are stated in (src/aws/instances.ts, volumes.ts, start.ts).
export const BATCH = { describeInstances: 1000, describeVolumes: 500, startInstances: 250 }

const THROTTLE_CODES = new Set(['RequestLimitExceeded', 'ThrottlingException', 'Throttling'])
// Polls follow a schedule of at least 2 s; calls of one poll come back to back.
const POLL_GAP_MS = 1500

/**
 * @typedef {import('../test/e2e/fake/server.mjs').RequestLogEntry} RequestLogEntry
 * @typedef {import('./runner.d.mts').RunSpec} RunSpec
 * @typedef {import('./runner.d.mts').RunResult} RunResult
 */

/** The matrix of `npm run bench`: every N and every K, the bad-key variants and the throttling storm. */
/** @type {RunSpec[]} */
export const MATRIX = [
  { name: 'N1-K1', n: 1, keys: 1 },
  { name: 'N10-K1', n: 10, keys: 1 },
  { name: 'N10-K10', n: 10, keys: 10 },
  { name: 'N100-K10', n: 100, keys: 10 },
  { name: 'N100-K50', n: 100, keys: 50 },
  { name: 'N1000-K50', n: 1000, keys: 50, select: 'filters' },
  { name: 'N10-K1-allbad', n: 10, keys: 1, badKeyEvery: 1 },
  { name: 'N100-K10-bad', n: 100, keys: 10, badKeyEvery: 10 },
  { name: 'N1000-K50-bad', n: 1000, keys: 50, badKeyEvery: 10, select: 'filters' },
  {
    name: 'N100-K10-bad-throttle30',
    n: 100,
    keys: 10,
    badKeyEvery: 10,
    throttle: { rate: 0.3, seed: 42 }
  }
]

/** A subset for a quick look (`--quick`). */
export const QUICK = ['N1-K1', 'N10-K10', 'N10-K1-allbad', 'N100-K10-bad']

/** @param {string | undefined} text @returns {string[]} */
function idList(text) {
  try {
    const v = JSON.parse(text ?? '[]')
    return Array.isArray(v) ? v.map(String) : []
  } catch {
    return []
  }
}

/** @param {string[]} a @param {string[]} b */
function sameSet(a, b) {
  const sa = new Set(a)
  return sa.size === new Set(b).size && b.every(x => sa.has(x))
}

/** @param {RequestLogEntry} e */
export function isThrottled(e) {
  return e.errorCode !== undefined && THROTTLE_CODES.has(e.errorCode)
}

/** Attempts per API (throttled attempts included) and how many of them the fake throttled. */
export function callsByApi(/** @type {RequestLogEntry[]} */ log) {
  /** @type {Record<string, import('./runner.d.mts').ApiCalls>} */
  const out = {}
  for (const e of log) {
    const c = (out[e.action] ??= { calls: 0, throttled: 0, errors: 0, errorCodes: [] })
    c.calls++
    if (isThrottled(e)) c.throttled++
    else if (e.status >= 400) {
      c.errors++
      if (e.errorCode && !c.errorCodes.includes(e.errorCode)) c.errorCodes.push(e.errorCode)
    }
  }
  return out
}

/**
 * The successful DescribeInstances calls of the poll loop (after the first StartInstances), grouped into
 * polls by the gaps of the schedule (≥ 2 s between polls).
 * @param {RequestLogEntry[]} log
 * @returns {number[]} calls per poll
 */
export function pollRounds(log) {
  const firstStart = log.find(e => e.action === 'StartInstances')
  if (!firstStart) return []
  const polls = log.filter(
    e => e.action === 'DescribeInstances' && e.t > firstStart.t && e.status < 400 && !isThrottled(e)
  )
  /** @type {number[]} */
  const rounds = []
  let last = -Infinity
  for (const e of polls) {
    if (e.t - last > POLL_GAP_MS) rounds.push(0)
    rounds[rounds.length - 1]++
    last = e.t
  }
  return rounds
}

/**
 * Runs the bundled action once against a fresh fake and measures it.
 * @param {RunSpec} spec
 * @param {{ action?: string }} [options] the bundle to run (default: dist/index.js of this repository)
 * @returns {Promise<RunResult>}
 */
export async function runScenario(spec, options = {}) {
  const latencyMs = spec.latencyMs ?? DEFAULTS.latencyMs
  const bootMs = spec.bootMs ?? DEFAULTS.bootMs
  const select = spec.select ?? 'ids'
  const badKeyEvery = spec.badKeyEvery ?? 0
  const scenario = fleet({
    n: spec.n,
    keys: spec.keys,
    badKeyEvery,
    bootMs,
    tags: { env: 'ci', bench: 'yes' }
  })
  // The CI role may run iam:SimulatePrincipalPolicy (the fake's default caller may not); its IAM policy does
  // not allow kms:CreateGrant, as fleet() assumes, so the bad keys stay bad.
  Object.assign(scenario.callers?.AKIAFAKECI ?? {}, { simulate: 'implicitDeny' })
  const fake = await startFake(scenario, { latencyMs, enforceLimits: true })
  if (spec.throttle) fake.setThrottle(spec.throttle)

  const ids = (scenario.instances ?? []).map(i => String(i.id))
  const step = prepareStep({
    prefix: 'esg-bench',
    inputs: select === 'filters' ? { filters: 'tag:bench=yes' } : { 'instance-ids': ids.join('\n') },
    env: { ...fake.env(), NODE_OPTIONS: `--import=${PROBE_URL}` }
  })
  const { workspace, env } = step
  const probeFile = join(dirname(step.files.GITHUB_OUTPUT), 'probe.json')
  env.BENCH_PROBE_FILE = probeFile

  const spawnAt = performance.now()
  const spawnAtEpochMs = performance.timeOrigin + spawnAt
  const child = spawn(process.execPath, [options.action ?? ACTION], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let exitAt = NaN
  child.on('exit', () => (exitAt = performance.now()))
  let stdout = ''
  let stderr = ''
  /** @type {Map<string, number>} when each instance's failure line (`✗ i-…`) reached us */
  const reportedAt = new Map()
  child.stdout.on('data', d => {
    stdout += d
    const now = performance.now()
    for (const m of String(d).matchAll(/^✗ (i-[0-9a-f]+)/gm))
      if (!reportedAt.has(m[1])) reportedAt.set(m[1], now)
  })
  child.stderr.on('data', d => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs ?? 120_000)
  const code = await new Promise(resolve => child.on('close', c => resolve(c ?? -1)))
  clearTimeout(timer)

  const { outputs } = readStepFiles(step.files)
  const probe = existsSync(probeFile) ? JSON.parse(readFileSync(probeFile, 'utf8')) : null
  const log = fake.log.map(e => ({ ...e, params: {} }))
  const abs = (/** @type {number} */ t) => fake.t0 + t
  const instances = fake.state.instances
  await fake.close()
  step.cleanup()

  const failedAfterStart = instances.filter(i => i.startCount > 0 && i.state === 'stopped')
  const lastStoppedAt = failedAfterStart.length
    ? Math.max(...failedAfterStart.map(i => Number(i.stoppedAt)))
    : null
  const ran = instances.filter(i => i.startCount > 0 && i.runningAt !== null)
  const lastRunningAt = ran.length ? Math.max(...ran.map(i => Number(i.runningAt))) : null
  const firstStart = log.find(e => e.action === 'StartInstances')
  // The first poll that read the fleet after the last instance had turned stopped.
  const seenBy =
    lastStoppedAt === null
      ? undefined
      : log.find(
          e =>
            e.action === 'DescribeInstances' && abs(e.t) >= lastStoppedAt && e.status < 400 && !isThrottled(e)
        )

  const failed = idList(outputs['failed-instance-ids'])
  const running = idList(outputs['running-instance-ids'])
  const started = idList(outputs['started-instance-ids'])
  const expect = scenario.expect
  const correct =
    sameSet(failed, expect.stoppedIds) &&
    sameSet(running, expect.runningIds) &&
    sameSet(started, ids) &&
    (failed.length > 0 ? code !== 0 : code === 0)

  return {
    spec: { ...spec, select, badKeyEvery, latencyMs, bootMs },
    instances: spec.n,
    volumes: scenario.volumes?.length ?? 0,
    uniqueKeys: spec.keys,
    badKeys: expect.badKeyArns.length,
    badInstances: expect.stoppedIds.length,
    code,
    correct,
    outputs,
    expected: { failed: expect.stoppedIds, running: expect.runningIds },
    failed,
    running,
    calls: callsByApi(log),
    totalCalls: log.length,
    throttledCalls: log.filter(isThrottled).length,
    pollRounds: pollRounds(log),
    wallMs: exitAt - spawnAt,
    coldStartMs: log.length ? abs(log[0].t) - spawnAt : null,
    nodeBootMs: probe ? probe.loadedAtEpochMs - spawnAtEpochMs : null,
    firstStartMs: firstStart ? abs(firstStart.t) - spawnAt : null,
    lastRunningToExitMs: lastRunningAt === null ? null : exitAt - lastRunningAt,
    stoppedToExitMs: lastStoppedAt === null ? null : exitAt - lastStoppedAt,
    stoppedToPollMs: lastStoppedAt === null || !seenBy ? null : abs(seenBy.t) - lastStoppedAt,
    // The slowest of: each failing instance's stoppedAt to the log line that reports it.
    stoppedToReportMs: failedAfterStart.length
      ? Math.max(...failedAfterStart.map(i => (reportedAt.get(i.id) ?? NaN) - Number(i.stoppedAt)))
      : null,
    peakRssMb: probe ? probe.maxRssKb / 1024 : null,
    cpuMs: probe ? probe.userCpuMs + probe.systemCpuMs : null,
    stderr: stderr.slice(-2000),
    stdoutTail: code === 0 && correct ? '' : stdout.slice(-4000)
  }
}

/** @param {number} x @param {number} size */
const batches = (x, size) => Math.ceil(x / size)

/**
 * The targets of the issue, measured on one run. Counts exclude attempts the fake throttled (they are
 * retries of the same call), so they hold under the throttling storm too.
 * @param {RunResult} r
 * @returns {import('./runner.d.mts').TargetCheck[]}
 */
export function checkTargets(r) {
  const ok = (/** @type {string} */ api) => {
    const c = r.calls[api]
    return c ? c.calls - c.throttled : 0
  }
  const failedCalls = (/** @type {string} */ api) => r.calls[api]?.errors ?? 0
  const checks = []
  const perPoll = r.pollRounds.length ? Math.max(...r.pollRounds) : 0
  const diExpected = batches(r.instances, BATCH.describeInstances)
  checks.push({
    id: 'describe-instances-per-poll',
    target: `DescribeInstances per poll = ceil(N/1000) = ${diExpected}`,
    measured: `${perPoll} per poll (${r.pollRounds.length} polls)`,
    value: perPoll,
    pass: r.pollRounds.length > 0 && perPoll === diExpected
  })
  const dvExpected = batches(r.volumes, BATCH.describeVolumes)
  checks.push({
    id: 'describe-volumes',
    target: `DescribeVolumes = ceil(V/500) = ${dvExpected}`,
    measured: String(ok('DescribeVolumes')),
    value: ok('DescribeVolumes'),
    pass: ok('DescribeVolumes') === dvExpected
  })
  for (const api of ['DescribeKey', 'GetKeyPolicy']) {
    checks.push({
      id: api === 'DescribeKey' ? 'describe-key' : 'get-key-policy',
      target: `${api} = 1 per unique key = ${r.uniqueKeys}`,
      measured: String(ok(api)),
      value: ok(api),
      pass: ok(api) === r.uniqueKeys
    })
  }
  // Only the bad (root-only policy) keys leave the verdict to IAM; the others are decided by their policy.
  checks.push({
    id: 'simulate-principal-policy',
    target: `SimulatePrincipalPolicy ≤ keys that need it = ${r.badKeys}`,
    measured: String(ok('SimulatePrincipalPolicy')),
    value: ok('SimulatePrincipalPolicy'),
    pass: ok('SimulatePrincipalPolicy') <= r.badKeys
  })
  const siExpected = batches(r.instances, BATCH.startInstances)
  checks.push({
    id: 'start-instances',
    target: `StartInstances = ceil(stopped/250) = ${siExpected}, none failed`,
    measured: `${ok('StartInstances')}, ${failedCalls('StartInstances')} failed`,
    value: ok('StartInstances'),
    pass: ok('StartInstances') === siExpected && failedCalls('StartInstances') === 0
  })
  if (r.instances >= 1000) {
    const beyond = r.wallMs - r.spec.bootMs
    checks.push({
      id: 'n1000-within-15s-beyond-boot',
      target: 'N=1000: wall time − simulated boot time ≤ 15 s',
      measured: `${(beyond / 1000).toFixed(2)} s`,
      value: beyond,
      pass: beyond <= 15_000
    })
    checks.push({
      id: 'peak-rss-n1000',
      target: 'peak RSS at N=1000 ≤ 200 MB',
      measured: r.peakRssMb === null ? 'n/a' : `${r.peakRssMb.toFixed(0)} MB`,
      value: r.peakRssMb ?? NaN,
      pass: r.peakRssMb !== null && r.peakRssMb <= 200
    })
  }
  if (r.badInstances > 0) {
    checks.push({
      id: 'stopped-to-report',
      target:
        'silent failure reported (✗ line in the log) within one poll interval (2 s) of the fake showing stopped',
      measured:
        r.stoppedToReportMs === null || Number.isNaN(r.stoppedToReportMs)
          ? 'n/a'
          : `${(r.stoppedToReportMs / 1000).toFixed(2)} s (step exit after ${((r.stoppedToExitMs ?? NaN) / 1000).toFixed(2)} s, once the healthy instances run)`,
      value: r.stoppedToReportMs ?? NaN,
      pass: r.stoppedToReportMs !== null && r.stoppedToReportMs <= 2000
    })
  }
  checks.push({
    id: 'cold-start',
    target: 'cold start to first AWS request ≤ 400 ms',
    measured: r.coldStartMs === null ? 'n/a' : `${r.coldStartMs.toFixed(0)} ms`,
    value: r.coldStartMs ?? NaN,
    pass: r.coldStartMs !== null && r.coldStartMs <= 400
  })
  checks.push({
    id: 'correct',
    target: 'outputs list exactly the bad-key instances as failed, the rest running',
    measured: r.correct ? 'yes' : `no (failed ${r.failed.length}, expected ${r.expected.failed.length})`,
    value: r.correct ? 1 : 0,
    pass: r.correct
  })
  return checks
}
