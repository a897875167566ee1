// The SARIF log (src/report/sarif.ts): valid against the official SARIF 2.1.0 schema, one rule per finding code,
// and fingerprints that name the finding, not its line or its wording.
import { describe, expect, it } from '@jest/globals'
import AjvModule from 'ajv'
import addFormatsModule from 'ajv-formats'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readInputs } from '../../src/inputs.js'
import { checkPolicyFiles } from '../../src/offline/check-files.js'
import { findingRule } from '../../src/report/finding-rules.js'
import { buildFindings, type RunFindings } from '../../src/report/findings.js'
import { troubleshootingLink } from '../../src/report/links.js'
import type { KeyReport, RunReport } from '../../src/report/model.js'
import { report } from './builders.js'
import { writeSarifFile } from '../../src/report/sarif-file.js'
import {
  buildSarif,
  FINGERPRINT_KEY,
  pathToUri,
  workflowFileOf,
  type SarifLog
} from '../../src/report/sarif.js'

const SCHEMA_FILE = path.join(process.cwd(), '__tests__', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json')
const OFFLINE = path.join(process.cwd(), '__tests__', 'fixtures', 'offline')
const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'

type AjvClass = typeof AjvModule.default
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule.default }).default ??
  addFormatsModule) as typeof addFormatsModule.default

const schemaText = readFileSync(SCHEMA_FILE, 'utf8')
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const validate = ajv.compile(JSON.parse(schemaText))

function expectValid(log: SarifLog): void {
  // Through JSON, as the file holds it: undefined members vanish, as they do on disk.
  const ok = validate(JSON.parse(JSON.stringify(log)))
  expect(validate.errors ?? []).toEqual([])
  expect(ok).toBe(true)
}

/** The offline gate on a copy of the reader fixtures: several failing, warning and passing policies. */
async function offlineRun(): Promise<RunFindings> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'esg-sarif-'))
  cpSync(OFFLINE, path.join(workspace, 'policies dir'), { recursive: true })
  const inputs = readInputs(
    name =>
      ({
        'key-policy-files': 'policies dir/*.json\npolicies dir/*.yaml',
        'principal-arn': ROLE,
        region: 'us-east-1'
      })[name] ?? '',
    { GITHUB_WORKSPACE: workspace }
  )
  return buildFindings(await checkPolicyFiles(inputs, workspace))
}

function liveReport(): RunReport {
  const key = (n: number, over: Partial<KeyReport> = {}): KeyReport => ({
    arn: `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-00000000000${n}`,
    alias: `alias/ci-${n}`,
    manager: 'CUSTOMER',
    state: 'Enabled',
    accountId: '111122223333',
    verdict: { verdict: 'DENY_IMPLICIT', usable: false, reason: 'nothing allows it' },
    status: 'misconfigured',
    instances: [`i-0000000${n}`],
    volumes: [`vol-${n}`],
    ...over
  })
  return report({
    mode: 'check',
    keys: [
      key(1),
      key(2, {
        verdict: {
          verdict: 'DENY_EXPLICIT',
          finding: 'EC2_DECRYPT_DENIED',
          usable: false,
          reason: 'Deny "<b>@org/team</b>" stops Decrypt'
        }
      }),
      key(3, {
        status: 'unverified',
        verdict: { verdict: 'CANNOT_EVALUATE', usable: false, reason: 'unknown op' }
      })
    ],
    problems: ['the diagnosis timed out after 60 s'],
    warnings: ['SimulatePrincipalPolicy was denied'],
    durationMs: 10,
    polls: 1
  })
}

