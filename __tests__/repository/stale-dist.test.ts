// `npm test` must refuse to test an old bundle: scripts/dist-inputs.mjs check fails at once when src/ (or the lock
// file, tsconfig.json or the build scripts) changed since `npm run bundle`. Run against a copy of the script in a scratch repository.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..')
let repo: string

function dist(command: 'write' | 'check') {
  return spawnSync(process.execPath, [path.join(repo, 'scripts/dist-inputs.mjs'), command], {
    encoding: 'utf8'
  })
}

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'esg-stale-'))
  for (const dir of ['scripts', 'src/aws', 'dist']) mkdirSync(path.join(repo, dir), { recursive: true })
  copyFileSync(path.join(ROOT, 'scripts/dist-inputs.mjs'), path.join(repo, 'scripts/dist-inputs.mjs'))
  writeFileSync(path.join(repo, 'src/main.ts'), 'export const a = 1\n')
  writeFileSync(path.join(repo, 'src/aws/clients.ts'), 'export const b = 2\n')
  writeFileSync(path.join(repo, 'package-lock.json'), '{"lockfileVersion": 3}\n')
  writeFileSync(path.join(repo, 'tsconfig.json'), '{}\n')
  writeFileSync(path.join(repo, 'scripts/bundle.mjs'), '// ncc\n')
  writeFileSync(path.join(repo, 'scripts/sdk-subset.mjs'), '// esbuild\n')
  expect(dist('write').status).toBe(0)
})

afterEach(() => rmSync(repo, { recursive: true, force: true }))

describe('the stale-bundle check', () => {
  it('passes right after npm run bundle recorded the inputs', () => {
    const run = dist('check')
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
  })

  it.each([
    [
      'an edited source file',
      () => writeFileSync(path.join(repo, 'src/aws/clients.ts'), 'export const b = 3\n')
    ],
    ['a new source file', () => writeFileSync(path.join(repo, 'src/new.ts'), 'export {}\n')],
    ['a deleted source file', () => unlinkSync(path.join(repo, 'src/aws/clients.ts'))],
    [
      'a changed lock file',
      () => writeFileSync(path.join(repo, 'package-lock.json'), '{"lockfileVersion": 2}\n')
    ],
    ['a changed tsconfig.json', () => writeFileSync(path.join(repo, 'tsconfig.json'), '{"strict": true}\n')],
    ['a changed bundle script', () => writeFileSync(path.join(repo, 'scripts/bundle.mjs'), '// ncc -m\n')],
    [
      'a changed SDK subset script',
      () => writeFileSync(path.join(repo, 'scripts/sdk-subset.mjs'), '// esbuild --minify\n')
    ],
    ['no record at all', () => unlinkSync(path.join(repo, 'dist/inputs.sha256'))]
  ])('fails at once, saying what to run, after %s', (_what, change) => {
    change()
    const run = dist('check')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('dist/ is stale: run npm run bundle')
  })

  it('ignores line endings, which do not change the bundle', () => {
    writeFileSync(path.join(repo, 'src/main.ts'), 'export const a = 1\r\n')
    expect(dist('check').status).toBe(0)
  })
})
