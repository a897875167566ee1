import { describe, expect, it } from '@jest/globals'
import type { RetryErrorType, RetryToken } from '@smithy/types'
import { ActionRetryStrategy, OTHER_ATTEMPTS, THROTTLING_ATTEMPTS } from '../../src/aws/retry.js'

/** How many attempts the SDK would make for one error type, and the delays between them. */
async function attempts(errorType: RetryErrorType, strategy = new ActionRetryStrategy(() => 1)) {
  let token: RetryToken = await strategy.acquireInitialRetryToken()
  const delays: number[] = []
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType })
      delays.push(token.getRetryDelay())
    } catch {
      return { made: delays.length + 1, delays }
    }
  }
}

describe('ActionRetryStrategy', () => {
  it('gives throttling 10 attempts with backoff from 500 ms, capped at 20 s', async () => {
    const { made, delays } = await attempts('THROTTLING')
    expect(made).toBe(THROTTLING_ATTEMPTS)
    expect(delays.slice(0, 4)).toEqual([500, 1000, 2000, 4000])
    expect(Math.max(...delays)).toBe(20_000)
  })

  it('gives server and transient errors 3 attempts, so a bisected batch does not wait out ten backoffs', async () => {
    expect((await attempts('SERVER_ERROR')).made).toBe(OTHER_ATTEMPTS)
    expect((await attempts('TRANSIENT')).delays).toEqual([100, 200])
  })

  it('never retries a client error', async () => {
    expect((await attempts('CLIENT_ERROR')).made).toBe(1)
  })

  it('uses full jitter and honours a Retry-After hint', async () => {
    const jittered = new ActionRetryStrategy(
      () => 0.25,
      () => 0
    )
    const first = await jittered.acquireInitialRetryToken()
    expect(
      (await jittered.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' })).getRetryDelay()
    ).toBe(125)
    const hinted = await jittered.refreshRetryTokenForRetry(first, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(3000)
    })
    expect(hinted.getRetryDelay()).toBe(3000)
  })
})
