// Types of bench/runner.mjs for the TypeScript smoke test (the implementation is plain JS).

export interface RunSpec {
  /** Label in the tables, e.g. N100-K10-bad. */
  name: string
  /** Instances, all stopped at the start. */
  n: number
  /** Unique customer-managed KMS keys; instance i uses key i % keys. */
  keys: number
  /** Every k-th key is misconfigured (root-only policy, IAM does not allow kms:CreateGrant); 0 = none. */
  badKeyEvery?: number
  /** How the action is pointed at the fleet: the instance-ids input, or filters: tag:bench=yes. */
  select?: 'ids' | 'filters'
  /** The fake throttles this share of all calls at random, seeded. */
  throttle?: { rate: number; seed: number }
  /** Per-call latency of the fake (default 50 ms). */
  latencyMs?: number
  /** Simulated boot time, pending -> running (default 3000 ms); failed starts are stopped at bootMs/2. */
  bootMs?: number
  /** The child is killed after this long (default 120 s). */
  timeoutMs?: number
}

export interface ApiCalls {
  /** Requests that reached the fake, throttled attempts included. */
  calls: number
  throttled: number
  /** Other error replies. */
  errors: number
  errorCodes: string[]
}

export interface RunResult {
  spec: Required<Pick<RunSpec, 'select' | 'badKeyEvery' | 'latencyMs' | 'bootMs'>> & RunSpec
  instances: number
  volumes: number
  uniqueKeys: number
  badKeys: number
  badInstances: number
  /** Exit code of node dist/index.js. */
  code: number
  /** The outputs list exactly the expected failed and running instances, and the exit code agrees. */
  correct: boolean
  /** The step outputs as written to GITHUB_OUTPUT. */
  outputs: Record<string, string>
  expected: { failed: string[]; running: string[] }
  failed: string[]
  running: string[]
  calls: Record<string, ApiCalls>
  totalCalls: number
  throttledCalls: number
  /** Successful DescribeInstances calls of each poll after StartInstances. */
  pollRounds: number[]
  /** Spawn to exit of the child. */
  wallMs: number
  /** Spawn to the fake receiving the first AWS request. */
  coldStartMs: number | null
  /** Spawn to the --import probe running in the child (Node's own boot). */
  nodeBootMs: number | null
  firstStartMs: number | null
  lastRunningToExitMs: number | null
  /** Child exit minus the last stoppedAt of an instance that failed after the start. */
  stoppedToExitMs: number | null
  /** The last stoppedAt to the first DescribeInstances that read the fleet after it. */
  stoppedToPollMs: number | null
  stoppedToReportMs: number | null
  peakRssMb: number | null
  cpuMs: number | null
  stderr: string
  stdoutTail: string
}

export interface TargetCheck {
  id: string
  target: string
  measured: string
  value: number
  pass: boolean
}

export const REPO: string
export const ACTION: string
export const DEFAULTS: { latencyMs: number; bootMs: number }
export const BATCH: { describeInstances: number; describeVolumes: number; startInstances: number }
export const MATRIX: RunSpec[]
export const QUICK: string[]
export function isThrottled(entry: { errorCode?: string }): boolean
export function callsByApi(
  log: { action: string; status: number; errorCode?: string }[]
): Record<string, ApiCalls>
export function pollRounds(log: { t: number; action: string; status: number; errorCode?: string }[]): number[]
export function runScenario(spec: RunSpec, options?: { action?: string }): Promise<RunResult>
export function checkTargets(result: RunResult): TargetCheck[]
