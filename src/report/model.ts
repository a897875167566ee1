// The run's result as data. The job summary, the annotations and the outputs are three renderers of it.
import type { KeyVerdict } from '../kms/types.js'
import type { FailureKindCode } from './links.js'

export type InstanceOutcome = 'running' | 'status-ok' | 'start-requested' | 'failed' | 'checked'

export interface InstanceReport {
  instanceId: string
  name?: string
  stateBefore: string
  state: string
  stateReason?: { code?: string; message?: string }
  privateIp?: string
  publicIp?: string
  startedByThisStep: boolean
  outcome: InstanceOutcome
  /** Seconds from the step's start call (or its first look) to the target state. */
  secondsToState?: number
  /** Why it did not reach the target state, in one line. */
  failure?: string
  /** How it failed (poller's failure kind), for the troubleshooting link. */
  failureKind?: FailureKindCode
  /** ARNs of the KMS keys of its encrypted volumes. */
  keys: string[]
}

export type KeyStatus = 'ok' | 'misconfigured' | 'unverified'
export type IamSimulation = 'allowed' | 'implicitDeny' | 'explicitDeny' | 'unavailable'

export interface FixReport {
  /** Where the statement goes: the key policy, or the caller's IAM identity policy. */
  target: 'key-policy' | 'iam-policy'
  sid: string
  statement: Record<string, unknown>
  /** With fix: apply, what happened to the key policy. */
  applied?: {
    outcome: 'added' | 'already-present' | 'refused' | 'failed'
    detail: string
    verdictAfter?: string
  }
}

export interface KeyReport {
  arn: string
  alias?: string
  manager: string
  state: string
  accountId: string
  verdict: KeyVerdict
  status: KeyStatus
  iamSimulation?: IamSimulation
  instances: string[]
  volumes: string[]
  fix?: FixReport
  /** Set when the key looked misconfigured but its instance ran anyway: the verdict disagrees with AWS. */
  disagreement?: string
}

export interface PolicyFileReport {
  file: string
  format?: string
  skipped?: string
  error?: string
  policies: Array<{
    name: string
    line: number
    verdict: KeyVerdict
    status: KeyStatus
    decidingLine?: number
    unresolved: string[]
    fix?: FixReport
  }>
}

export interface RunReport {
  mode: 'start' | 'check'
  offline: boolean
  region: string
  waitFor: string
  fix: string
  caller?: string
  instances: InstanceReport[]
  keys: KeyReport[]
  files: PolicyFileReport[]
  /** Problems that are not tied to one instance or key (e.g. a glob that matched nothing); they fail the step. */
  problems: string[]
  /** Things the user should know that do not fail the step (e.g. the IAM side could not be simulated). */
  warnings: string[]
  durationMs: number
  polls: number
}

/** A report with nothing in it yet, for the inputs of this run. */
export function newRunReport(inputs: {
  mode: 'start' | 'check'
  offline: boolean
  region: string
  waitFor: string
  fix: string
}): RunReport {
  return {
    mode: inputs.mode,
    offline: inputs.offline,
    region: inputs.region,
    waitFor: inputs.waitFor,
    fix: inputs.fix,
    instances: [],
    keys: [],
    files: [],
    problems: [],
    warnings: [],
    durationMs: 0,
    polls: 0
  }
}

export function misconfiguredKeys(report: RunReport): KeyReport[] {
  return report.keys.filter(k => k.status === 'misconfigured')
}

export function failedInstances(report: RunReport): InstanceReport[] {
  return report.instances.filter(i => i.outcome === 'failed')
}

/** Whether the step fails, per the README, "Exit behaviour". */
export function stepFailed(report: RunReport): boolean {
  if (report.problems.length > 0) return true
  if (report.offline)
    return report.files.some(f => f.error || f.policies.some(p => p.status === 'misconfigured'))
  if (report.mode === 'check') return misconfiguredKeys(report).length > 0
  return failedInstances(report).length > 0
}

export function headline(report: RunReport): string {
  if (report.offline) {
    const policies = report.files.flatMap(f => f.policies)
    const bad = policies.filter(p => p.status === 'misconfigured').length
    const broken = report.files.filter(f => f.error).length
    return bad + broken + report.problems.length === 0
      ? `All ${policies.length} key policies let EC2 use the key for ${report.caller ?? 'the principal'}.`
      : `${bad} of ${policies.length} key policies would stop EC2 from using the key${broken ? `; ${broken} file(s) could not be read` : ''}.`
  }
  // A live run with a problem (a fatal error, a timed-out or unreadable check) is about that problem, never "All ...".
  if (report.problems.length > 0) {
    const more = report.problems.length - 1
    return more === 0 ? report.problems[0] : `${report.problems[0]} (and ${more} more problem(s))`
  }
  const bad = misconfiguredKeys(report).length
  if (report.mode === 'check') {
    return bad === 0
      ? `All ${report.keys.length} KMS key(s) of ${report.instances.length} instance(s) are usable by EC2 for this caller.`
      : `${bad} of ${report.keys.length} KMS key(s) would make instances silently stop on start.`
  }
  const failed = failedInstances(report).length
  const total = report.instances.length
  if (failed === 0) {
    const target =
      report.waitFor === 'none'
        ? 'were started or already running'
        : report.waitFor === 'status-ok'
          ? 'passed their status checks'
          : 'are running'
    return `All ${total} instance(s) ${target}.`
  }
  return `${failed} of ${total} instance(s) did not reach ${report.waitFor === 'status-ok' ? 'status ok' : 'running'}.`
}
