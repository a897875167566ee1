// The post step: with stop-on-post, stop exactly the instances this job's main step started: those its
// StartInstances answers confirmed, and those of a call still in flight when the step died that launched since the
// step began (LaunchTime says so) — never one that was already running.
import * as core from '@actions/core'
import { StopInstancesCommand } from '@aws-sdk/client-ec2'
import { readInputs } from './inputs.js'
import { createClients } from './aws/clients.js'
import { maskEnvironmentCredentials, postStepCredentials } from './aws/credentials.js'
import type { AwsCredentialIdentity } from '@aws-sdk/types'
import { awsCall, listResources } from './aws/errors.js'
import { chunk, describeInstancesById } from './aws/instances.js'
import type { EC2Client } from '@aws-sdk/client-ec2'
import { writeAnnotation, writeSummary } from './report/publish.js'
import { renderStopSummary, stopVerdict, type StopRow } from './report/stop-summary.js'
import { STATE } from './state.js'
import { neutralise } from './report/untrusted.js'

// StopInstances' resource bucket refills at 20 instances/s; 250 a call keeps large fleets to a few calls.
const STOP_BATCH_SIZE = 250

function idsFromState(name: string): string[] {
  const raw = core.getState(name)
  if (!raw) return []
  try {
    const ids = JSON.parse(raw) as unknown
    return Array.isArray(ids)
      ? ids.filter((id): id is string => typeof id === 'string' && /^i-[0-9a-f]+$/.test(id))
      : []
  } catch {
    return []
  }
}

/**
 * Of the instances a StartInstances was in flight for when the main step ended (a cancelled job), those that are
 * pending or running and launched at or after the step began. LaunchTime has whole seconds, so the step's start is
 * rounded down to its second. An instance someone else started before the step began keeps running.
 */
async function launchedSinceStepBegan(ec2: EC2Client, ids: string[]): Promise<string[]> {
  const began = Number(core.getState(STATE.stepBeganAt))
  if (!Number.isFinite(began) || began <= 0) {
    core.warning(
      `stop-on-post: ${listResources(ids)} were being started when the main step ended, but its start time is unknown, so they are not stopped: check them by hand.`
    )
    return []
  }
  const since = Math.floor(began / 1000) * 1000
  const seen = await describeInstancesById(ec2, ids)
  const ours: string[] = []
  for (const id of ids) {
    const s = seen.get(id)
    const launchedSince = s?.launchTime !== undefined && s.launchTime >= since
    if (s && (s.state === 'pending' || s.state === 'running') && launchedSince) ours.push(id)
    else
      core.info(
        `stop-on-post: ${id} was being started when the main step ended; not stopped: it is ${s?.state ?? 'not found'}${s?.launchTime !== undefined && !launchedSince ? `, launched at ${new Date(s.launchTime).toISOString()}, before this step began` : ''}.`
      )
  }
  return ours
}

const STILL_RUNNING = stopVerdict({ region: '', rows: [], failures: ['x'], requested: 0 }).text

/** One region as one principal: what to stop there, of what this step started (or was starting). */
interface StopTarget {
  region: string
  roleArn?: string
  confirmed: string[]
  starting: string[]
}

/** The pairs saved by a run over several (account, region) pairs (fleet.ts), each with its own instances. */
function pairsFromState(): StopTarget[] | undefined {
  const raw = core.getState(STATE.pairs)
  if (!raw) return undefined
  try {
    const pairs = JSON.parse(raw) as unknown
    if (!Array.isArray(pairs)) return []
    const ids = (v: unknown) =>
      Array.isArray(v)
        ? v.filter((id): id is string => typeof id === 'string' && /^i-[0-9a-f]+$/.test(id))
        : []
    return pairs.flatMap(p => {
      const pair = p as Record<string, unknown>
      if (typeof pair.region !== 'string' || !/^[a-z0-9-]+$/.test(pair.region)) return []
      const confirmed = ids(pair.started)
      return [
        {
          region: pair.region,
          roleArn: typeof pair.roleArn === 'string' ? pair.roleArn : undefined,
          confirmed,
          starting: ids(pair.starting).filter(id => !confirmed.includes(id))
        }
      ]
    })
  } catch {
    return []
  }
}

