// The live run: credentials, targets, (diagnosis), start and verify. Returns the report; prints progress.
import * as core from '@actions/core'
import type { Inputs } from './inputs.js'
import { createClients } from './aws/clients.js'
import { assumeRoleWithOidc, maskEnvironmentCredentials } from './aws/credentials.js'
import { listResources } from './aws/errors.js'
import { resolveTargets, TargetError, unstartable, type InstanceSnapshot } from './aws/instances.js'
import { startAndWait, type Tracked } from './aws/poll.js'
import type { InstanceReport, RunReport } from './report/model.js'
import { STATE } from './state.js'

function instanceReport(t: Tracked, waitFor: string): InstanceReport {
  const reached = t.phase === 'done'
  return {
    instanceId: t.id,
    name: t.last.name ?? t.before.name,
    stateBefore: t.before.state,
    state: t.last.state,
    stateReason: t.phase === 'failed' ? t.last.stateReason : undefined,
    privateIp: t.last.privateIp,
    publicIp: t.last.publicIp,
    startedByThisStep: t.startedByUs,
    outcome: !reached
      ? 'failed'
      : waitFor === 'status-ok'
        ? 'status-ok'
        : waitFor === 'none'
          ? 'start-requested'
          : 'running',
    secondsToState:
      reached && t.reachedAt !== undefined && t.startedAt !== undefined
        ? (t.reachedAt - t.startedAt) / 1000
        : undefined,
    failure: t.failure?.message,
    keys: []
  }
}

function checkedReport(s: InstanceSnapshot): InstanceReport {
  return {
    instanceId: s.instanceId,
    name: s.name,
    stateBefore: s.state,
    state: s.state,
    privateIp: s.privateIp,
    publicIp: s.publicIp,
    startedByThisStep: false,
    outcome: 'checked',
    keys: []
  }
}

export async function runLive(inputs: Inputs, env: NodeJS.ProcessEnv = process.env): Promise<RunReport> {
  const began = performance.now()
  maskEnvironmentCredentials(env)
  let credentials
  if (inputs.roleToAssume) {
    const sts = createClients({ region: inputs.region }).sts()
    credentials = await assumeRoleWithOidc(
      await sts,
      { roleArn: inputs.roleToAssume, sessionName: inputs.roleSessionName, audience: inputs.audience },
      env
    )
    core.info(`Assumed ${inputs.roleToAssume} with the GitHub OIDC token`)
  }
  const clients = createClients({ region: inputs.region, credentials })
  const ec2 = await clients.ec2()
  core.saveState(STATE.region, inputs.region)

  const targets = await resolveTargets(ec2, inputs.instanceIds, inputs.filters)
  core.info(`Targets: ${targets.map(t => `${t.instanceId} (${t.state})`).join(', ')}`)
  const dead = unstartable(targets)
  if (dead.length > 0 && inputs.mode === 'start') {
    // StartInstances would fail the whole call, so nothing is started.
    throw new TargetError(
      `${listResources(
        dead.map(d => `${d.instanceId} (${d.state})`),
        10
      )} cannot be started; nothing was started. Remove ${dead.length === 1 ? 'it' : 'them'} from instance-ids.`
    )
  }

  const report: RunReport = {
    mode: inputs.mode,
    offline: false,
    region: inputs.region,
    waitFor: inputs.waitFor,
    fix: inputs.fix,
    instances: [],
    keys: [],
    files: [],
    problems: [],
    durationMs: 0,
    polls: 0
  }

  if (inputs.mode === 'check') {
    report.instances = targets.map(checkedReport)
  } else {
    const result = await startAndWait(ec2, targets, {
      waitFor: inputs.waitFor,
      timeoutMs: inputs.timeoutSeconds * 1000,
      onEvent: message => core.info(message)
    })
    const started = result.tracked.filter(t => t.startedByUs).map(t => t.id)
    core.saveState(STATE.startedInstanceIds, JSON.stringify(started))
    report.instances = result.tracked.map(t => instanceReport(t, inputs.waitFor))
    report.polls = result.polls
    for (const t of result.tracked) {
      if (t.phase === 'failed') core.info(`✗ ${t.failure?.message ?? t.id}`)
      else core.info(`✓ ${t.id} ${t.last.state}${t.last.privateIp ? ` ${t.last.privateIp}` : ''}`)
    }
  }
  report.durationMs = performance.now() - began
  return report
}
