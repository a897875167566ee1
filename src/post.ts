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
import { escapeHtml } from './report/summary.js'
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
    const rows: string[] = []
    const failures: string[] = []
    for (const batch of chunk(ids, STOP_BATCH_SIZE)) {
      try {
        const out = await awsCall('StopInstances', listResources(batch), 'ec2:StopInstances', () =>
          ec2.send(new StopInstancesCommand({ InstanceIds: batch }))
        )
        for (const s of out.StoppingInstances ?? []) {
          rows.push(
            `<tr><td><code>${escapeHtml(s.InstanceId ?? '')}</code></td><td>${escapeHtml(s.PreviousState?.Name ?? '')} → ${escapeHtml(s.CurrentState?.Name ?? '')}</td></tr>`
          )
          core.info(
            neutralise(`Stopping ${s.InstanceId}: ${s.PreviousState?.Name} -> ${s.CurrentState?.Name}`)
          )
        }
      } catch (err) {
        failures.push((err as Error).message)
        for (const id of batch)
          rows.push(`<tr><td><code>${escapeHtml(id)}</code></td><td>❌ not stopped</td></tr>`)
      }
    }
    const verdict =
      failures.length === 0
        ? `✅ Stopped the ${ids.length} instance(s) this job started.`
        : `❌ Some instances this job started are STILL RUNNING (and cost money): stop them by hand.`
    await core.summary
      .addRaw(
        `<h3>ec2-start-guard: stop-on-post</h3>\n<p><strong>${escapeHtml(verdict)}</strong></p>\n<table>\n<tr><th>Instance</th><th>State</th></tr>\n${rows.join('\n')}\n</table>\n`
      )
      .write()
    for (const failure of failures)
      core.error(neutralise(failure), { title: 'Instances left running after the job' })
    if (failures.length > 0) core.setFailed(verdict)
  } catch (err) {
    core.setFailed(
      neutralise(
        `stop-on-post failed; instances this job started may still be running: ${(err as Error).message}`
      )
    )
  }
}
