// The post step: with stop-on-post, stop exactly the instances this job's main step started.
import * as core from '@actions/core'
import { StopInstancesCommand } from '@aws-sdk/client-ec2'
import { readInputs } from './inputs.js'
import { createClients } from './aws/clients.js'
import { assumeRoleWithOidc, maskEnvironmentCredentials } from './aws/credentials.js'
import { awsCall, listResources } from './aws/errors.js'
import { chunk } from './aws/instances.js'
import { writeAnnotation, writeSummary } from './report/publish.js'
import { renderStopSummary, stopVerdict, type StopRow } from './report/stop-summary.js'
import { STATE } from './state.js'

// StopInstances' resource bucket refills at 20 instances/s; 250 a call keeps large fleets to a few calls.
const STOP_BATCH_SIZE = 250

function startedIds(): string[] {
  const raw = core.getState(STATE.startedInstanceIds)
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

export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    // Nothing started means nothing to stop, whatever made the main step fail (bad input included).
    const ids = startedIds()
    if (ids.length === 0) {
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
          core.info(`Stopping ${s.InstanceId}: ${s.PreviousState?.Name} -> ${s.CurrentState?.Name}`)
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
    if (verdict.failed) core.setFailed(verdict.text)
    else core.info(verdict.text)
  } catch (err) {
    core.setFailed(
      `stop-on-post failed; instances this job started may still be running: ${(err as Error).message}`
    )
  }
}
