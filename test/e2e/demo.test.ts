// `npm run demo` is the README's third command: it must keep working from a clean clone.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './harness.js'

describe('npm run demo', () => {
  it('runs the bundled action against the fake and prints the outputs and the job summary', () => {
    const run = spawnSync(process.execPath, [join(REPO, 'test/e2e/demo.mjs')], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('=== Step outputs ===')
    expect(run.stdout).toMatch(/failed-instance-ids = \["i-0a1b2c3d4e5f60002"\]/)
    expect(run.stdout).toMatch(
      /alias\/build-ebs\s+❌ DENY_IMPLICIT\s+5678efab-56ef-78ab-90cd-567890abcdef\s+1: i-0a1b2c3d4e5f60002/
    )
    expect(run.stdout).toContain('"kms:ViaService": "ec2.us-east-1.amazonaws.com"')
    const summary = join(REPO, 'demo-output', 'summary.html')
    expect(existsSync(summary)).toBe(true)
    expect(readFileSync(summary, 'utf8')).toContain('<h3>KMS keys</h3>')
  })
})
