// `npm run demo` is the README's third command: it must keep working from a clean clone. Its summary is then seen
// the way a user sees it: rendered with GitHub's markdown styles in a real (headless) Chromium at GitHub's width.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { REPO } from './harness.js'
import { measureLayout } from './table-layout.mjs'

const OUT = join(REPO, 'demo-output')
// Debian's chromium; .ci/run installs it when missing. Playwright never downloads a browser here.
const CHROMIUM = process.env.ESG_CHROMIUM ?? '/usr/bin/chromium'
// GitHub's window width for the job summary in the issue; the article inside is at most 980 px (summary-page.mjs).
const VIEWPORT = { width: 1012, height: 900 }

let demo: SpawnSyncReturns<string>
beforeAll(() => {
  demo = spawnSync(process.execPath, [join(REPO, 'test/e2e/demo.mjs')], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000
  })
}, 90_000)

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('npm run demo', () => {
  it('runs the bundled action against the fake and prints the outputs and the job summary', () => {
    expect(demo.status).toBe(0)
    expect(demo.stdout).toContain('=== Step outputs ===')
    expect(demo.stdout).toMatch(/failed-instance-ids = \["i-0a1b2c3d4e5f60002"\]/)
    expect(demo.stdout).toMatch(
      /alias\/build-ebs\s+❌ DENY_IMPLICIT\s+5678efab-56ef-78ab-90cd-567890abcdef\s+1: build-2/
    )
    expect(demo.stdout).toMatch(/\n\s+Why: no statement allows kms:CreateGrant/)
    expect(demo.stdout).toContain('"kms:ViaService": "ec2.us-east-1.amazonaws.com"')
    expect(readFileSync(join(OUT, 'summary.md'), 'utf8')).toContain('<h3>KMS keys</h3>')
    const page = readFileSync(join(OUT, 'summary.html'), 'utf8')
    expect(page).toContain('<article class="markdown-body">')
    expect(page).toContain('<h3>KMS keys</h3>')
  })

  it('shows both tables whole in Chromium at 1012 px with GitHub markdown styles, and saves a screenshot', async () => {
    expect(demo.status).toBe(0)
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install Debian's package (sudo apt-get install -y --no-install-recommends chromium; .ci/run does this when it is missing) or point ESG_CHROMIUM at a Chromium binary. This test never downloads a browser.`
      )
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    try {
      const page = await browser.newPage({ viewport: VIEWPORT })
      await page.goto(pathToFileURL(join(OUT, 'summary.html')).href)
      const layout = await page.evaluate(measureLayout)
      expect(layout.page.scroll).toBeLessThanOrEqual(layout.page.client)
      expect(layout.article.scroll).toBeLessThanOrEqual(layout.article.client)
      expect(layout.tables.map(t => t.heading)).toEqual(['Instances', 'KMS keys'])
      for (const table of layout.tables) {
        // GitHub's CSS makes a table its own scroll box (display: block; overflow: auto): it must not scroll.
        expect({ table: table.heading, scroll: table.scroll }).toEqual({
          table: table.heading,
          scroll: table.client
        })
        expect(table.right).toBeLessThanOrEqual(table.articleRight + 0.5)
        expect(table.rows.every(n => n === table.columns)).toBe(true)
        expect({ table: table.heading, wrapped: table.wrapped }).toEqual({
          table: table.heading,
          wrapped: []
        })
      }
      const file = join(OUT, 'summary.png')
      await page.screenshot({ path: file, fullPage: true })
      const size = pngSize(file)
      expect(size.width).toBe(VIEWPORT.width)
      console.log(
        `demo-output/summary.png: ${size.width}×${size.height} px, ${readFileSync(file).length} bytes; tables ${layout.tables.map(t => `${t.heading} ${t.client} px`).join(', ')} of ${layout.article.client} px`
      )
    } finally {
      await browser.close()
    }
  }, 120_000)
})
