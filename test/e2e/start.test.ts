// The start path through the bundled action against the fake AWS endpoint.
import { afterEach, describe, expect, it } from '@jest/globals'
import { policies, startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { ACCOUNT } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const C = 'i-0ccccccccccccccc3'
const keyArn = (id: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`
const ROOT_ONLY = '2345bcde-23bc-45de-67f0-234567890abc'

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(scenario: Scenario, options = {}) {
  fake = await startFake(scenario, options)
  return fake
}

const mutating = (f: Fake) => f.log.filter(e => /^(Start|Stop|Put)/.test(e.action))

describe('mode start', () => {
  it('starts the stopped instances in one call, skips the running one, and outputs their IPs', async () => {
    const f = await start({
      instances: [
        { id: A, name: 'web-1', state: 'stopped', privateIp: '10.0.0.11' },
        { id: B, name: 'web-2', state: 'stopped', privateIp: '10.0.0.12' },
        { id: C, name: 'cache', state: 'running', privateIp: '10.0.0.13' }
      ]
    })
    const run = await runAction({ inputs: { 'instance-ids': `${A}, ${B}\n${C}` }, env: f.env() })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A, B, C])
    expect(json(run.outputs['started-instance-ids'])).toEqual([A, B])
    expect(json(run.outputs['failed-instance-ids'])).toEqual([])
    const instances = json<Array<Record<string, unknown>>>(run.outputs.instances)
    expect(instances[0]).toMatchObject({
      instanceId: A,
      name: 'web-1',
      stateBefore: 'stopped',
      state: 'running',
      privateIp: '10.0.0.11'
    })
    expect(instances[0].publicIp).toEqual(expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/))
    expect(instances[2]).toMatchObject({ instanceId: C, stateBefore: 'running', state: 'running' })
    const starts = f.log.filter(e => e.action === 'StartInstances')
    expect(starts).toHaveLength(1)
    expect(Object.values(starts[0].params).sort()).toEqual(expect.arrayContaining([A, B]))
    expect(JSON.stringify(starts[0].params)).not.toContain(C)
    expect(run.summary).toContain('✅ 3 instances: 3 running, 0 failed')
    expect(run.summary).toMatch(
      /<td>web-1<br><a [^>]+><code>i-0aaaaaaaaaaaaaaa1<\/code><\/a><\/td><td>stopped → running \(started, \d+\.\d s\)/
    )
    expect(run.annotations.filter(a => a.level === 'error')).toEqual([])
  })

  it('catches the silent pending -> stopped within seconds, with StateReason and one error annotation', async () => {
    const f = await start({
      instances: [
        { id: A, name: 'build-2', state: 'stopped', volumeIds: ['vol-0a00000000000002a'], bootMs: 600 }
      ],
      volumes: [{ id: 'vol-0a00000000000002a', encrypted: true, kmsKeyId: keyArn(ROOT_ONLY) }],
      keys: [
        {
          keyId: ROOT_ONLY,
          policy: policies.createKeyDefault(ACCOUNT)
        }
      ]
    })
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'off' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['failed-instance-ids'])).toEqual([A])
    expect(json(run.outputs['started-instance-ids'])).toEqual([A])
    expect(json(run.outputs['running-instance-ids'])).toEqual([])
    const stoppedAt = f.state.instances[0].stoppedAt as number
    expect(stoppedAt).not.toBeNull()
    const errors = run.annotations.filter(a => a.level === 'error')
    const instanceError = errors.find(a => a.properties.title === 'Instance stopped right after start')
    expect(instanceError?.message).toContain(A)
    expect(instanceError?.message).toContain('Client.InternalError')
    expect(instanceError?.message).toMatch(/See https:\/\/\S+TROUBLESHOOTING.md#stopped-after-start$/)
    expect(run.summary).toContain('Client.InternalError: Client error on launch')
    // The whole step, boot included, is over in seconds; the SDK waiter would spin for ten minutes.
    expect(run.durationMs).toBeLessThan(8000)
    const polls = f.log.filter(e => e.action === 'DescribeInstances').length
    expect(polls).toBeLessThanOrEqual(3)
  })

  it('adds filter matches to the IDs (union), ANDing filter lines', async () => {
    const f = await start({
      instances: [
        { id: A, state: 'stopped', tags: { env: 'ci', team: 'qa' } },
        { id: B, state: 'stopped', tags: { env: 'ci', team: 'web' } },
        { id: C, state: 'stopped', tags: { env: 'prod', team: 'qa' } }
      ]
    })
    const run = await runAction({
      inputs: { 'instance-ids': C, filters: 'tag:env=ci\ntag:team=qa,dev' },
      env: f.env()
    })
    expect(run.code).toBe(0)
    expect(json<string[]>(run.outputs['started-instance-ids']).sort()).toEqual([A, C].sort())
  })

  it('fails on a filter that matches nothing, naming it, before any start', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped', tags: { env: 'ci' } }] })
    const run = await runAction({ inputs: { filters: 'tag:env=nightly' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/::error title=ec2-start-guard::filters: no instance matches tag:env=nightly/)
    expect(mutating(f)).toEqual([])
  })

  it('rejects a malformed ID naming the input and value, with no AWS call at all', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped' }] })
    const run = await runAction({ inputs: { 'instance-ids': `${A},i-xyz` }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain(`::error title=ec2-start-guard::Bad input: Input 'instance-ids' has "i-xyz"`)
    expect(f.log).toEqual([])
  })

  it('names every bad value and every bad input in one error, with no AWS call at all', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped' }] })
    const run = await runAction({
      inputs: { 'instance-ids': 'i-123, not-an-id', filters: 'tag:env\ntag:team=qa', 'wait-for': 'ready' },
      env: f.env()
    })
    expect(run.code).not.toBe(0)
    const errors = run.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].message).toContain(`Input 'instance-ids' has "i-123" and "not-an-id"`)
    expect(errors[0].message).toContain(`Input 'filters': "tag:env" is not Name=Value1,Value2`)
    expect(errors[0].message).toContain(`Input 'wait-for' has "ready"`)
    expect(f.log).toEqual([])
  })

  it('fails on a well-formed ID that does not exist, naming it, with no mutating call', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped' }] })
    const run = await runAction({ inputs: { 'instance-ids': `${A} i-0deadbeefdeadbeef` }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/::error title=ec2-start-guard::.*i-0deadbeefdeadbeef/)
    expect(mutating(f)).toEqual([])
  })

  it('refuses terminated targets before starting anything (StartInstances is all-or-nothing)', async () => {
    const f = await start({
      instances: [
        { id: A, state: 'stopped' },
        { id: B, state: 'terminated' }
      ]
    })
    const run = await runAction({ inputs: { 'instance-ids': `${A},${B}` }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=ec2-start-guard::${B} \\(terminated\\) cannot be started; nothing was started`
      )
    )
    expect(mutating(f)).toEqual([])
  })

  it('survives throttling of StartInstances and DescribeInstances', async () => {
    const f = await start(
      { instances: [{ id: A, state: 'stopped' }] },
      { throttle: { firstN: 3, actions: ['StartInstances', 'DescribeInstances'] } }
    )
    const run = await runAction({ inputs: { 'instance-ids': A }, env: f.env() })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    expect(f.log.filter(e => e.errorCode === 'RequestLimitExceeded').length).toBe(3)
  })

  it('bisects a batch that fails on one instance without capacity, and starts the other seven', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `i-0${String(i + 1).repeat(16)}`)
    const f = await start({
      instances: ids.map((id, i) => ({ id, state: 'stopped', capacityError: i === 5 }))
    })
    const run = await runAction({ inputs: { 'instance-ids': ids.join(',') }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['failed-instance-ids'])).toEqual([ids[5]])
    expect(json<string[]>(run.outputs['running-instance-ids']).sort()).toEqual(
      ids.filter((_, i) => i !== 5).sort()
    )
    // 8 -> 4 -> 2 -> 1: seven calls, the failing ones tried 3 times each (a 500 is retried, but not ten times).
    const starts = f.log.filter(e => e.action === 'StartInstances')
    expect(starts.filter(e => e.status === 200)).toHaveLength(3)
    expect(starts.filter(e => e.errorCode === 'InsufficientInstanceCapacity')).toHaveLength(4 * 3)
    expect(run.stdout).toMatch(/StartInstances failed for i-0666666666666666\d: InsufficientInstanceCapacity/)
    expect(run.durationMs).toBeLessThan(15_000)
  })

  it('times out, failing with each unfinished instance and its last state', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped', bootMs: 120_000 }] })
    const run = await runAction({ inputs: { 'instance-ids': A, 'timeout-seconds': '3' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['failed-instance-ids'])).toEqual([A])
    expect(run.stdout).toMatch(/was still pending after 3 s/)
    expect(run.durationMs).toBeLessThan(7000)
  })

  it('wait-for none returns right after StartInstances, with the instance still pending', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped', bootMs: 30_000 }] })
    const run = await runAction({ inputs: { 'instance-ids': A, 'wait-for': 'none' }, env: f.env() })
    expect(run.code).toBe(0)
    expect(json(run.outputs['started-instance-ids'])).toEqual([A])
    expect(json(run.outputs['running-instance-ids'])).toEqual([])
    expect(f.log.filter(e => e.action === 'DescribeInstances')).toHaveLength(1) // the lookup, no poll
    expect(run.durationMs).toBeLessThan(3000)
  })

  it('wait-for status-ok waits for both status checks', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped', bootMs: 300, statusOkMs: 2500 }] })
    const run = await runAction({ inputs: { 'instance-ids': A, 'wait-for': 'status-ok' }, env: f.env() })
    expect(run.code).toBe(0)
    expect(f.log.some(e => e.action === 'DescribeInstanceStatus')).toBe(true)
    expect(run.summary).toContain('1 status ok, 0 failed')
  })
})

