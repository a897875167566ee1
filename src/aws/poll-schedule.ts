// How long the poller waits before its next DescribeInstances. EC2 instances usually reach `running` 10 to 40 s
// after StartInstances, so a growing schedule leaves its widest gaps exactly where the success comes. One call covers
// the whole fleet (up to 1000 IDs), so 2 s costs one request per 2 s, far inside EC2's describe quotas
// (how-ec2-uses-kms.md 5): the poller stays at 2 s for a stated time, and backs off only after it, or when AWS
// throttles the polls.

/** The interval while instances boot: a success or a silent stop is seen within 2 s of EC2 showing it. */
export const FAST_POLL_MS = 2000
/** How long the poller stays at FAST_POLL_MS after the wait began: far beyond a usual boot. */
export const FAST_PHASE_MS = 120_000
/** The interval after FAST_PHASE_MS, for instances (or status checks) that take minutes. */
export const SLOW_POLL_MS = 10_000
/** The longest wait between polls while AWS keeps throttling them. */
export const MAX_THROTTLED_POLL_MS = 30_000

export interface PollPace {
  /** Milliseconds since the wait began (after the first StartInstances was sent). */
  elapsedMs: number
  /** Polls in a row that failed with throttling after the SDK's own retries; 0 after a poll that succeeded. */
  throttledPolls: number
}

/** The delay before the next poll: 2 s for two minutes, then 10 s; doubled per throttled poll in a row. */
export function nextPollDelayMs(pace: PollPace): number {
  const base = pace.elapsedMs < FAST_PHASE_MS ? FAST_POLL_MS : SLOW_POLL_MS
  if (pace.throttledPolls <= 0) return base
  return Math.min(MAX_THROTTLED_POLL_MS, Math.max(base, FAST_POLL_MS * 2 ** pace.throttledPolls))
}
