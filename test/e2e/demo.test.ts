// `npm run demo` is the README's third command: it must keep working from a clean clone. Its summary is then seen
// the way a user sees it: rendered with GitHub's markdown styles in a real (headless) Chromium at GitHub's width.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { policies, sampleFleet, startFake, type Fake } from './fake/server.mjs'
import { REPO, runAction } from './harness.js'
import { summaryPage } from './summary-page.mjs'
import { measureLayout } from './table-layout.mjs'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

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
      /alias\/build-ebs 5678efab-56ef-78ab-90cd-567890abcdef\s+❌ DENY_IMPLICIT\s+1\s*\n\s+Why: no statement allows kms:CreateGrant.*\n\s+Instances: build-2\./
    )
    expect(demo.stdout).toContain('"kms:ViaService": "ec2.us-east-1.amazonaws.com"')
    expect(readFileSync(join(OUT, 'summary.md'), 'utf8')).toContain('<h3>KMS keys</h3>')
    const page = readFileSync(join(OUT, 'summary.html'), 'utf8')
    expect(page).toContain('<article class="markdown-body">')
    expect(page).toContain('<h3>KMS keys</h3>')
  })

  it('shows both tables whole in Chromium at 1012 px with GitHub markdown styles, and saves a screenshot', async () => {
    expect(demo.status).toBe(0)
    const layout = await seeInBrowser('summary')
    expect(layout.tables.map(t => t.heading)).toEqual(['Instances', 'KMS keys'])
  }, 120_000)
})

describe('the summary of a varied fleet in the browser', () => {
  let fake: Fake | undefined
  afterEach(async () => {
    await fake?.close()
    fake = undefined
  })

  it('fits every table: six kinds of key (a Deny, a disabled key, a cross-account mrk-), unnamed and many instances', async () => {
    // The demo fleet of the fake (sampleFleet), plus a key with a long alias and an explicit Deny, and a dozen
    // unnamed instances on the good key, so a cell lists many instances and an alias must wrap.
    const scenario = sampleFleet()
    const good = scenario.volumes?.[0]?.kmsKeyId as string
    const denyKey = '6789f0ab-67f0-89ab-01cd-67890abcdef0'
    const extra = Array.from({ length: 12 }, (_, n) => ({
      id: `i-0e${n.toString(16).padStart(15, '0')}`,
      state: 'stopped' as const,
      volumeIds: [`vol-0e${n.toString(16).padStart(15, '0')}`],
      bootMs: 0
    }))
    scenario.instances = [
      ...(scenario.instances ?? []).map(i => ({ ...i, bootMs: 0 })),
      ...extra,
      {
        id: 'i-0d00000000000000d',
        name: 'deny-7',
        state: 'stopped',
        volumeIds: ['vol-0d00000000000000d'],
        bootMs: 0
      }
    ]
    scenario.volumes = [
      ...(scenario.volumes ?? []),
      ...extra.map(i => ({ id: i.volumeIds[0], encrypted: true, kmsKeyId: good })),
      {
        id: 'vol-0d00000000000000d',
        encrypted: true,
        kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${denyKey}`
      }
    ]
    scenario.keys = [
      ...(scenario.keys ?? []),
      {
        keyId: denyKey,
        aliases: ['alias/platform-team/shared-build-artifacts-encryption-key-production'],
        policy: policies.denyCreateGrant(ACCOUNT, ROLE)
      }
    ]
    fake = await startFake(scenario)
    const ids = scenario.instances.map(i => i.id as string)
    const run = await runAction({ inputs: { 'instance-ids': ids.join(' ') }, env: fake.env() })
    expect(run.code).not.toBe(0)
    mkdirSync(OUT, { recursive: true })
    writeFileSync(join(OUT, 'fleet-summary.md'), run.summary)
    writeFileSync(join(OUT, 'fleet-summary.html'), summaryPage(run.summary))
    const layout = await seeInBrowser('fleet-summary')
    expect(layout.tables.map(t => t.heading)).toEqual(['Instances', 'KMS keys'])
    expect(run.summary).toContain(
      'Instances: web-1, cache-5, i-0e000000000000000, i-0e000000000000001, i-0e000000000000002 and 9 more.'
    )
  }, 120_000)
})

describe('the offline gate summary in the browser', () => {
  it('fits the policy-file tables of the PR fixture (CloudFormation, a Terraform plan, raw policies)', async () => {
    const run = await runAction({
      workspaceFrom: fileURLToPath(new URL('./fixtures/pr-repo/', import.meta.url)),
      env: { AWS_REGION: 'us-east-1' },
      inputs: {
        'key-policy-files': 'infra/*.yaml\nterraform/plan.json\npolicies/*.json',
        'principal-arn': ROLE
      }
    })
    expect(run.code).not.toBe(0)
    mkdirSync(OUT, { recursive: true })
    writeFileSync(join(OUT, 'gate-summary.html'), summaryPage(run.summary))
    const layout = await seeInBrowser('gate-summary')
    expect(layout.tables.length).toBeGreaterThanOrEqual(2)
  }, 120_000)
})

/**
 * Opens demo-output/<name>.html in Chromium at 1012 px, asserts that nothing is wider than the page (no table
 * scrolls, none reaches past the article, no ID wraps, every row spans the header), and saves <name>.png.
 */
async function seeInBrowser(name: string) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install Debian's package (sudo apt-get install -y --no-install-recommends chromium; .ci/run does this when it is missing) or point ESG_CHROMIUM at a Chromium binary. This test never downloads a browser.`
    )
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage({ viewport: VIEWPORT })
    await page.goto(pathToFileURL(join(OUT, `${name}.html`)).href)
    const layout = await page.evaluate(measureLayout)
    // The screenshot first: when a table does not fit, it shows how.
    const file = join(OUT, `${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    const size = pngSize(file)
    expect(layout.page.scroll).toBeLessThanOrEqual(layout.page.client)
    expect(layout.article.scroll).toBeLessThanOrEqual(layout.article.client)
    for (const table of layout.tables) {
      // GitHub's CSS makes a table its own scroll box (display: block; overflow: auto): it must not scroll.
      expect({ table: table.heading, scroll: table.scroll }).toEqual({
        table: table.heading,
        scroll: table.client
      })
      expect(table.right).toBeLessThanOrEqual(table.articleRight + 0.5)
      expect({ table: table.heading, rows: table.rows.filter(n => n !== table.columns) }).toEqual({
        table: table.heading,
        rows: []
      })
      expect({ table: table.heading, wrapped: table.wrapped }).toEqual({ table: table.heading, wrapped: [] })
    }
    expect(size.width).toBe(VIEWPORT.width)
    console.log(
      `demo-output/${name}.png: ${size.width}×${size.height} px, ${readFileSync(file).length} bytes; tables ${layout.tables.map(t => `${t.heading} ${t.client} px`).join(', ')} of ${layout.article.client} px`
    )
    return layout
  } finally {
    await browser.close()
  }
}
