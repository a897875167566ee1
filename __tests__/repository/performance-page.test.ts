// docs/PERFORMANCE.md says that nothing in its tables is typed by hand: they must be exactly what the bench renders
// from bench/results/latest.json. A hand edit, or results committed without their page, fails here.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { docWithTables, pageMarkdown } from '../../bench/page.mjs'

const PAGE = 'docs/PERFORMANCE.md'

describe('docs/PERFORMANCE.md', () => {
  it('holds between its markers what the bench renders from bench/results/latest.json', async () => {
    const doc = readFileSync(PAGE, 'utf8')
    const results = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'))
    expect(await docWithTables(doc, PAGE, pageMarkdown(results))).toBe(doc)
  })

  it('names the commit and the bundle the results were measured on', () => {
    const results = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'))
    const doc = readFileSync(PAGE, 'utf8')
    expect(doc).toContain(`Commit \`${String(results.git.commit).slice(0, 12)}\``)
    expect(doc).toContain(String(results.dist.sha256).slice(0, 12))
  })
})