describe('stop-on-post', () => {
  it('stops exactly the instances this step started, never the ones already running', async () => {
    const f = await start({
      instances: [
        { id: A, state: 'stopped' },
        { id: B, state: 'running' }
      ]
    })
    const inputs = { 'instance-ids': `${A},${B}`, 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: f.env() })
    expect(main.code).toBe(0)
    expect(json(main.state['started-instance-ids'])).toEqual([A])
    const post = await runAction({ inputs, env: f.env(), state: main.state })
    expect(post.code).toBe(0)
    const stops = f.log.filter(e => e.action === 'StopInstances')
    expect(stops).toHaveLength(1)
    expect(Object.values(stops[0].params)).toContain(A)
    expect(JSON.stringify(stops[0].params)).not.toContain(B)
    expect(post.summary).toContain('Stopped the 1 instance(s) this job started')
    expect(f.state.instances.find(i => i.id === B)?.state).toBe('running')
  })

  it('does nothing in the post step when the main step failed on bad input', async () => {
    const f = await start({ instances: [{ id: A, state: 'stopped' }] })
    const inputs = { 'instance-ids': 'i-bad', 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: f.env() })
    expect(main.code).not.toBe(0)
    const post = await runAction({ inputs, env: f.env(), state: main.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('this step started no instance')
    expect(f.log).toEqual([])
  })

  it('fails the post step loudly when the instances cannot be stopped', async () => {
    const f = await start({
      instances: [{ id: A, state: 'stopped' }],
      callers: { AKIAFAKECI: { denied: ['ec2:StopInstances'] } }
    })
    const inputs = { 'instance-ids': A, 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: f.env() })
    const post = await runAction({ inputs, env: f.env(), state: main.state })
    expect(post.code).not.toBe(0)
    expect(post.summary).toContain('STILL RUNNING')
    expect(post.annotations.find(a => a.level === 'error')?.message).toMatch(
      /StopInstances failed for i-0aaaaaaaaaaaaaaa1: UnauthorizedOperation.*ec2:StopInstances/
    )
  })
})
