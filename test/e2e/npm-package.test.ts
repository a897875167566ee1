// The CLI as npm publishes it: `npm pack` the repository, unpack the tarball into an empty folder with no
// node_modules, and run its bin there against the fake. The bundle must carry everything it needs, and the package
// must carry the bundle (and nothing of the test tree).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startFake, type Fake } from './fake/server.mjs'
import { REPO, STEP_NODE } from './harness.js'
import { ACCOUNT } from './fake/ids.mjs'

const A = 'i-0a1a1a1a1a1a1a1a1'
const KEY_ID = '0a1a1a1a-1111-2222-3333-444455556666'
const ADMIN_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'KeyAdminsOnly',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` },
      Action: 'kms:*',
      Resource: '*'
    }
  ]
})

let scratch: string
let packageDir: string
let files: string[]
let bin: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'esg-npm-package-'))
  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 120_000
  })
  expect(pack.status).toBe(0)
  const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
  files = packed.files.map(f => f.path)
  const untar = spawnSync('tar', ['-xzf', path.join(scratch, packed.filename), '-C', scratch], {
    encoding: 'utf8'
  })
  expect(untar.status).toBe(0)
  packageDir = path.join(scratch, 'package')
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    bin: Record<string, string>
  }
  bin = path.join(packageDir, pkg.bin['ec2-start-guard'])
}, 180_000)

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('the npm package', () => {
  it('holds the bundle, the CLI and the docs, and none of the sources or tests', () => {
    expect(files).toContain('dist/cli/index.js')
    expect(files).toContain('dist/index.js')
    expect(files).toContain('action.yml')
    expect(files.filter(f => /^(src|__tests__|test|bench|scripts)\//.test(f))).toEqual([])
    // Every chunk the CLI loads on demand is in the package.
    const chunks = readdirSync(path.join(REPO, 'dist/cli')).map(f => `dist/cli/${f}`)
    for (const chunk of chunks.filter(Boolean)) expect(files).toContain(chunk)
  })

  it("its bin is an executable with a shebang, and says the action's version", () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect(statSync(bin).mode & 0o111).not.toBe(0)
    const version = spawnSync(STEP_NODE.path, [bin, '--version'], { cwd: packageDir, encoding: 'utf8' })
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }
    expect(version.stdout.trim()).toContain(pkg.version)
    expect(version.status).toBe(0)
  })

  describe('unpacked with no node_modules beside it', () => {
    let fake: Fake
    beforeAll(async () => {
      fake = await startFake({
        instances: [{ id: A, name: 'app-1', state: 'stopped', volumeIds: ['vol-0a1a1a1a1a1a1a1a1'] }],
        volumes: [
          {
            id: 'vol-0a1a1a1a1a1a1a1a1',
            encrypted: true,
            kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`
          }
        ],
        keys: [{ keyId: KEY_ID, policy: ADMIN_ONLY, aliases: ['alias/admin-only'] }]
      })
    })
    afterAll(async () => {
      await fake.close()
    })

    it('check judges the key against the fake and exits 1 on a blocking key', async () => {
      // Asynchronously: the fake answers from this process.
      const child = spawn(STEP_NODE.path, [bin, 'check', '--instance-ids', A], {
        cwd: packageDir,
        env: { PATH: process.env.PATH ?? '', HOME: scratch, ...fake.env() },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      const run = { stdout: '', stderr: '', status: -1 }
      child.stdout.on('data', d => (run.stdout += d))
      child.stderr.on('data', d => (run.stderr += d))
      run.status = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? -1)))
      expect(run.stderr).not.toMatch(/Cannot find (module|package)/)
      expect(run.status).toBe(1)
      expect(run.stdout).toMatch(/alias\/admin-only +BLOCKS/)
      expect(fake.log.filter(e => /^(Start|Stop|Put|Create)/.test(e.action))).toEqual([])
    })
  })
})
