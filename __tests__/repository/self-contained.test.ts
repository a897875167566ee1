// A fresh clone must hold everything its tests, scripts and docs need: no file may point outside the repository
// at the folder of shared notes that only the founding machine had beside it.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
// Built from parts so that this file does not name what it looks for.
const OUTSIDE = [['..', 'shared'].join('/'), ['', 'work', 'shared'].join('/'), ['domain', 'md'].join('.')]

function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: REPO,
    encoding: 'utf8'
  })
  return listed.split('\0').filter(f => f && !f.startsWith('node_modules/'))
}

describe('the repository stands on its own', () => {
  const files = repositoryFiles()

  it('lists the files it checks', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(files).toContain('docs/how-ec2-uses-kms.md')
  })

  it('has no file that names a path outside it', () => {
    const offenders: string[] = []
    for (const file of files) {
      let text: string
      try {
        text = readFileSync(`${REPO}${file}`, 'utf8')
      } catch {
        continue // deleted in the work tree but still in the index
      }
      for (const needle of OUTSIDE) {
        if (text.includes(needle)) offenders.push(`${file}: ${needle}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('holds the reference fixtures the evaluator tests read', () => {
    const index = JSON.parse(
      readFileSync(`${REPO}__tests__/fixtures/reference-key-policies/index.json`, 'utf8')
    ) as { fixtures: { file: string }[] }
    expect(index.fixtures.length).toBeGreaterThanOrEqual(12)
    for (const f of index.fixtures)
      expect(files).toContain(`__tests__/fixtures/reference-key-policies/${f.file}`)
  })
})
