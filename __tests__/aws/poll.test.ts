import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  EC2Client,
  EC2ServiceException,
  StartInstancesCommand
} from '@aws-sdk/client-ec2'
import { toSnapshot } from '../../src/aws/instances.js'
import { startAndWait } from '../../src/aws/poll.js'
import { FAST_POLL_MS } from '../../src/aws/poll-schedule.js'
import { instance, KMS_STOP, ManualClock, reservations } from './ec2-mock.js'

const ec2Mock = mockClient(EC2Client)
const ec2 = new EC2Client({ region: 'us-east-1' })
const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'

beforeEach(() => {
  ec2Mock.reset()
})

describe('startAndWait', () => {
  it('starts stopped instances in one call, skips running ones and waits for running', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(instance(A, 'pending')))
      .resolves(reservations(instance(A, 'running')))
    const clock = new ManualClock()
    const result = await startAndWait(
      ec2,
      [toSnapshot(instance(A, 'stopped')), toSnapshot(instance(B, 'running'))],
      {
        waitFor: 'running',
        timeoutMs: 300_000,
        clock
      }
    )
    expect(ec2Mock.commandCalls(StartInstancesCommand).map(c => c.args[0].input.InstanceIds)).toEqual([[A]])
    // Only the instance in flight is polled, one call per poll.
    expect(ec2Mock.commandCalls(DescribeInstancesCommand).map(c => c.args[0].input.InstanceIds)).toEqual([
      [A],
      [A]
    ])
    const [a, b] = result.tracked
    expect(a).toMatchObject({
      phase: 'done',
      startedByUs: true,
      last: { state: 'running', publicIp: '203.0.113.5' }
    })
    expect(b).toMatchObject({ phase: 'done', startedByUs: false })
    expect(clock.sleeps).toEqual([2000, 2000])
  })

  it('reports the started IDs right after StartInstances, before any wait, for the post step', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock.on(DescribeInstancesCommand).rejects(
      new EC2ServiceException({
        name: 'UnauthorizedOperation',
        $fault: 'client',
        $metadata: {},
        message: 'no'
      })
    )
    const saved: string[][] = []
    await expect(
      startAndWait(ec2, [toSnapshot(instance(A, 'stopped')), toSnapshot(instance(B, 'running'))], {
        waitFor: 'running',
        timeoutMs: 300_000,
        clock: new ManualClock(),
        onStarted: ids => saved.push(ids)
      })
    ).rejects.toThrow(/DescribeInstances failed/)
    expect(saved).toEqual([[A]])
  })

  it('skips a poll that fails after the SDK retries, and goes on with the next one', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .rejectsOnce(
        new EC2ServiceException({
          name: 'InternalError',
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
          message: 'oops'
        })
      )
      .resolves(reservations(instance(A, 'running')))
    const events: string[] = []
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock: new ManualClock(),
      onEvent: e => events.push(e)
    })
    expect(result.tracked[0]).toMatchObject({ phase: 'done', startedByUs: true })
    expect(events).toContain(
      `! DescribeInstances failed for ${A}: InternalError (oops); trying again at the next poll`
    )
  })

  it('names the last failed poll when the wait times out', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock.on(DescribeInstancesCommand).rejects(
      new EC2ServiceException({
        name: 'InternalError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
        message: 'oops'
      })
    )
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'running',
      timeoutMs: 30_000,
      clock: new ManualClock()
    })
    expect(result.tracked[0].failure?.message).toMatch(
      /after 30 s; the last poll failed: DescribeInstances failed for .*InternalError/
    )
  })

  it('fails at once on pending -> stopped and records the StateReason (the silent KMS stop)', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolves(reservations(instance(A, 'stopped', { StateReason: KMS_STOP })))
    const clock = new ManualClock()
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock
    })
    expect(result.tracked[0]).toMatchObject({
      phase: 'failed',
      failure: { kind: 'stopped-after-start' },
      last: { stateReason: { code: 'Client.InternalError' } }
    })
    expect(result.tracked[0].failure?.message).toContain('Client error on launch')
    expect(clock.t).toBe(2000) // one poll, not the waiter's ten minutes
  })

  it('treats an unchanged stopped right after the start as a stale read, then believes it', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    const before = instance(A, 'stopped', {
      StateReason: { Code: 'Client.UserInitiatedShutdown', Message: 'x' }
    })
    ec2Mock.on(DescribeInstancesCommand).resolves(reservations(before))
    const clock = new ManualClock()
    const result = await startAndWait(ec2, [toSnapshot(before)], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock
    })
    expect(result.tracked[0].phase).toBe('failed')
    expect(clock.t).toBeGreaterThanOrEqual(10_000)
    expect(clock.t).toBeLessThan(20_000)
  })

  it('judges a stale read against the state just before the start, not the state the step first saw', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    const stopped = instance(A, 'stopped', {
      StateReason: { Code: 'Client.UserInitiatedShutdown', Message: 'x' }
    })
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(stopped)) // stopping -> stopped: start it
      .resolvesOnce(reservations(stopped)) // stale read right after the start
      .resolves(reservations(instance(A, 'running')))
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopping'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock: new ManualClock()
    })
    expect(result.tracked[0]).toMatchObject({ phase: 'done', startedByUs: true })
  })

  it('waits out a stopping instance, then starts it', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(instance(A, 'stopping')))
      .resolvesOnce(reservations(instance(A, 'stopped')))
      .resolves(reservations(instance(A, 'running')))
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopping'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock: new ManualClock()
    })
    expect(ec2Mock.commandCalls(StartInstancesCommand)).toHaveLength(1)
    expect(result.tracked[0]).toMatchObject({ phase: 'done', startedByUs: true })
  })

  it('only waits for a pending target, and does not claim to have started it', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves(reservations(instance(A, 'running')))
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'pending'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock: new ManualClock()
    })
    expect(ec2Mock.commandCalls(StartInstancesCommand)).toHaveLength(0)
    expect(result.tracked[0]).toMatchObject({ phase: 'done', startedByUs: false })
  })

  it('times out with the last state, never sleeping past the deadline, at 2 s for two minutes, then 10 s', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock.on(DescribeInstancesCommand).resolves(reservations(instance(A, 'pending')))
    const clock = new ManualClock()
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'running',
      timeoutMs: 165_000,
      clock
    })
    expect(result.tracked[0]).toMatchObject({ phase: 'failed', failure: { kind: 'timeout' } })
    expect(result.tracked[0].failure?.message).toMatch(/still pending after 165 s/)
    expect(clock.t).toBe(165_000)
    // 60 polls at 2 s fill the first two minutes; then 10 s, and the last sleep ends at the deadline.
    expect(clock.sleeps.slice(0, 60)).toEqual(Array(60).fill(FAST_POLL_MS))
    expect(clock.sleeps.slice(60)).toEqual([10_000, 10_000, 10_000, 10_000, 5_000])
  })

  it('sees running within one 2 s poll for boots of 5 to 40 s (no widening gaps)', async () => {
    for (const bootS of [5, 10, 14, 25, 40]) {
      ec2Mock.reset()
      const clock = new ManualClock()
      ec2Mock.on(StartInstancesCommand).resolves({})
      ec2Mock
        .on(DescribeInstancesCommand)
        .callsFake(() => reservations(instance(A, clock.t >= bootS * 1000 ? 'running' : 'pending')))
      const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
        waitFor: 'running',
        timeoutMs: 300_000,
        clock
      })
      expect(result.tracked[0].phase).toBe('done')
      const late = (result.tracked[0].reachedAt ?? NaN) - bootS * 1000
      expect(late).toBeGreaterThanOrEqual(0)
      expect(late).toBeLessThan(FAST_POLL_MS)
      expect(new Set(clock.sleeps)).toEqual(new Set([FAST_POLL_MS]))
      // One DescribeInstances per 2 s, nothing more.
      expect(ec2Mock.commandCalls(DescribeInstancesCommand)).toHaveLength(Math.ceil(bootS / 2))
    }
  })

  it('reports a silent stop at 37 s within one poll', async () => {
    const clock = new ManualClock()
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .callsFake(() =>
        reservations(
          clock.t >= 37_000
            ? instance(A, 'stopped', { StateReason: KMS_STOP, StateTransitionReason: 'Client.InternalError' })
            : instance(A, 'pending')
        )
      )
    const events: string[] = []
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock,
      onEvent: e => events.push(e)
    })
    expect(result.tracked[0]).toMatchObject({ phase: 'failed', failure: { kind: 'stopped-after-start' } })
    expect(clock.t - 37_000).toBeLessThan(FAST_POLL_MS)
    expect(events.some(e => e.startsWith(`✗ ${A} went pending -> stopped`))).toBe(true)
  })

  it('backs off while AWS throttles the polls, and returns to 2 s after a poll succeeds', async () => {
    const throttled = () =>
      new EC2ServiceException({
        name: 'RequestLimitExceeded',
        $fault: 'client',
        $metadata: { httpStatusCode: 503 },
        message: 'Request limit exceeded.'
      })
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(instance(A, 'pending')))
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolvesOnce(reservations(instance(A, 'pending')))
      .resolves(reservations(instance(A, 'running')))
    const clock = new ManualClock()
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'running',
      timeoutMs: 300_000,
      clock
    })
    expect(result.tracked[0].phase).toBe('done')
    // 2 s, a success; five throttled polls in a row: 4, 8, 16, 30 (the cap), 30; a success: back to 2 s.
    expect(clock.sleeps).toEqual([2000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 2000])
  })

  it('wait-for none returns right after StartInstances without polling', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    const clock = new ManualClock()
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'none',
      timeoutMs: 60_000,
      clock
    })
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)).toHaveLength(0)
    expect(result.tracked[0]).toMatchObject({ phase: 'done', startedByUs: true })
    expect(clock.t).toBe(0)
  })

  it('wait-for status-ok waits for both status checks, batching DescribeInstanceStatus', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock.on(DescribeInstancesCommand).resolves(reservations(instance(A, 'running')))
    ec2Mock
      .on(DescribeInstanceStatusCommand)
      .resolvesOnce({
        InstanceStatuses: [
          { InstanceId: A, InstanceStatus: { Status: 'initializing' }, SystemStatus: { Status: 'ok' } }
        ]
      })
      .resolves({
        InstanceStatuses: [
          { InstanceId: A, InstanceStatus: { Status: 'ok' }, SystemStatus: { Status: 'ok' } }
        ]
      })
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'status-ok',
      timeoutMs: 60_000,
      clock: new ManualClock()
    })
    expect(result.tracked[0]).toMatchObject({ phase: 'done', statusChecks: { instance: 'ok', system: 'ok' } })
    expect(ec2Mock.commandCalls(DescribeInstanceStatusCommand)[0].args[0].input).toEqual({
      InstanceIds: [A],
      IncludeAllInstances: true
    })
  })

  it('fails an instance whose status checks are impaired', async () => {
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock.on(DescribeInstancesCommand).resolves(reservations(instance(A, 'running')))
    ec2Mock.on(DescribeInstanceStatusCommand).resolves({
      InstanceStatuses: [
        { InstanceId: A, InstanceStatus: { Status: 'impaired' }, SystemStatus: { Status: 'ok' } }
      ]
    })
    const result = await startAndWait(ec2, [toSnapshot(instance(A, 'stopped'))], {
      waitFor: 'status-ok',
      timeoutMs: 60_000,
      clock: new ManualClock()
    })
    expect(result.tracked[0]).toMatchObject({ phase: 'failed', failure: { kind: 'status-impaired' } })
  })

  it('polls 1000+ instances with one DescribeInstances per 1000 IDs', async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`)
    ec2Mock.on(StartInstancesCommand).resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .callsFake(input => reservations(...(input.InstanceIds as string[]).map(id => instance(id, 'running'))))
    const result = await startAndWait(
      ec2,
      ids.map(id => toSnapshot(instance(id, 'stopped'))),
      {
        waitFor: 'running',
        timeoutMs: 60_000,
        clock: new ManualClock()
      }
    )
    expect(result.tracked.every(t => t.phase === 'done')).toBe(true)
    expect(
      ec2Mock.commandCalls(DescribeInstancesCommand).map(c => c.args[0].input.InstanceIds?.length)
    ).toEqual([1000, 500])
    expect(ec2Mock.commandCalls(StartInstancesCommand).map(c => c.args[0].input.InstanceIds?.length)).toEqual(
      [250, 250, 250, 250, 250, 250]
    )
  })
})
