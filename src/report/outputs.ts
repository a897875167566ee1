// The step outputs (README, "Outputs"), as JSON strings.
import type { RunReport } from './model.js'
import { misconfiguredKeys } from './model.js'
import { formatStateReason } from './state-reason.js'

export function buildOutputs(report: RunReport): Record<string, string> {
  const running = report.instances.filter(i => i.state === 'running').map(i => i.instanceId)
  const failed = report.instances.filter(i => i.outcome === 'failed').map(i => i.instanceId)
  const started = report.instances.filter(i => i.startedByThisStep).map(i => i.instanceId)
  // A key an instance started with anyway is usable, whatever the analysis said: AWS's behaviour wins.
  const misconfigured = report.offline
    ? []
    : misconfiguredKeys(report)
        .filter(k => !k.disagreement)
        .map(k => k.arn)
  const instances = report.instances.map(i => ({
    instanceId: i.instanceId,
    name: i.name ?? null,
    stateBefore: i.stateBefore,
    state: i.state,
    stateReason: formatStateReason(i.stateReason) || null,
    privateIp: i.privateIp ?? null,
    publicIp: i.publicIp ?? null,
    keys: i.keys
  }))
  return {
    'running-instance-ids': JSON.stringify(running),
    'failed-instance-ids': JSON.stringify(failed),
    'started-instance-ids': JSON.stringify(started),
    'misconfigured-key-ids': JSON.stringify(misconfigured),
    instances: JSON.stringify(instances)
  }
}
