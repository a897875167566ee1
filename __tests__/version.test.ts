import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ACTION_VERSION } from '../src/version.js'
import { USER_AGENT } from '../src/aws/clients.js'

describe('version', () => {
  it('matches package.json, and the user agent carries it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(ACTION_VERSION).toBe(pkg.version)
    expect(USER_AGENT).toBe(`ec2-start-guard/${pkg.version}`)
  })
})
