import { describe, expect, it } from '@jest/globals'
import { createClients, REQUEST_TIMEOUTS, USER_AGENT } from '../../src/aws/clients.js'
import { ActionRetryStrategy } from '../../src/aws/retry.js'

describe('createClients', () => {
  it('builds each client once, on first use, with the region, retries and user agent', async () => {
    const clients = createClients({ region: 'eu-west-1' })
    expect(clients.loaded()).toEqual([])
    const ec2 = await clients.ec2()
    expect(await clients.ec2()).toBe(ec2)
    expect(clients.loaded()).toEqual(['ec2'])
    expect(await ec2.config.region()).toBe('eu-west-1')
    expect(await ec2.config.retryStrategy()).toBeInstanceOf(ActionRetryStrategy)
    expect(JSON.stringify(ec2.config.customUserAgent)).toContain(USER_AGENT)
  })

  it('gives every client connection and request timeouts, and a request timeout that is an error', async () => {
    const clients = createClients({ region: 'us-east-1' })
    for (const client of [
      await clients.ec2(),
      await clients.kms(),
      await clients.sts(),
      await clients.iam()
    ]) {
      const handler = client.config.requestHandler as unknown as {
        configProvider: Promise<Record<string, unknown>>
      }
      const config = await handler.configProvider
      expect(config).toMatchObject({
        connectionTimeout: REQUEST_TIMEOUTS.connectionTimeout,
        requestTimeout: REQUEST_TIMEOUTS.requestTimeout,
        throwOnRequestTimeout: true
      })
    }
  })
})
