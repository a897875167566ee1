// The offline gate against hostile files from a pull request: a YAML alias bomb (9^9 strings once expanded) and a
// JSON policy nested 10,000 levels deep sit next to an ordinary blocking policy. Each hostile file is its own finding
// (DOCUMENT_TOO_LARGE, DOCUMENT_TOO_DEEP), the ordinary one is still judged, and the step ends in bounded time and
// memory. Before the bounds, the bomb grew past 2.6 GB and the deep policy killed the run with "Maximum call stack
// size exceeded": no verdicts, no summary, for the ordinary file neither.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction, type ActionRun } from './harness.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'
const MAX_RSS_PRELOAD = fileURLToPath(new URL('./max-rss.cjs', import.meta.url))

/** The billion laughs as a CloudFormation template: the key policy's Statement is the last alias. */
function aliasBomb(levels = 9): string {
  const lol = Array(9).fill('"lol"').join(',')
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', `  l0: &l0 [${lol}]`]
  for (let i = 1; i <= levels; i++)
    lines.push(
      `  l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`
    )
  lines.push('Resources:', '  BombKey:', '    Type: AWS::KMS::Key', '    Properties:', '      KeyPolicy:')
  lines.push(`        Statement: *l${levels}`)
  return `${lines.join('\n')}\n`
}

/** A key policy whose Condition value is an array nested 10,000 levels deep. */
function deepPolicy(depth = 10_000): string {
  const value = '['.repeat(depth) + '"111122223333"' + ']'.repeat(depth)
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Deep', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:CreateGrant', Resource: '*' }
    ]
  }).replace(
    '"Resource":"*"',
    `"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":${value}}}`
  )
}

/** An ordinary policy that names only an admin role: DENY_IMPLICIT for the CI role. */
const BLOCKING = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Admins',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/KMSAdminRole' },
        Action: 'kms:*',
        Resource: '*'
      }
    ]
  },
  null,
  2
)

let folder: string
let run: ActionRun
let maxRssKb: number

