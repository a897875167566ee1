// What the fake does across services, seen through the real SDK v3 clients: denied callers, throttling, latency,
// the request log, and scenarios built by fleet().
import { describe, expect, it } from '@jest/globals'
import { DescribeInstancesCommand, EC2Client, StartInstancesCommand } from '@aws-sdk/client-ec2'
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fleet, sampleFleet, startFake } from './fake/server.mjs'
import { ACCT, CACHE, KEY, KEY_ARN, WEB, config, errorOf, fakePerTest, sleep } from './fake-test-helpers.js'

const start = fakePerTest()

describe('access denied, throttling, latency', () => {
  it("applies a caller's denied list with each service's real error", async () => {
    const scenario = {
      ...sampleFleet(),
      callers: { AKIAFAKECI: { denied: ['ec2:StartInstances', 'kms:GetKeyPolicy'] } }
    }
    const f = await start(scenario)
    const ec2 = new EC2Client(config(f))
    const err = await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [WEB] })))
    expect(err.name).toBe('UnauthorizedOperation')
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403)
    expect(err.message).toContain(
      `ec2:StartInstances on resource: arn:aws:ec2:us-east-1:${ACCT}:instance/${WEB}`
    )
    const kmsErr = await errorOf(new KMSClient(config(f)).send(new GetKeyPolicyCommand({ KeyId: KEY })))
    expect(kmsErr.name).toBe('AccessDeniedException')
    expect(kmsErr.message).toContain(`kms:GetKeyPolicy on resource: ${KEY_ARN}`)
  })

  it('throttles the first N calls (RequestLimitExceeded, ThrottlingException, Throttling) and the SDK retries', async () => {
    const f = await start()
    f.setThrottle({ firstN: 1, actions: ['DescribeInstances', 'DescribeKey', 'GetCallerIdentity'] })
    const ec2Err = await errorOf(new EC2Client(config(f)).send(new DescribeInstancesCommand({})))
    expect(ec2Err.name).toBe('RequestLimitExceeded')
    expect((ec2Err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(503)
    f.setThrottle({ firstN: 1, actions: ['DescribeKey'] })
    expect((await errorOf(new KMSClient(config(f)).send(new DescribeKeyCommand({ KeyId: KEY })))).name).toBe(
      'ThrottlingException'
    )
    f.setThrottle({ firstN: 1, actions: ['GetCallerIdentity'] })
    expect((await errorOf(new STSClient(config(f)).send(new GetCallerIdentityCommand({})))).name).toBe(
      'Throttling'
    )

    f.setThrottle({ firstN: 1, actions: ['StartInstances'] })
    const out = await new EC2Client(config(f, 3)).send(new StartInstancesCommand({ InstanceIds: [WEB] }))
    expect(out.$metadata.attempts).toBe(2)
    expect(f.log.filter(e => e.action === 'StartInstances').map(e => e.status)).toEqual([503, 200])
  })

  it('throttles a seeded fraction reproducibly, and enforces the StartInstances bucket', async () => {
    const run = async () => {
      const f = await startFake({})
      f.setThrottle({ rate: 0.3, seed: 42 })
      const ec2 = new EC2Client(config(f))
      const codes: number[] = []
      for (let i = 0; i < 20; i++) {
        codes.push(
          await ec2.send(new DescribeInstancesCommand({})).then(
            () => 200,
            () => 503
          )
        )
      }
      await f.close()
      return codes
    }
    const a = await run()
    expect(await run()).toEqual(a)
    const throttled = a.filter(c => c === 503).length
    expect(throttled).toBeGreaterThan(1)
    expect(throttled).toBeLessThan(12)

    const f = await start(sampleFleet(), { enforceLimits: true })
    const ec2 = new EC2Client(config(f))
    const results = []
    for (let i = 0; i < 7; i++) {
      results.push(
        await ec2.send(new StartInstancesCommand({ InstanceIds: [CACHE] })).then(
          () => 'ok',
          e => e.name
        )
      )
    }
    expect(results.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    expect(results[5]).toBe('RequestLimitExceeded')
  })

  it('delays responses by the configured latency', async () => {
    const f = await start({}, { latencyMs: 120 })
    const ec2 = new EC2Client(config(f))
    let t = performance.now()
    await ec2.send(new DescribeInstancesCommand({}))
    expect(performance.now() - t).toBeGreaterThanOrEqual(115)
    f.setLatency(0)
    t = performance.now()
    await ec2.send(new DescribeInstancesCommand({}))
    expect(performance.now() - t).toBeLessThan(115)
  })
})

describe('request log and builders', () => {
  it('logs services, actions, params and access key ids; serves /_fake/log; answers unknown actions', async () => {
    const f = await start()
    await new EC2Client(config(f)).send(new DescribeInstancesCommand({ InstanceIds: [WEB] }))
    await new KMSClient(config(f)).send(new DescribeKeyCommand({ KeyId: KEY }))
    const res = await fetch(f.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=RebootInstances&Version=2016-11-15&InstanceId.1=i-0aaaaaaaaaaaaaaaa'
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<Code>InvalidAction</Code>')
    expect(f.log.map(e => [e.service, e.action, e.accessKeyId, e.status])).toEqual([
      ['ec2', 'DescribeInstances', 'AKIAFAKECI', 200],
      ['kms', 'DescribeKey', 'AKIAFAKECI', 200],
      ['ec2', 'RebootInstances', null, 400]
    ])
    expect(f.log[0].params).toMatchObject({ Action: 'DescribeInstances', 'InstanceId.1': WEB })
    expect(f.log[1].params).toEqual({ KeyId: KEY })
    expect(f.log[0].t).toBeLessThan(f.log[1].t)
    expect(f.callsByAction()).toEqual({ DescribeInstances: 1, DescribeKey: 1, RebootInstances: 1 })
    const served = (await (await fetch(`${f.url}/_fake/log`)).json()) as unknown[]
    expect(served).toHaveLength(3)
    expect(f.env()).toMatchObject({
      AWS_ENDPOINT_URL_EC2: f.url,
      AWS_ENDPOINT_URL_KMS: f.url,
      AWS_ENDPOINT_URL_STS: f.url,
      AWS_ENDPOINT_URL_IAM: f.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAFAKECI'
    })
  })

  it('fleet(): bad keys every k-th key, expectations match what the fake does', async () => {
    const scenario = fleet({ n: 9, keys: 3, badKeyEvery: 3, bootMs: 60 })
    expect(scenario.expect.stoppedIds).toHaveLength(3)
    expect(scenario.expect.badKeyArns).toHaveLength(1)
    const f = await start(scenario)
    const ec2 = new EC2Client(config(f))
    const ids = scenario.instances!.map(i => i.id!)
    await ec2.send(new StartInstancesCommand({ InstanceIds: ids }))
    await sleep(80)
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }))
    const states = out.Reservations!.flatMap(r => r.Instances!).map(i => [i.InstanceId, i.State?.Name])
    const expected = ids.map(id => [id, scenario.expect.runningIds.includes(id) ? 'running' : 'stopped'])
    expect(states).toEqual(expected)
  })
})
