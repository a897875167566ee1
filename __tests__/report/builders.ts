// Reports for the renderer tests: the facts of a run, as src/live.ts and src/offline/ build them.
import { buildAnnotations } from '../../src/report/annotations.js'
import { buildFindings } from '../../src/report/findings.js'
import type { InstanceReport, KeyReport, RunReport } from '../../src/report/model.js'
import { buildOutputs } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/summary.js'

export function report(over: Partial<RunReport> = {}): RunReport {
  return {
    mode: 'start',
    offline: false,
    region: 'us-east-1',
    waitFor: 'running',
    fix: 'suggest',
    instances: [],
    keys: [],
    files: [],
    problems: [],
    warnings: [],
    durationMs: 1234,
    polls: 2,
    ...over
  }
}

export function inst(id: string, over: Partial<InstanceReport> = {}): InstanceReport {
  return {
    instanceId: id,
    stateBefore: 'stopped',
    state: 'running',
    startedByThisStep: true,
    outcome: 'running',
    keys: [],
    ...over
  }
}

export function stopped(id: string, keyArn: string, over: Partial<InstanceReport> = {}): InstanceReport {
  return inst(id, {
    outcome: 'failed',
    state: 'stopped',
    failure: `${id} went pending -> stopped (Client.InternalError: Client error on launch)`,
    failureKind: 'stopped-after-start',
    stateReason: { code: 'Client.InternalError', message: 'Client.InternalError: Client error on launch' },
    keys: [keyArn],
    ...over
  })
}

export function key(n: number, over: Partial<KeyReport> = {}): KeyReport {
  return {
    arn: `arn:aws:kms:us-east-1:111122223333:key/${n}`,
    manager: 'CUSTOMER',
    state: 'Enabled',
    accountId: '111122223333',
    verdict: {
      verdict: 'DENY_IMPLICIT',
      usable: false,
      reason: 'nothing allows it',
      missingPermission: 'kms:CreateGrant'
    },
    status: 'misconfigured',
    instances: ['i-12345678'],
    volumes: ['vol-1'],
    ...over
  }
}

/** Every renderer of one report, as publishReport runs them. */
export function render(r: RunReport) {
  const run = buildFindings(r)
  const plan = buildAnnotations(run)
  return { run, plan, outputs: buildOutputs(r, run), html: renderSummary(r, run, plan) }
}
