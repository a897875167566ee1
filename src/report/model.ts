// The facts of a run as data. src/report/findings.ts turns them into findings; the job summary, the annotations
// and the outputs render those.
import type { KeyVerdict } from '../kms/types.js'
import type { FailureKindCode } from './links.js'

export type InstanceOutcome = 'running' | 'status-ok' | 'start-requested' | 'failed' | 'checked'

export interface InstanceReport {
  instanceId: string
  /** The region and account of its (account, region) pair (account: when known). */
  region?: string
  account?: string
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
  /** With fix: apply, why this key was not edited (a Deny, a disabled key, someone else's key). */
  applyRefusal?: string
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

/** One (account, region) pair of a run over several (regions, role-to-assume). */
export interface PairReport {
  region: string
  account?: string
  roleArn?: string
  caller?: string
  instances: number
  running: number
  failed: number
  keys: number
  /** The error that ended this pair early first, then its other problems; any fails the step. */
  problems: string[]
  durationMs: number
}

export interface RunReport {
  mode: 'start' | 'check'
  offline: boolean
  region: string
  waitFor: string
  fix: string
  caller?: string
  /** How filters selected the instances: "group 1: tag:env=ci AND tag:team=qa; group 2: tag:role=db". */
  filters?: string
  /** With several (account, region) pairs: one entry each, in input order. */
  pairs?: PairReport[]
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
