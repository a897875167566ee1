// The SDK retry policy for this action. Throttling deserves patience: EC2's StartInstances bucket is only 5 deep
// (how-ec2-uses-kms.md 5), so 10 attempts with backoff from 500 ms. Other retryable errors get 3 attempts: a 500
// InsufficientInstanceCapacity on one instance of a batch is answered by bisecting the batch, and ten backoffs at
// every level of the bisection would cost minutes.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'

export const THROTTLING_ATTEMPTS = 10
export const OTHER_ATTEMPTS = 3
const THROTTLING_BASE_MS = 500
const BASE_MS = 100
const MAX_DELAY_MS = 20_000

function token(retryCount: number, delayMs: number): RetryToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delayMs }
}

export class ActionRetryStrategy implements RetryStrategyV2 {
  constructor(
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0, 0)
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const throttled = info.errorType === 'THROTTLING'
    const limit = throttled ? THROTTLING_ATTEMPTS : OTHER_ATTEMPTS
    const attemptsSoFar = previous.getRetryCount() + 1
    // The SDK rethrows the original error when no token is given.
    if (info.errorType === 'CLIENT_ERROR' || attemptsSoFar >= limit) throw new Error('no retry')
    const cap = Math.min(
      MAX_DELAY_MS,
      (throttled ? THROTTLING_BASE_MS : BASE_MS) * 2 ** previous.getRetryCount()
    )
    let delay = this.random() * cap // full jitter, as the SDK's standard strategy
    const hint = info.retryAfterHint?.getTime()
    if (hint !== undefined) delay = Math.max(delay, Math.min(hint - this.now(), cap + 5_000))
    return token(attemptsSoFar, delay)
  }

  recordSuccess(): void {}
}
