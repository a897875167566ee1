// What every run loads: dist/index.js, the main chunk. It must not carry code a run does not need: undici
// (@actions/http-client, which @actions/core imports for OIDC only) is in a chunk of its own, loaded by
// src/vendor/http-client-on-demand.ts on the first OIDC request, and no source-map support is registered.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'

const dist = new URL('../../dist/', import.meta.url)
const main = readFileSync(new URL('index.js', dist), 'utf8')
const chunks = readdirSync(dist).filter(f => /^\d+\.index\.js$/.test(f))

describe('the main chunk of the bundle', () => {
  it('does not contain undici or the real @actions/http-client; a lazy chunk does', () => {
    expect(main).not.toMatch(/undici/)
    expect(main).not.toContain('class HttpClientError')
    // The OIDC path's chunk, and the chunks of comment-on-pr (@actions/github brings its own HTTP stack).
    const lazy = chunks.filter(f => readFileSync(new URL(f, dist), 'utf8').includes('undici'))
    expect(lazy.length).toBeGreaterThanOrEqual(1)
  })

  it('registers no source-map support (it reads the multi-MB .map files when a stack is formatted)', () => {
    expect(main).not.toContain('sourcemap-register')
    expect(readdirSync(dist).filter(f => f.endsWith('.map'))).toEqual([])
  })

  it('stays small: under 250 kB', () => {
    expect(statSync(new URL('index.js', dist)).size).toBeLessThan(250_000)
  })
})

// scripts/sdk-subset.mjs: each SDK client is cut down to what src/ uses. Before, the EC2 client alone was a 2 MB
// chunk whose compile was most of the cold start; and a bundle that carries no RunInstances or ScheduleKeyDeletion
// cannot send them.
describe('the AWS SDK clients in the bundles', () => {
  const bundles = [dist, new URL('cli/', dist)].map(dir => ({
    dir,
    files: readdirSync(dir).filter(f => f.endsWith('.js'))
  }))
  const text = (dir: URL, files: string[]) => files.map(f => readFileSync(new URL(f, dir), 'utf8')).join('\n')

  it.each(bundles.map(b => [b.dir.pathname.replace(/.*\/dist\//, 'dist/'), b] as const))(
    '%s carries the commands src/ sends and none it does not',
    (_name, { dir, files }) => {
      const all = text(dir, files)
      for (const used of ['DescribeInstancesCommand', 'StartInstancesCommand', 'GetKeyPolicyCommand']) {
        expect(all).toMatch(new RegExp(`\\b${used} = class\\b`))
      }
      for (const unused of [
        'RunInstancesCommand',
        'TerminateInstancesCommand',
        'ScheduleKeyDeletionCommand',
        'CreateGrantCommand',
        'DeleteRoleCommand'
      ]) {
        expect(all).not.toContain(unused)
      }
    }
  )

  it('has no chunk over 1 MB (the whole EC2 client was 2 MB)', () => {
    for (const { dir, files } of bundles) {
      for (const f of files) expect([f, statSync(new URL(f, dir)).size < 1_000_000]).toEqual([f, true])
    }
  })
})
