// sarif-file through the bundled action: the Terraform PR gate writes a SARIF 2.1.0 log that the official schema
// accepts, on the .tf lines, with the same fingerprints in two runs; a live mode: check writes one too; a path
// outside the workspace is a bad input that makes no AWS call.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import AjvModule from 'ajv'
import addFormatsModule from 'ajv-formats'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFake, type Fake } from './fake/server.mjs'
import { runAction, type ActionRun, REPO, PR_REPO, envWithoutCredentials } from './harness.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'
const SARIF = 'results/ec2-start-guard.sarif'
const FINGERPRINT = 'ec2StartGuardFinding/v1'

type AjvClass = typeof AjvModule.default
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule.default }).default ??
  addFormatsModule) as typeof addFormatsModule.default
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const validate = ajv.compile(
  JSON.parse(readFileSync(join(REPO, '__tests__', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'))
)

interface Result {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } }
    logicalLocations?: Array<{ fullyQualifiedName: string }>
  }>
  partialFingerprints: Record<string, string>
}
interface Log {
  version: string
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string }> } }
    results: Result[]
  }>
}

let fake: Fake
const runs: ActionRun[] = []

function gate(extra: Record<string, string> = {}) {
  const env = envWithoutCredentials(fake)
  return runAction({
    workspaceFrom: PR_REPO,
    env: {
      ...env,
      GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/kms-gate.yml@refs/pull/7/merge'
    },
    inputs: {
      'key-policy-files': 'terraform-src/*.tf',
      'principal-arn': ROLE,
      region: 'us-east-1',
      'sarif-file': SARIF,
      ...extra
    }
  })
}

const logOf = (run: ActionRun): Log => JSON.parse(readFileSync(join(run.workspace, SARIF), 'utf8')) as Log

beforeAll(async () => {
  fake = await startFake({})
  // Two runs on two fresh copies of the same pull request, as two pushes would be.
  runs.push(await gate(), await gate())
})

afterAll(async () => {
  await fake.close()
})

describe('sarif-file in the Terraform PR gate', () => {
  it('writes the file and makes no AWS request; the gate verdict is unchanged', () => {
    expect(fake.log).toEqual([])
    for (const run of runs) {
      expect(existsSync(join(run.workspace, SARIF))).toBe(true)
      expect(run.code).not.toBe(0)
      expect(run.stdout).toMatch(/sarif-file: \d+ result\(s\) written to results\/ec2-start-guard\.sarif/)
    }
  })

  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = logOf(runs[0])
    const ok = validate(log)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0].tool.driver.name).toBe('ec2-start-guard')
  })

  it('puts each result on the .tf file and line of its annotation, with its level', () => {
    const log = logOf(runs[0])
    const where = log.runs[0].results.map(r => [
      r.level,
      r.locations[0].physicalLocation?.artifactLocation.uri,
      r.locations[0].physicalLocation?.region.startLine,
      r.ruleId
    ])
    // The keys and lines of offline-gate-terraform.test.ts, each with its verdict as the rule.
    expect(where).toEqual([
      ['error', 'terraform-src/document.tf', 49, 'DENY_EXPLICIT'],
      ['error', 'terraform-src/encoded.tf', 4, 'DENY_IMPLICIT'],
      ['error', 'terraform-src/heredoc.tf', 15, 'DENY_EXPLICIT'],
      ['error', 'terraform-src/heredoc.tf', 34, 'DENY_IMPLICIT'],
      ['warning', 'terraform-src/encoded.tf', 36, 'UNRESOLVED'],
      ['note', 'terraform-src/encoded.tf', 26, 'ALLOW_IF_IAM']
    ])
    // Every annotation with a file is a result on the same file and line.
    const annotated = runs[0].annotations
      .filter(a => a.properties.file)
      .map(a => `${a.properties.file}:${a.properties.line}`)
    const placed = where.map(w => `${w[1]}:${w[2]}`)
    expect([...placed].sort()).toEqual([...annotated].sort())
  })

  it('has one rule per finding code, each linking to its troubleshooting section', () => {
    const log = logOf(runs[0])
    const rules = log.runs[0].tool.driver.rules
    const codes = new Set(log.runs[0].results.map(r => r.ruleId))
    expect(rules.map(r => r.id).sort()).toEqual([...codes].sort())
    for (const rule of rules) expect(rule.helpUri).toMatch(/\/docs\/TROUBLESHOOTING\.md#[a-z0-9-]+$/)
    for (const r of log.runs[0].results) expect(rules[r.ruleIndex].id).toBe(r.ruleId)
  })

  it('gives identical fingerprints in two runs, one per finding', () => {
    const prints = (run: ActionRun) => logOf(run).runs[0].results.map(r => r.partialFingerprints[FINGERPRINT])
    expect(prints(runs[1])).toEqual(prints(runs[0]))
    expect(new Set(prints(runs[0])).size).toBe(prints(runs[0]).length)
    // The whole file is the same: no timestamp, no absolute path.
    expect(readFileSync(join(runs[1].workspace, SARIF), 'utf8')).toBe(
      readFileSync(join(runs[0].workspace, SARIF), 'utf8')
    )
  })
})

