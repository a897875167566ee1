import { describe, expect, it } from '@jest/globals'
import { REFRESH_BEFORE_MS, refreshingCredentials } from '../../src/aws/credentials.js'

const creds = (id: string, expiresAt: number) => ({
  accessKeyId: id,
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: new Date(expiresAt)
})

describe('refreshingCredentials', () => {
  it('keeps the credentials until five minutes before they expire, then renews them once', async () => {
    let now = 0
    let renewals = 0
    const provider = refreshingCredentials(
      creds('first', 3_600_000),
      async () => {
        renewals++
        return creds(`renewed-${renewals}`, now + 3_600_000)
      },
      () => now
    )
    expect((await provider()).accessKeyId).toBe('first')
    now = 3_600_000 - REFRESH_BEFORE_MS - 1
    expect((await provider()).accessKeyId).toBe('first')
    now = 3_600_000 - REFRESH_BEFORE_MS + 1
    // Concurrent requests share one renewal.
    const [a, b] = await Promise.all([provider(), provider()])
    expect([a.accessKeyId, b.accessKeyId]).toEqual(['renewed-1', 'renewed-1'])
    expect(renewals).toBe(1)
    expect((await provider()).accessKeyId).toBe('renewed-1')
  })

  it('tries again on the next request when a renewal fails', async () => {
    let fail = true
    const provider = refreshingCredentials(
      creds('old', 0),
      async () => {
        if (fail) throw new Error('STS unavailable')
        return creds('new', Date.now() + 3_600_000)
      },
      () => 1
    )
    await expect(provider()).rejects.toThrow('STS unavailable')
    fail = false
    expect((await provider()).accessKeyId).toBe('new')
  })
})
