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
  const blocking = new Set(run.misconfiguredKeyArns)
  // One entry per verdict, for a next step (or a dashboard) that needs more than the ARNs of the failing keys.
  const keyVerdicts = report.offline
    ? report.files.flatMap(f =>
        f.policies.map(p => ({
          file: f.file,
          line: p.line,
          name: p.name,
          verdict: p.verdict.verdict,
          finding: p.verdict.finding ?? null,
          deniedRequest: p.verdict.deniedRequest ?? null,
          blocks: p.status === 'misconfigured',
          reason: p.verdict.reason
        }))
      )
    : report.keys.map(k => ({
        keyArn: k.arn,
        alias: k.alias ?? null,
        verdict: k.verdict.verdict,
        finding: k.verdict.finding ?? null,
        deniedRequest: k.verdict.deniedRequest ?? null,
        blocks: blocking.has(k.arn),
        reason: k.verdict.reason,
        instances: k.instances
      }))
  return {
    'running-instance-ids': JSON.stringify(running),
    'failed-instance-ids': JSON.stringify(failed),
    'started-instance-ids': JSON.stringify(started),
    // A key an instance ran with after this step started it is usable, whatever the analysis said.
    'misconfigured-key-ids': JSON.stringify(run.misconfiguredKeyArns),
    instances: JSON.stringify(instances),
    'key-verdicts': JSON.stringify(keyVerdicts)
  }
}
