// Several regions and accounts in one step: every (account, region) pair is one live run (live.ts, unchanged), all
// run at once, each with its own clients, so each keeps its own per-region call budgets. A pair that fails is
// reported as that pair's problem, naming it, and fails the step; the other pairs still run to the end. One pair
// is exactly the one-region run of before, saved state included.
import type { Inputs } from './inputs.js'
import type { Clock, Tracked } from './aws/poll.js'
import { realClock } from './aws/poll.js'
import type { RunIO } from './live.js'
import { runLive } from './live.js'
import { newRunReport, type PairReport, type RunReport } from './report/model.js'
import { STATE } from './state.js'
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types'

export interface Pair {
  region: string
  /** The role of this account (role-to-assume); undefined: the environment's credentials. */
  roleArn?: string
  /** From the role ARN; else learnt from the caller, when the run finds it. */
  account?: string
}

/** What the edge gives a fleet run: RunIO, with credentials per role. */
export interface FleetIO extends Omit<RunIO, 'credentials'> {
  credentials(roleArn: string | undefined): Promise<AwsCredentialIdentityProvider | undefined>
}

/** What the post step needs of one pair: where, as whom, and what this step started (or was starting) there. */
export interface SavedPair {
  region: string
  roleArn?: string
  started: string[]
  starting: string[]
}

export function pairsOf(inputs: Pick<Inputs, 'regions' | 'rolesToAssume'>): Pair[] {
  const roles = inputs.rolesToAssume.length > 0 ? inputs.rolesToAssume : [undefined]
  return roles.flatMap(roleArn =>
    inputs.regions.map(region => ({ region, roleArn, account: roleArn?.split(':')[4] }))
  )
}

export function pairLabel(pair: { region: string; account?: string }): string {
  return pair.account ? `${pair.region} (account ${pair.account})` : pair.region
}

function accountOf(pair: Pair, report: RunReport): string | undefined {
  return pair.account ?? /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(report.caller ?? '')?.[1]
}

/** The inputs of one pair: its region, its role. */
function pairInputs(inputs: Inputs, pair: Pair): Inputs {
  return {
    ...inputs,
    region: pair.region,
    regions: [pair.region],
    roleToAssume: pair.roleArn,
    rolesToAssume: pair.roleArn ? [pair.roleArn] : []
  }
}

function summarisePair(pair: Pair, report: RunReport, failure?: string): PairReport {
  return {
    region: pair.region,
    account: accountOf(pair, report),
    roleArn: pair.roleArn,
    caller: report.caller,
    instances: report.instances.length,
    running: report.instances.filter(i => i.state === 'running' && i.outcome !== 'failed').length,
    failed: report.instances.filter(i => i.outcome === 'failed').length,
    keys: report.keys.length,
    problems: failure === undefined ? report.problems : [failure, ...report.problems],
    durationMs: report.durationMs
  }
}

export async function runFleet(
  inputs: Inputs,
  io: FleetIO,
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = realClock,
  report: RunReport = newRunReport(inputs)
): Promise<RunReport> {
  const pairs = pairsOf(inputs)
  if (pairs.length === 1) {
    const [pair] = pairs
    const done = await runLive(
      inputs,
      { ...io, credentials: () => io.credentials(pair.roleArn) },
      env,
      clock,
      report
    ).finally(() => {
      const account = accountOf(pair, report)
      for (const i of report.instances) Object.assign(i, { region: pair.region, account })
    })
    return done
  }

  const began = clock.now()
  const saved: SavedPair[] = pairs.map(p => ({
    region: p.region,
    roleArn: p.roleArn,
    started: [],
    starting: []
  }))
  const reports = pairs.map(p => newRunReport(pairInputs(inputs, p)))
  // A live display shows the whole fleet: each pair's latest records, together.
  const tracked: Array<readonly Tracked[]> = pairs.map(() => [])
  const runs = pairs.map(async (pair, n) => {
    const label = pairLabel(pair)
    const pairIo: RunIO = {
      info: message => io.info(`[${label}] ${message}`),
      saveState: (name, value) => {
        // The post step stops, in each pair, what was started there: one record per pair, rewritten on change.
        if (name === STATE.startedInstanceIds) saved[n].started = JSON.parse(value) as string[]
        else if (name === STATE.startingInstanceIds) saved[n].starting = JSON.parse(value) as string[]
        else if (name === STATE.stepBeganAt) {
          io.saveState(name, value)
          return
        } else return
        io.saveState(STATE.pairs, JSON.stringify(saved))
      },
      credentials: () => io.credentials(pair.roleArn),
      progress: io.progress
        ? records => {
            tracked[n] = records
            io.progress?.(tracked.flat())
          }
        : undefined
    }
    try {
      await runLive(pairInputs(inputs, pair), pairIo, env, clock, reports[n])
      return undefined
    } catch (err) {
      return `${label}: ${err instanceof Error ? err.message : String(err)}`
    }
  })
  const failures = await Promise.all(runs)

  report.pairs = pairs.map((pair, n) => summarisePair(pair, reports[n], failures[n]))
  for (const [n, pair] of pairs.entries()) {
    const r = reports[n]
    const label = pairLabel(pair)
    const account = accountOf(pair, r)
    // A failure names its pair: the same role may fail the same way in every region.
    report.instances.push(
      ...r.instances.map(i => ({
        ...i,
        region: pair.region,
        account,
        failure: i.failure === undefined ? undefined : `in ${label}: ${i.failure}`
      }))
    )
    report.keys.push(...r.keys)
    if (failures[n] !== undefined) report.problems.push(failures[n] as string)
    report.problems.push(...r.problems.map(p => `${label}: ${p}`))
    report.warnings.push(...r.warnings.map(w => `${label}: ${w}`))
    report.polls += r.polls
    report.filters ??= r.filters
  }
  // One caller for the whole report only when every pair ran as the same principal.
  const callers = new Set(reports.map(r => r.caller).filter(Boolean))
  report.caller = callers.size === 1 ? [...callers][0] : undefined
  report.durationMs = clock.now() - began
  return report
}