/** Stops, in one region as one principal, exactly what this step started there. */
async function stopIn(
  target: StopTarget,
  credentialsFor: (roleArn: string) => Promise<AwsCredentialIdentity>,
  env: NodeJS.ProcessEnv,
  label: string
): Promise<{ failed: boolean } | undefined> {
  const { region, roleArn } = target
  const credentials = roleArn ? await credentialsFor(roleArn) : undefined
  const ec2 = await createClients({ region, credentials }).ec2()
  const ids = [
    ...target.confirmed,
    ...(target.starting.length > 0 ? await launchedSinceStepBegan(ec2, target.starting) : [])
  ]
  if (ids.length === 0) {
    core.info(`stop-on-post${label}: no instance was started by this step, so there is nothing to stop.`)
    return undefined
  }
  const rows: StopRow[] = []
  const failures: string[] = []
  for (const batch of chunk(ids, STOP_BATCH_SIZE)) {
    try {
      const out = await awsCall('StopInstances', listResources(batch), 'ec2:StopInstances', () =>
        ec2.send(new StopInstancesCommand({ InstanceIds: batch }))
      )
      for (const s of out.StoppingInstances ?? []) {
        rows.push({
          instanceId: s.InstanceId ?? '',
          previous: s.PreviousState?.Name ?? '',
          current: s.CurrentState?.Name ?? ''
        })
        core.info(
          neutralise(`Stopping${label} ${s.InstanceId}: ${s.PreviousState?.Name} -> ${s.CurrentState?.Name}`)
        )
      }
    } catch (err) {
      failures.push(`${label ? `${label.trim()}: ` : ''}${(err as Error).message}`)
      for (const id of batch) rows.push({ instanceId: id })
    }
  }
  const result = { region, rows, failures, requested: ids.length }
  const verdict = stopVerdict(result)
  // The instances are stopped (or not) whatever happens to the summary: writeSummary never throws.
  await writeSummary(renderStopSummary(result), env)
  for (const failure of failures)
    writeAnnotation({ level: 'error', title: 'Instances left running after the job', message: failure })
  if (!verdict.failed) core.info(neutralise(`${label ? `${label.trim()}: ` : ''}${verdict.text}`))
  return { failed: verdict.failed }
}

export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    // Nothing started means nothing to stop, whatever made the main step fail (bad input included).
    const pairs = pairsFromState()
    const confirmed = idsFromState(STATE.startedInstanceIds)
    const targets: StopTarget[] = pairs ?? [
      {
        region: core.getState(STATE.region),
        confirmed,
        starting: idsFromState(STATE.startingInstanceIds).filter(id => !confirmed.includes(id))
      }
    ]
    const busy = targets.filter(t => t.confirmed.length + t.starting.length > 0)
    if (busy.length === 0) {
      if (core.getInput('stop-on-post') === 'true')
        core.info('stop-on-post: this step started no instance, so there is nothing to stop.')
      return
    }
    const inputs = readInputs(name => core.getInput(name), env)
    if (!inputs.stopOnPost) return
    maskEnvironmentCredentials(env)
    const credentialsFor = postStepCredentials(
      { sessionName: inputs.roleSessionName, audience: inputs.audience },
      env,
      () => createClients({ region: inputs.region }).sts()
    )
    if (!pairs)
      busy[0] = { ...busy[0], region: busy[0].region || inputs.region, roleArn: inputs.roleToAssume }
    if (!pairs) {
      // One region: its errors end the post step with the message of before.
      if ((await stopIn(busy[0], credentialsFor, env, ''))?.failed) core.setFailed(neutralise(STILL_RUNNING))
      return
    }
    // Every pair is stopped, even after another failed: each failure is its own error.
    const results = await Promise.all(
      busy.map(t =>
        stopIn(
          t,
          credentialsFor,
          env,
          ` [${t.region}${t.roleArn ? ` (account ${t.roleArn.split(':')[4]})` : ''}]`
        ).catch((err: unknown) => {
          core.error(
            neutralise(
              `stop-on-post failed in ${t.region}; instances this job started there may still be running: ${(err as Error).message}`
            )
          )
          return { failed: true }
        })
      )
    )
    if (results.some(r => r?.failed)) core.setFailed(neutralise(STILL_RUNNING))
  } catch (err) {
    core.setFailed(
      neutralise(
        `stop-on-post failed; instances this job started may still be running: ${(err as Error).message}`
      )
    )
  }
}
