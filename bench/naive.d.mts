// Types of bench/naive.mjs (the implementation is plain JS).

export interface NaiveSpec {
  n: number
  keys: number
  badKeyEvery?: number
  latencyMs?: number
  bootMs?: number
  /** Real seconds the waiters run before they are aborted (default 31: checks at 0, 15 and 30 s). */
  observeS?: number
}

export interface NaiveResult {
  spec: NaiveSpec & { latencyMs: number; bootMs: number; observeS: number }
  startCalls: number
  describeCalls: number
  /** Instance IDs in one DescribeInstances call (the waiter is run per instance: 1). */
  maxIdsPerCall: number
  checksPerGoodInstance: number
  checksPerBadInstance: number
  goodSucceededAtMs: number | null
  /** Waiter states at the end: SUCCESS for healthy instances, ABORTED (still retrying) for stopped ones. */
  goodStates: string[]
  badStates: string[]
  /** What the fake showed for the stopped instances while the waiter kept retrying. */
  badLastSeen: string[]
  badInstances: number
  observedMs: number
}

export interface NaiveProjection {
  describeCalls: number
  totalCalls: number
  wallS: number
  /** Seconds until the waiter gives up on a stopped instance (it times out; it never names the cause). */
  detectS: number | null
}

export const WAITER: { delayS: number; maxWaitS: number }
export const OBSERVE_S: number
export function runNaive(spec: NaiveSpec): Promise<NaiveResult>
export function projectNaive(shape: { n: number; bad: number; bootMs: number }): NaiveProjection
