// The post step: with stop-on-post, stop exactly the instances this job's main step started: those its
// StartInstances answers confirmed, and those of a call still in flight when the step died that launched since the
// step began (LaunchTime says so) — never one that was already running.
import * as core from '@actions/core'
import { StopInstancesCommand } from '@aws-sdk/client-ec2'
import { readInputs } from './inputs.js'
import { createClients } from './aws/clients.js'
import { assumeRoleWithOidc, maskEnvironmentCredentials } from './aws/credentials.js'
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

export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    // Nothing started means nothing to stop, whatever made the main step fail (bad input included).
    const confirmed = idsFromState(STATE.startedInstanceIds)
    const starting = idsFromState(STATE.startingInstanceIds).filter(id => !confirmed.includes(id))
    if (confirmed.length === 0 && starting.length === 0) {
      if (core.getInput('stop-on-post') === 'true')
        core.info('stop-on-post: this step started no instance, so there is nothing to stop.')
      return
    }
    const inputs = readInputs(name => core.getInput(name), env)
    if (!inputs.stopOnPost) return
    maskEnvironmentCredentials(env)
    const region = core.getState(STATE.region) || inputs.region
    const credentials = inputs.roleToAssume
      ? await assumeRoleWithOidc(
          await createClients({ region }).sts(),
          { roleArn: inputs.roleToAssume, sessionName: inputs.roleSessionName, audience: inputs.audience },
          env
        )
      : undefined
    const ec2 = await createClients({ region, credentials }).ec2()
    const ids = [...confirmed, ...(starting.length > 0 ? await launchedSinceStepBegan(ec2, starting) : [])]
    if (ids.length === 0) {
      core.info('stop-on-post: no instance was started by this step, so there is nothing to stop.')
      return
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
            neutralise(`Stopping ${s.InstanceId}: ${s.PreviousState?.Name} -> ${s.CurrentState?.Name}`)
          )
        }
      } catch (err) {
        failures.push((err as Error).message)
        for (const id of batch) rows.push({ instanceId: id })
      }
    }
    const result = { region, rows, failures, requested: ids.length }
    const verdict = stopVerdict(result)
    // The instances are stopped (or not) whatever happens to the summary: writeSummary never throws.
    await writeSummary(renderStopSummary(result), env)
    for (const failure of failures)
      writeAnnotation({ level: 'error', title: 'Instances left running after the job', message: failure })
    if (verdict.failed) core.setFailed(neutralise(verdict.text))
    else core.info(neutralise(verdict.text))
  } catch (err) {
    core.setFailed(
      neutralise(
        `stop-on-post failed; instances this job started may still be running: ${(err as Error).message}`
      )
    )
  }
}
