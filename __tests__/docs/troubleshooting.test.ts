// docs/TROUBLESHOOTING.md must have a heading for every finding code that the summary and annotations link to,
// and the anchors must be the ones troubleshootingLink() builds. A new Verdict without a section fails here.
import { describe, it, expect } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildFixStatement, buildIamFixStatement } from '../../src/kms/fix.js'
import { FAILURE_CODES, troubleshootingLink, TROUBLESHOOTING_URL } from '../../src/report/links.js'
import { VERDICTS, verdictLink } from '../../src/report/verdicts.js'
import { RUN_CODES } from '../../src/report/findings.js'
import { findingRule, KNOWN_CODES } from '../../src/report/finding-rules.js'

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..')
const DOC = path.join(ROOT, 'docs/TROUBLESHOOTING.md')
const doc = readFileSync(DOC, 'utf8')

/** Codes that are not Verdicts: instance failure kinds and run findings. */
const EXTRA_CODES = [
  'STOPPED_AFTER_START',
  'TIMEOUT',
  'STATUS_IMPAIRED',
  'START_ERROR',
  'OIDC',
  'IAM_SIMULATION_UNAVAILABLE',
  'FIX_REFUSED',
  // Key findings more specific than their verdict (KeyVerdict.finding).
  'EC2_DECRYPT_DENIED',
  'PRINCIPAL_ARN_FORMS_DISAGREE',
  'ROLE_PATH_ASSUMED',
  'DIAGNOSIS_TIMED_OUT',
  // Codes of findings that are neither (RUN_CODES in src/report/findings.ts).
  ...Object.values(RUN_CODES)
]

/** The members of `export type Verdict = | 'A' | 'B' ...`, read from the source so a new member needs docs. */
function verdictCodes(): string[] {
  const source = readFileSync(path.join(ROOT, 'src/kms/types.ts'), 'utf8')
  const match = /export type Verdict\s*=([\s\S]*?)(?:\n\s*\n|\n(?:export|\/\*\*|\/\/))/.exec(source)
  if (!match) throw new Error('export type Verdict not found in src/kms/types.ts')
  const body = match[1].replace(/\/\/.*$/gm, '')
  return [...body.matchAll(/'([A-Z_]+)'/g)].map(m => m[1])
}

/** GitHub's heading text: inline markup removed, as rendered. */
function renderedText(heading: string): string {
  // Code spans are literal; markup is removed only outside them. `_` is emphasis only at word boundaries.
  return heading
    .split(/(`[^`]*`)/)
    .map(part =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? part.slice(1, -1)
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
            .replace(/<[^>]+>/g, '') // inline HTML tags
            .replace(/(\*\*|\*)(?=\S)([\s\S]*?\S)\1/g, '$2')
            .replace(/(^|[^\p{L}\p{N}])(__|_)(?=\S)([\s\S]*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    )
    .join('')
    .trim()
}

/** GitHub's slug (github-slugger): lower-case, drop punctuation except '-' and '_', spaces to hyphens. */
export function githubSlug(text: string): string {
  return renderedText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor the document gets from its ATX headings, outside fenced code; duplicates get -1, -2, ... */
export function headingAnchors(markdown: string): string[] {
  const anchors: string[] = []
  const seen = new Map<string, number>()
  let fence: string | undefined
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker) {
      if (fence === undefined) fence = marker
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined
      continue
    }
    if (fence !== undefined) continue
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$/.exec(line)
    if (!heading) continue
    const base = githubSlug(heading[1])
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.push(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

function fragmentOf(url: string): string {
  const hash = url.indexOf('#')
  if (hash < 0) throw new Error(`${url} has no fragment`)
  return decodeURIComponent(url.slice(hash + 1))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

const anchors = new Set(headingAnchors(doc))

describe('the anchor algorithm', () => {
  it.each([
    ['deny-implicit', 'deny-implicit'],
    ['DENY_IMPLICIT', 'deny_implicit'],
    ['`ALLOW_IF_IAM`: only IAM decides', 'allow_if_iam-only-iam-decides'],
    ['What EC2 checks (at start)?', 'what-ec2-checks-at-start'],
    ['**Bold** and [a link](#x)', 'bold-and-a-link'],
    ['_emphasis_ keeps snake_case', 'emphasis-keeps-snake_case']
  ])('%s -> #%s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug)
  })

  it('skips fenced code and numbers duplicate headings', () => {
    expect(headingAnchors('## a\n```sh\n## b\n```\n## a\n~~~\n# c\n~~~\n')).toEqual(['a', 'a-1'])
  })
})

