// One AWS SDK: the @aws-sdk/client-* packages pinned at one version, and one copy of the SDK core installed, so
// the clients share their middleware and the bundle carries one SDK, not three.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'))

describe('AWS SDK versions', () => {
  const pkg = read('package.json') as { dependencies: Record<string, string> }
  const lock = read('package-lock.json') as { packages: Record<string, { version: string }> }
  const clients = Object.entries(pkg.dependencies).filter(([name]) => name.startsWith('@aws-sdk/client-'))

  it('pins every client at one exact version', () => {
    expect(clients.map(([name]) => name).sort()).toEqual([
      '@aws-sdk/client-ec2',
      '@aws-sdk/client-iam',
      '@aws-sdk/client-kms',
      '@aws-sdk/client-sts'
    ])
    expect(new Set(clients.map(([, version]) => version)).size).toBe(1)
    expect(clients[0][1]).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('installs exactly that version of each client and one copy of the SDK core', () => {
    for (const [name, version] of clients) expect(lock.packages[`node_modules/${name}`].version).toBe(version)
    const cores = Object.keys(lock.packages).filter(p => p.endsWith('node_modules/@aws-sdk/core'))
    expect(cores).toEqual(['node_modules/@aws-sdk/core'])
  })
})
