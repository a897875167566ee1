// Self-hosted runners behind a company proxy: every AWS request of a start goes through HTTPS_PROXY/HTTP_PROXY
// (an HTTP CONNECT tunnel), and NO_PROXY sends a host around it.
import { afterEach, describe, expect, it } from '@jest/globals'
import { startConnectProxy } from './connect-proxy.mjs'
import { policies, startFake, type Fake } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { ACCOUNT } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab'
const VOLUME = 'vol-0a00000000000001a'

let fake: Fake | undefined
let proxy: Awaited<ReturnType<typeof startConnectProxy>> | undefined
afterEach(async () => {
  await fake?.close()
  await proxy?.close()
  fake = proxy = undefined
})

async function world() {
  fake = await startFake({
    instances: [{ id: A, name: 'web-1', state: 'stopped', volumeIds: [VOLUME] }],
    volumes: [{ id: VOLUME, encrypted: true, kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}` }],
    keys: [
      { keyId: KEY, policy: policies.consoleDefault(ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/ci-start-role`) }
    ]
  })
  proxy = await startConnectProxy()
  return { fake, proxy }
}

describe('HTTP(S) proxy', () => {
  it('starts instances with every AWS request tunnelled through HTTPS_PROXY/HTTP_PROXY', async () => {
    const { fake, proxy } = await world()
    const run = await runAction({
      inputs: { 'instance-ids': A, fix: 'suggest' },
      env: { ...fake.env(), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }
    })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    const target = new URL(fake.url).host
    // Keep-alive sockets share a tunnel, so there are fewer CONNECTs than requests, but at least one, and
    // every one of them to the fake: nothing went around the proxy to anywhere else.
    expect(proxy.log.length).toBeGreaterThan(0)
    expect(proxy.log.every(e => e.method === 'CONNECT' && e.target === target)).toBe(true)
    const actions = fake.log.map(e => e.action)
    expect(actions).toEqual(expect.arrayContaining(['DescribeInstances', 'StartInstances', 'GetKeyPolicy']))
  })

  it('lower-case http_proxy works too, and NO_PROXY sends the host around the proxy', async () => {
    const { fake, proxy } = await world()
    const host = new URL(fake.url).hostname
    const run = await runAction({
      inputs: { 'instance-ids': A },
      env: { ...fake.env(), http_proxy: proxy.url, NO_PROXY: `example.internal,${host}` }
    })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    expect(proxy.log).toEqual([])
    expect(fake.log.some(e => e.action === 'StartInstances')).toBe(true)
  })

  it('a proxy that refuses the tunnel fails the step with the failing call named, and starts nothing', async () => {
    const { fake, proxy } = await world()
    await proxy.close()
    const run = await runAction({
      inputs: { 'instance-ids': A, 'timeout-seconds': '30' },
      env: { ...fake.env(), HTTP_PROXY: proxy.url }
    })
    expect(run.code).not.toBe(0)
    expect(fake.log).toEqual([])
    expect(
      run.annotations
        .filter(a => a.level === 'error')
        .map(a => a.message)
        .join('\n')
    ).toMatch(/DescribeInstances/)
  })
})