describe('buildSarif: the offline gate', () => {
  it('uses a validator that rejects a broken log (so passing means something)', async () => {
    const log = buildSarif(await offlineRun(), { toolVersion: '1.0.0' }) as unknown as {
      runs: Array<{ results: Array<Record<string, unknown>> }>
    }
    log.runs[0].results[0].level = 'fatal'
    expect(validate(JSON.parse(JSON.stringify(log)))).toBe(false)
    expect(JSON.stringify(validate.errors)).toMatch(/level/)
  })

  it('validates against the SARIF 2.1.0 schema shipped in the test tree (draft-07, unchanged)', async () => {
    expect(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex')).toBe(
      '10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454'
    )
    expect(JSON.parse(schemaText).$schema).toBe('http://json-schema.org/draft-07/schema#')
    const log = buildSarif(await offlineRun(), { toolVersion: '1.0.0' })
    expect(log.runs[0].results.length).toBeGreaterThan(2)
    expectValid(log)
  })

  it('gives each result its file (percent-encoded, relative to the workspace), line and level', async () => {
    const run = await offlineRun()
    const log = buildSarif(run, { toolVersion: '1.0.0' })
    const results = log.runs[0].results
    expect(results).toHaveLength(run.findings.length)
    run.findings.forEach((finding, i) => {
      const location = results[i].locations[0] as {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }
      }
      expect(location.physicalLocation.artifactLocation.uri).toBe(pathToUri(finding.file as string))
      expect(location.physicalLocation.artifactLocation.uri).toMatch(/^policies%20dir\//)
      expect(location.physicalLocation.region.startLine).toBe(finding.line ?? 1)
      expect(results[i].level).toBe({ error: 'error', warning: 'warning', notice: 'note' }[finding.level])
    })
    expect(results.map(r => r.level)).toContain('error')
  })

  it('has one rule per finding code, with its title, help and troubleshooting link', async () => {
    const run = await offlineRun()
    const log = buildSarif(run, { toolVersion: '1.0.0' })
    const rules = log.runs[0].tool.driver.rules as Array<{
      id: string
      helpUri: string
      shortDescription: { text: string }
      fullDescription: { text: string }
    }>
    const codes = [...new Set(run.findings.map(f => f.code))]
    expect(rules.map(r => r.id).sort()).toEqual([...codes].sort())
    for (const rule of rules) {
      expect(rule.helpUri).toBe(troubleshootingLink(rule.id))
      expect(rule.shortDescription.text).toBe(findingRule(rule.id).title)
      expect(rule.fullDescription.text.length).toBeGreaterThan(20)
    }
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex].id).toBe(result.ruleId)
  })

  it('gives the same fingerprints in two runs, and a different one to every finding', async () => {
    const prints = (log: SarifLog) => log.runs[0].results.map(r => r.partialFingerprints[FINGERPRINT_KEY])
    const first = prints(buildSarif(await offlineRun(), { toolVersion: '1.0.0' }))
    const second = prints(buildSarif(await offlineRun(), { toolVersion: '1.0.1' }))
    expect(second).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
    for (const p of first) expect(p).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps a fingerprint when the finding moves to another line or its reason is reworded', async () => {
    const run = await offlineRun()
    const moved: RunFindings = {
      ...run,
      findings: run.findings.map(f => ({ ...f, line: (f.line ?? 1) + 7, cause: `${f.cause} (reworded)` }))
    }
    const prints = (r: RunFindings) =>
      buildSarif(r, { toolVersion: '1' }).runs[0].results.map(x => x.partialFingerprints[FINGERPRINT_KEY])
    expect(prints(moved)).toEqual(prints(run))
    const renamed: RunFindings = {
      ...run,
      findings: run.findings.map(f => ({ ...f, file: `other/${f.file}` }))
    }
    expect(prints(renamed).some((p, i) => p === prints(run)[i])).toBe(false)
  })
})

