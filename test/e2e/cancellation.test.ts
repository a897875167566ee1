// A cancelled job: the runner sends SIGTERM to the main step while StartInstances is in flight. The post step must
// still stop what this step started, and only that.
import { afterEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { startFake, type Fake, type Scenario } from './fake/server.mjs'
import { runAction } from './harness.js'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const C = 'i-0ccccccccccccccc3'

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const scenario: Scenario = {
  instances: [
    { id: A, name: 'ci-1', state: 'stopped', bootMs: 300 },
    { id: B, name: 'ci-2', state: 'stopped', bootMs: 300 },
    { id: C, name: 'already-up', state: 'running' }
  ]
}

/** Sends SIGTERM to the step as soon as the fake has received (and is holding) a StartInstances. */
function terminateDuringStart(f: Fake) {
  return (child: ChildProcess) => {
    const timer = setInterval(() => {
      if (f.log.some(e => e.action === 'StartInstances' && e.held)) {
        clearInterval(timer)
        child.kill('SIGTERM')
      }
    }, 10)
    child.on('close', () => clearInterval(timer))
  }
}

const stops = (f: Fake) => f.log.filter(e => e.action === 'StopInstances')
const stopped = (f: Fake) => stops(f).flatMap(e => Object.values(e.params).filter(v => /^i-/.test(String(v))))

describe('SIGTERM while StartInstances is in flight', () => {
  it('saves the instances being started first, and the post step stops exactly those that launched since', async () => {
    const f = (fake = await startFake(scenario, { faults: [{ action: 'StartInstances', kind: 'hang' }] }))
    const inputs = { 'instance-ids': `${A} ${B} ${C}`, fix: 'off', 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: f.env(), onSpawn: terminateDuringStart(f) })
    expect(main.code).not.toBe(0) // killed by the signal
    // The fake performed the held call: both instances are starting although the step never saw the answer.
    expect(
      f.state.instances.filter(i => i.id !== C).every(i => ['pending', 'running'].includes(i.state))
    ).toBe(true)
    expect(JSON.parse(main.state['starting-instance-ids'])).toEqual([A, B])
    expect(Number(main.state['step-began-at'])).toBeGreaterThan(0)
    expect(stops(f)).toEqual([])

    f.setFaults([])
    const post = await runAction({ inputs, env: f.env(), state: main.state })
    expect(post.code).toBe(0)
    expect(stops(f)).toHaveLength(1)
    expect(stopped(f).sort()).toEqual([A, B])
    expect(stopped(f)).not.toContain(C)
    expect(post.summary).toContain('Stopped the 2 instance(s) this job started')
    expect(f.state.instances.find(i => i.id === C)?.state).toBe('running')
  })

  it('the post step leaves alone an instance being started that launched before the step began', async () => {
    const f = (fake = await startFake(scenario))
    // As if someone else had started C long before this job: its LaunchTime is 2026-01-01.
    const state = {
      isPost: 'true',
      region: 'us-east-1',
      'step-began-at': String(Date.now()),
      'starting-instance-ids': JSON.stringify([C, A])
    }
    const post = await runAction({
      inputs: { 'instance-ids': C, 'stop-on-post': 'true' },
      env: f.env(),
      state
    })
    expect(post.code).toBe(0)
    expect(f.log.map(e => e.action)).toEqual(['DescribeInstances'])
    expect(post.stdout).toContain(
      `${C} was being started when the main step ended; not stopped: it is running, launched at 2026-01-01T00:00:00.000Z, before this step began`
    )
    expect(post.stdout).toContain(
      `${A} was being started when the main step ended; not stopped: it is stopped`
    )
    expect(f.state.instances.find(i => i.id === C)?.state).toBe('running')
  })
})