describe('key-policy-files with an alias bomb and a 10,000-deep policy next to an ordinary one', () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'esg-bounds-'))
    mkdirSync(join(folder, 'infra'))
    mkdirSync(join(folder, 'policies'))
    writeFileSync(join(folder, 'infra', 'bomb.yaml'), aliasBomb())
    writeFileSync(join(folder, 'policies', 'deep.json'), deepPolicy())
    // HashiCorp's HCL parser recurses too: a .tf file nested 10,000 levels deep is checked before it runs.
    mkdirSync(join(folder, 'terraform'))
    writeFileSync(
      join(folder, 'terraform', 'deep.tf'),
      `locals {\n  x = ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n}\n`
    )
    writeFileSync(join(folder, 'policies', 'blocking.json'), BLOCKING)
    // Over the 8 MiB limit: refused from its size, never read.
    writeFileSync(join(folder, 'policies', 'huge.json'), `{"Statement":[${' '.repeat(9 * 1024 * 1024)}]}`)
    run = await runAction({
      workspaceFrom: folder,
      env: { NODE_OPTIONS: `--require ${MAX_RSS_PRELOAD}` },
      inputs: {
        'key-policy-files': 'infra/*.yaml\npolicies/*.json\nterraform/*.tf',
        'principal-arn': ROLE,
        region: 'us-east-1'
      },
      timeoutMs: 60_000
    })
    maxRssKb = Number(/esg-test-max-rss-kb=(\d+)/.exec(run.stderr)?.[1] ?? NaN)
    // The numbers for the record (the issue asks for them).
    console.log(
      `offline gate with hostile files: ${Math.round(run.durationMs)} ms, peak RSS ${Math.round(maxRssKb / 1024)} MB`
    )
  })

  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('reports each hostile file as its own finding, judges the ordinary one, and fails the step', () => {
    expect(run.code).toBe(1)
    const errors = run.annotations.filter(a => a.level === 'error' && a.properties.file)
    const byFile = Object.fromEntries(errors.map(a => [a.properties.file, a]))
    expect(Object.keys(byFile).sort()).toEqual([
      'infra/bomb.yaml',
      'policies/blocking.json',
      'policies/deep.json',
      'policies/huge.json',
      'terraform/deep.tf'
    ])
    expect(byFile['terraform/deep.tf'].message).toMatch(
      /^terraform\/deep\.tf: DOCUMENT_TOO_DEEP: the document nests objects and arrays more than 100 levels deep \(at 2:\d+\)/
    )
    expect(byFile['terraform/deep.tf'].properties.line).toBe('2')
    expect(byFile['policies/huge.json'].message).toMatch(
      /^policies\/huge\.json: DOCUMENT_TOO_LARGE: the file is 9437\d+ bytes; the limit is 8388608 \(8 MiB\)/
    )
    expect(byFile['infra/bomb.yaml'].message).toMatch(
      /^infra\/bomb\.yaml: DOCUMENT_TOO_LARGE: the YAML aliases expand past the limit \(maxAliasCount 100\)/
    )
    expect(byFile['infra/bomb.yaml'].message).toContain('TROUBLESHOOTING.md#document-too-large')
    expect(byFile['policies/deep.json'].message).toMatch(
      /^policies\/deep\.json: DOCUMENT_TOO_DEEP: the document nests objects and arrays more than 100 levels deep/
    )
    expect(byFile['policies/deep.json'].message).toContain('TROUBLESHOOTING.md#document-too-deep')
    // The ordinary file is judged as if the others were not there.
    expect(byFile['policies/blocking.json'].properties.title).toBe(
      'Key policy would stop EC2: KMS key policy does not let EC2 create a grant'
    )
  })

  it('points the deep file annotation at the line and column where the limit is crossed', () => {
    const deep = run.annotations.find(a => a.properties.file === 'policies/deep.json')
    expect(deep?.message).toMatch(/\(at 1:\d+\)/)
    expect(deep?.properties.line).toBe('1')
  })

  it('writes the summary with every file, and no crash on stderr', () => {
    for (const file of [
      'infra/bomb.yaml',
      'policies/deep.json',
      'policies/blocking.json',
      'terraform/deep.tf'
    ])
      expect(run.summary).toContain(`<code>${file}</code>`)
    expect(run.summary).toContain('DOCUMENT_TOO_LARGE')
    expect(run.summary).toContain('DOCUMENT_TOO_DEEP')
    expect(run.summary).toContain('DENY_IMPLICIT')
    expect(run.stderr).not.toMatch(/Maximum call stack size exceeded|heap out of memory|FATAL ERROR/)
  })

  it('ends in bounded time and memory', () => {
    expect(run.durationMs).toBeLessThan(15_000)
    expect(maxRssKb).toBeGreaterThan(0)
    expect(maxRssKb).toBeLessThan(400 * 1024)
  })
})

describe('key-policy-files with catastrophic wildcard patterns', () => {
  // *?*?…Z as a RegExp backtracks exponentially on a value without a Z; the glob matcher is linear.
  const HOSTILE = `${'*?'.repeat(10)}Z`
  let hostileRun: ActionRun
  let hostileFolder: string

  beforeAll(async () => {
    hostileFolder = mkdtempSync(join(tmpdir(), 'esg-glob-'))
    mkdirSync(join(hostileFolder, 'policies'))
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'HostileAction',
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: `kms:${HOSTILE}`,
          Resource: '*'
        },
        {
          Sid: 'HostileResource',
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: 'kms:CreateGrant',
          Resource: HOSTILE
        },
        {
          Sid: 'HostileConditions',
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: {
            StringLike: { 'aws:PrincipalArn': HOSTILE },
            ArnLike: { 'aws:PrincipalArn': HOSTILE }
          }
        }
      ]
    }
    writeFileSync(join(hostileFolder, 'policies', 'hostile.json'), JSON.stringify(policy, null, 2))
    hostileRun = await runAction({
      workspaceFrom: hostileFolder,
      inputs: { 'key-policy-files': 'policies/*.json', 'principal-arn': ROLE, region: 'us-east-1' },
      timeoutMs: 30_000
    })
    console.log(`offline gate with catastrophic wildcards: ${Math.round(hostileRun.durationMs)} ms`)
  })

  afterAll(() => rmSync(hostileFolder, { recursive: true, force: true }))

  it('judges the policy (nothing matches, so DENY_IMPLICIT) in well under the timeout', () => {
    expect(hostileRun.durationMs).toBeLessThan(10_000)
    expect(hostileRun.code).toBe(1)
    const error = hostileRun.annotations.find(a => a.properties.file === 'policies/hostile.json')
    expect(error?.properties.title).toBe(
      'Key policy would stop EC2: KMS key policy does not let EC2 create a grant'
    )
  })
})
