// CI smoke of the benchmark: the bench's own runner (bundled action against the fake) on N = 100 instances
// over K = 10 keys, one key in ten misconfigured. Asserts the call counts exactly; wall time is not asserted.
import { describe, expect, it } from '@jest/globals'
import { checkTargets, runScenario } from '../../bench/runner.mjs'

const N = 100
const K = 10
// fleet(): instance i uses key i % K, and key K-1 is the bad one, so instances 9, 19, ..., 99 fail.
const badIds = Array.from({ length: N }, (_, i) => i)
  .filter(i => i % K === K - 1)
  .map(i => `i-0${i.toString(16).padStart(16, '0')}`)

describe('bench smoke: N=100, K=10, one bad key in ten', () => {
  it('makes the expected number of AWS calls and reports the bad-key instances as failed', async () => {
    // A short boot keeps the test at a few seconds; the call counts do not depend on it.
    const r = await runScenario({ name: 'smoke', n: N, keys: K, badKeyEvery: 10, bootMs: 1000 })
    const calls = (api: string) => r.calls[api]?.calls ?? 0

    expect(r.pollRounds.length).toBeGreaterThan(0)
    expect(r.pollRounds.every(perPoll => perPoll === 1)).toBe(true)
    expect(calls('DescribeVolumes')).toBe(1)
    expect(calls('DescribeKey')).toBe(10)
    expect(calls('GetKeyPolicy')).toBe(10)
    expect(calls('StartInstances')).toBe(1)
    expect(r.throttledCalls).toBe(0)

    expect(r.code).toBe(1)
    expect([...r.failed].sort()).toEqual(badIds)
    expect(JSON.parse(r.outputs['failed-instance-ids']).sort()).toEqual(badIds)
    expect(r.running).toHaveLength(N - badIds.length)
    expect(r.correct).toBe(true)

    const failedChecks = checkTargets(r).filter(
      c => !c.pass && !['cold-start', 'stopped-to-exit'].includes(c.id)
    )
    expect(failedChecks).toEqual([])
  })
})
