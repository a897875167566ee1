import { describe, expect, it } from '@jest/globals'
import {
  FAST_PHASE_MS,
  FAST_POLL_MS,
  MAX_THROTTLED_POLL_MS,
  nextPollDelayMs,
  SLOW_POLL_MS
} from '../../src/aws/poll-schedule.js'

describe('nextPollDelayMs', () => {
  it('polls every 2 s for the first two minutes, whatever the round', () => {
    for (const elapsedMs of [0, 1_999, 14_000, 40_000, FAST_PHASE_MS - 1])
      expect(nextPollDelayMs({ elapsedMs, throttledPolls: 0 })).toBe(FAST_POLL_MS)
  })

  it('backs off to 10 s only after two minutes', () => {
    expect(nextPollDelayMs({ elapsedMs: FAST_PHASE_MS, throttledPolls: 0 })).toBe(SLOW_POLL_MS)
    expect(nextPollDelayMs({ elapsedMs: 600_000, throttledPolls: 0 })).toBe(SLOW_POLL_MS)
  })

  it('doubles per throttled poll in a row, up to 30 s, and never goes below the base', () => {
    expect([1, 2, 3, 4, 5].map(throttledPolls => nextPollDelayMs({ elapsedMs: 0, throttledPolls }))).toEqual([
      4000,
      8000,
      16_000,
      MAX_THROTTLED_POLL_MS,
      MAX_THROTTLED_POLL_MS
    ])
    expect(nextPollDelayMs({ elapsedMs: FAST_PHASE_MS, throttledPolls: 1 })).toBe(SLOW_POLL_MS)
    expect(nextPollDelayMs({ elapsedMs: FAST_PHASE_MS, throttledPolls: 3 })).toBe(16_000)
  })
})