describe('sarif-file: bad values', () => {
  it.each(['../outside.sarif', '/etc/ec2-start-guard.sarif', 'results/'])(
    '%s is a bad input: a clear error, no file, no AWS request',
    async value => {
      const before = fake.log.length
      const run = await gate({ 'sarif-file': value })
      expect(run.code).not.toBe(0)
      const errors = run.annotations.filter(a => a.level === 'error').map(a => a.message)
      expect(errors.join('\n')).toContain(`Bad input: Input 'sarif-file' has ${JSON.stringify(value)}`)
      expect(fake.log.length).toBe(before)
      expect(existsSync(join(run.workspace, 'results'))).toBe(false)
    }
  )
})

describe('sarif-file through a symbolic link the pull request added', () => {
  it('is refused: the step fails saying why, and nothing is written outside the workspace', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'esg-sarif-repo-'))
    cpSync(PR_REPO, repo, { recursive: true })
    const outside = mkdtempSync(join(tmpdir(), 'esg-sarif-outside-'))
    symlinkSync(outside, join(repo, 'results'))
    const env = envWithoutCredentials(fake)
    const run = await runAction({
      workspaceFrom: repo,
      env,
      inputs: {
        'key-policy-files': 'policies/raw-good.json',
        'principal-arn': ROLE,
        region: 'us-east-1',
        'sarif-file': SARIF
      }
    })
    expect(run.code).not.toBe(0)
    const errors = run.annotations.filter(a => a.level === 'error').map(a => a.message)
    expect(errors.join('\n')).toMatch(
      /sarif-file: the SARIF log could not be written to results\/ec2-start-guard\.sarif: .*outside the workspace/
    )
    expect(readdirSync(outside)).toEqual([])
  })
})

describe('sarif-file in a live mode: check', () => {
  const KEY = '2222bbbb-22bb-22bb-22bb-222222222222'
  const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY}`
  let live: Fake
  let run: ActionRun

  beforeAll(async () => {
    live = await startFake({
      instances: [
        { id: 'i-0aaaaaaaaaaaaaaa1', name: 'app-1', state: 'stopped', volumeIds: ['vol-01111111111111111'] }
      ],
      volumes: [{ id: 'vol-01111111111111111', encrypted: true, kmsKeyId: KEY_ARN }],
      keys: [
        {
          keyId: KEY,
          aliases: ['alias/ci-ebs'],
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AdminsOnly',
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:role/KMSAdminRole' },
                Action: 'kms:*',
                Resource: '*'
              }
            ]
          }
        }
      ]
    })
    run = await runAction({
      env: {
        ...live.env(),
        GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/check.yml@refs/heads/main'
      },
      inputs: { 'instance-ids': 'i-0aaaaaaaaaaaaaaa1', mode: 'check', 'sarif-file': SARIF }
    })
  })

  afterAll(async () => {
    await live.close()
  })

  it('writes a valid log with the key finding on the workflow file and the key ARN as logical location', () => {
    expect(run.code).not.toBe(0)
    const log = logOf(run)
    expect(validate(log)).toBe(true)
    const result = log.runs[0].results.find(r => r.ruleId === 'DENY_IMPLICIT')
    expect(result?.level).toBe('error')
    expect(result?.locations[0].physicalLocation?.artifactLocation.uri).toBe('.github/workflows/check.yml')
    expect(result?.locations[0].logicalLocations?.[0].fullyQualifiedName).toBe(KEY_ARN)
    expect(live.log.some(e => e.action === 'StartInstances')).toBe(false)
  })

  it('mode: start writes one too: the silent stop is the key finding, the instance is named', async () => {
    const started = await runAction({
      env: {
        ...live.env(),
        GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/check.yml@refs/heads/main'
      },
      inputs: { 'instance-ids': 'i-0aaaaaaaaaaaaaaa1', 'sarif-file': SARIF }
    })
    expect(started.code).not.toBe(0)
    expect(live.log.some(e => e.action === 'StartInstances')).toBe(true)
    const log = logOf(started)
    expect(validate(log)).toBe(true)
    const result = log.runs[0].results.find(r => r.ruleId === 'DENY_IMPLICIT')
    expect(result?.locations[0].logicalLocations?.[0].fullyQualifiedName).toBe(KEY_ARN)
    expect(result?.message.text).toContain('i-0aaaaaaaaaaaaaaa1')
    // The same key, the same fingerprint as in the check.
    const checked = logOf(run).runs[0].results.find(r => r.ruleId === 'DENY_IMPLICIT')
    expect(result?.partialFingerprints).toEqual(checked?.partialFingerprints)
  })
})
