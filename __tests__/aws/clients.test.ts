import { describe, expect, it } from '@jest/globals'
import { createClients, USER_AGENT } from '../../src/aws/clients.js'
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
})
