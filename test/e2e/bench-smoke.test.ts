// CI smoke of the benchmark: the bench's own runner (bundled action against the fake) on N = 100 instances
// over K = 10 keys, one key in ten misconfigured. Asserts the call counts exactly; wall time is not asserted.
import { describe, expect, it } from '@jest/globals'
import { checkTargets, runScenario } from '../../bench/runner.mjs'
import { PEERS, runTool, summarisePeers } from '../../bench/peers.mjs'
import { peersMarkdown, peersTargets } from '../../bench/peers-report.mjs'

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

describe('bench smoke: the comparison with the alternatives (bench/peers.mjs)', () => {
  it('runs the action and the plain SDK script on a time-driven boot, and renders their ratios', async () => {
    // Running at the first poll: the SDK waiter's first check succeeds, so neither waits 15 s.
    const [action, sdk] = await Promise.all([
      runTool({ tool: 'action', bootMs: 0 }),
      runTool({ tool: 'sdk', bootMs: 0 })
    ])
    for (const r of [action, sdk]) {
      expect(r.code).toBe(0)
      expect(r.killed).toBe(false)
      expect(r.startMs).toBeGreaterThan(0)
      expect(r.runningToExitMs).not.toBeNull()
      expect(r.peakRssMb).toBeGreaterThan(20)
    }
    // The SDK script: StartInstances and one DescribeInstances per check; the action also diagnoses the key.
    expect(sdk.calls).toBeGreaterThanOrEqual(2)
    expect(action.calls).toBeGreaterThan(sdk.calls)

    // A silent stop 1 s after the start (bootMs/4): the action reports it within a poll, with its key.
    const silent = await runTool({ tool: 'action', bootMs: 4000, bad: true, observeMs: 30_000 })
    expect(silent.code).not.toBe(0)
    expect(silent.stoppedToReportMs).not.toBeNull()
    expect(silent.stoppedToReportMs).toBeLessThanOrEqual(2000 + 500)
    expect(silent.reportNamesKey).toBe(true)

    const node = action.node
    const summary = summarisePeers({
      settings: { ...PEERS, bootsS: [0], cli: null, runtimes: [node] },
      boots: [action, sdk],
      cold: [action, sdk],
      silent: [silent]
    })
    expect(summary.boots[0].byTool.action.exitAfterRunningMs).toBe(action.runningToExitMs)
    const targets = peersTargets(summary, { runtimes: [node] })
    const start = targets.find(t => t.target.startsWith('spawn → StartInstances'))
    expect(start?.measured).toContain(`${(Number(action.startMs) / Number(sdk.startMs)).toFixed(2)}×`)
    const md = peersMarkdown({ settings: { ...PEERS, bootsS: [0], cli: null, runtimes: [node] }, summary })
    expect(md).toContain('### Targets of issue 12')
    expect(md).toContain('| ec2-start-guard | ')
  })
})