describe('docs/TROUBLESHOOTING.md', () => {
  const verdicts = verdictCodes()

  it('reads the Verdict union from src/kms/types.ts', () => {
    expect(verdicts).toEqual(expect.arrayContaining(['ALLOW', 'DENY_IMPLICIT', 'UNRESOLVED']))
    expect(verdicts.length).toBeGreaterThanOrEqual(9)
  })

  it('is the file troubleshootingLink points to', () => {
    expect(TROUBLESHOOTING_URL).toMatch(/\/docs\/TROUBLESHOOTING\.md$/)
    expect(existsSync(DOC)).toBe(true)
  })

  it.each([...verdictCodes(), ...EXTRA_CODES])('has a section for %s at troubleshootingLink()', code => {
    const fragment = fragmentOf(troubleshootingLink(code))
    expect(fragment).toBe(code.toLowerCase().replace(/_/g, '-'))
    expect([...anchors]).toContain(fragment)
  })

  it('has exactly one level-2 heading per code', () => {
    const h2 = doc
      .split(/\r?\n/)
      .filter(line => /^## /.test(line))
      .map(line => githubSlug(line.slice(3)))
    for (const code of [...verdicts, ...EXTRA_CODES]) {
      expect(h2.filter(a => a === code.toLowerCase().replace(/_/g, '-'))).toHaveLength(1)
    }
  })

  it('has a section for every instance failure kind the annotations link to', () => {
    for (const code of new Set(Object.values(FAILURE_CODES))) {
      expect([...anchors]).toContain(fragmentOf(troubleshootingLink(code)))
    }
  })

  it('resolves the anchor of every row of the verdicts table (src/report/verdicts.ts)', () => {
    const rows = Object.entries(VERDICTS)
    expect(rows.map(([code]) => code).sort()).toEqual([...verdictCodes()].sort())
    for (const [code] of rows) expect([...anchors]).toContain(fragmentOf(verdictLink(code)))
  })

  it('resolves every troubleshootingLink() target used in src', () => {
    const calls = sourceFiles(path.join(ROOT, 'src')).flatMap(file =>
      [...readFileSync(file, 'utf8').matchAll(/troubleshootingLink\(([^)]*)\)/g)].map(m => ({
        file: path.relative(ROOT, file),
        arg: m[1].trim()
      }))
    )
    // Verdict links come from the verdicts table (tested above); the rest are literal codes.
    const uses = calls.filter(c => !c.file.endsWith(path.join('report', 'links.ts')))
    for (const use of uses) {
      const literal = /^['"`]([A-Z_]+)['"`]$/.exec(use.arg)?.[1]
      expect(literal).toBeDefined()
      expect([...anchors]).toContain(fragmentOf(troubleshootingLink(literal as string)))
    }
  })

  it('has a section for every finding code, at the helpUri of its SARIF rule', () => {
    expect(KNOWN_CODES.length).toBeGreaterThanOrEqual(20)
    for (const code of KNOWN_CODES) {
      const rule = findingRule(code)
      expect(rule.helpUri).toBe(troubleshootingLink(code))
      expect([...anchors]).toContain(fragmentOf(rule.helpUri))
    }
  })

  it('has no in-page link to a missing anchor', () => {
    const prose = doc.replace(/^(\s{0,3})(`{3,}|~{3,})[\s\S]*?^\1\2\s*$/gm, '')
    const targets = [...prose.matchAll(/\]\(#([^)\s]+)\)/g)].map(m => decodeURIComponent(m[1]))
    expect(targets.length).toBeGreaterThan(0)
    expect(targets.filter(t => !anchors.has(t))).toEqual([])
  })

  it('links only to files that exist', () => {
    const relative = [...doc.matchAll(/\]\(((?!https?:|#)[^)\s#]+)(?:#[^)]*)?\)/g)].map(m => m[1])
    const missing = relative.filter(p => !existsSync(path.join(path.dirname(DOC), p)))
    expect(missing).toEqual([])
  })

  // The statements the page tells users to add are the ones the action prints, for the page's example role.
  function firstJsonBlock(section: string): unknown {
    const start = doc.indexOf(`\n## ${section}\n`)
    const end = doc.indexOf('\n## ', start + 1)
    const block = /```json\n([\s\S]*?)```/.exec(doc.slice(start, end < 0 ? undefined : end))
    if (start < 0 || !block) throw new Error(`no JSON block in section ${section}`)
    return JSON.parse(block[1])
  }

  it('shows the key-policy statement that fix: suggest prints', () => {
    const caller = { principalArn: 'arn:aws:iam::111122223333:role/ci-start-role', accountId: '111122223333' }
    expect(firstJsonBlock('deny-implicit')).toEqual(buildFixStatement(caller, 'us-east-1'))
  })

  it('shows the identity-policy statement that fix: suggest prints', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
    expect(firstJsonBlock('allow-if-iam')).toEqual(buildIamFixStatement(key, 'us-east-1'))
  })
})
