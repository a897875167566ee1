// The step outputs (README, "Outputs"), as JSON strings, rendered from the report and its findings.
import type { RunFindings } from './findings.js'
import type { RunReport } from './model.js'
import { formatStateReason } from './state-reason.js'

export function buildOutputs(report: RunReport, run: RunFindings): Record<string, string> {
  const running = report.instances.filter(i => i.state === 'running').map(i => i.instanceId)
  const failed = report.instances.filter(i => i.outcome === 'failed').map(i => i.instanceId)
  const started = report.instances.filter(i => i.startedByThisStep).map(i => i.instanceId)
  const instances = report.instances.map(i => ({
    instanceId: i.instanceId,
    region: i.region ?? report.region,
    account: i.account ?? null,
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
    // A key an instance ran with after this step started it is usable, whatever the analysis said.
    'misconfigured-key-ids': JSON.stringify(run.misconfiguredKeyArns),
    instances: JSON.stringify(instances)
  }
}