describe('buildSarif: live findings (mode check or start)', () => {
  const run = buildFindings(liveReport())

  it('validates, and places key findings on the workflow file with the key ARN as logical location', () => {
    const log = buildSarif(run, { toolVersion: '1.0.0', workflowFile: '.github/workflows/gate.yml' })
    expectValid(log)
    const keyResult = log.runs[0].results.find(r => r.ruleId === 'DENY_IMPLICIT')
    expect(keyResult?.level).toBe('error')
    expect(keyResult?.locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: '.github/workflows/gate.yml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1 }
      },
      logicalLocations: [
        {
          fullyQualifiedName: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-000000000001',
          kind: 'resource'
        }
      ]
    })
  })

  it('validates without a workflow file too (logical locations only)', () => {
    const log = buildSarif(run, { toolVersion: '1.0.0' })
    expectValid(log)
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation).toBeUndefined()
  })

  it('has rules for the verdict, the key finding and the run codes, once each', () => {
    const log = buildSarif(run, { toolVersion: '1.0.0' })
    const ids = (log.runs[0].tool.driver.rules as Array<{ id: string }>).map(r => r.id)
    expect(ids.sort()).toEqual([
      'CANNOT_EVALUATE',
      'DENY_IMPLICIT',
      'EC2_DECRYPT_DENIED',
      'RUN_PROBLEM',
      'RUN_WARNING'
    ])
    expect(log.runs[0].results.find(r => r.ruleId === 'CANNOT_EVALUATE')?.level).toBe('warning')
  })

  it('keys the fingerprint on the key ARN, not on its alias', () => {
    const renamed = liveReport()
    renamed.keys = renamed.keys.map(k => ({ ...k, alias: `${k.alias}-renamed` }))
    const prints = (r: RunReport) =>
      buildSarif(buildFindings(r), { toolVersion: '1' }).runs[0].results.map(
        x => x.partialFingerprints[FINGERPRINT_KEY]
      )
    expect(prints(renamed)).toEqual(prints(liveReport()))
  })
})

describe('workflowFileOf', () => {
  it('reads the workflow path from GITHUB_WORKFLOW_REF', () => {
    expect(
      workflowFileOf({
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/kms-gate.yml@refs/pull/7/merge'
      })
    ).toBe('.github/workflows/kms-gate.yml')
  })

  it.each([
    [{}],
    [
      { GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_WORKFLOW_REF: 'other/repo/.github/workflows/a.yml@x' }
    ],
    [
      {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/../../etc/passwd@x'
      }
    ]
  ])('is undefined when the ref is missing or not a workflow of this repository (%j)', env => {
    expect(workflowFileOf(env)).toBeUndefined()
  })
})

describe('writeSarifFile', () => {
  function workspace(): string {
    return mkdtempSync(path.join(tmpdir(), 'esg-sarif-ws-'))
  }

  it('writes the file inside the workspace, creating its folder', async () => {
    const ws = workspace()
    await writeSarifFile(path.join(ws, 'results', 'gate.sarif'), ws, '{"version":"2.1.0"}\n')
    expect(readFileSync(path.join(ws, 'results', 'gate.sarif'), 'utf8')).toBe('{"version":"2.1.0"}\n')
  })

  it('refuses a folder that is a symbolic link out of the workspace (a pull request can add one)', async () => {
    const ws = workspace()
    const outside = mkdtempSync(path.join(tmpdir(), 'esg-sarif-outside-'))
    symlinkSync(outside, path.join(ws, 'results'))
    await expect(writeSarifFile(path.join(ws, 'results', 'gate.sarif'), ws, 'x')).rejects.toThrow(
      /outside the workspace/
    )
    expect(existsSync(path.join(outside, 'gate.sarif'))).toBe(false)
    // Not even a folder is created out there before the check.
    await expect(writeSarifFile(path.join(ws, 'results', 'a', 'b', 'gate.sarif'), ws, 'x')).rejects.toThrow(
      /outside the workspace/
    )
    expect(existsSync(path.join(outside, 'a'))).toBe(false)
  })

  it("never writes through a symbolic link in the file's place", async () => {
    const ws = workspace()
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'esg-sarif-target-')), 'victim')
    writeFileSync(target, 'untouched')
    symlinkSync(target, path.join(ws, 'gate.sarif'))
    await expect(writeSarifFile(path.join(ws, 'gate.sarif'), ws, 'x')).rejects.toThrow()
    expect(readFileSync(target, 'utf8')).toBe('untouched')
  })
})
