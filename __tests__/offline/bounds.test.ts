// Bounds on the documents of the offline gate: a YAML alias bomb, an alias cycle and documents nested 10,000 levels
// deep become that file's own finding (DOCUMENT_TOO_LARGE / DOCUMENT_TOO_DEEP) in bounded time, never a crash.
import { describe, expect, it } from '@jest/globals'
import { analyzeKeyAccess } from '../../src/kms/access.js'
import { parseKeyPolicy } from '../../src/kms/policy.js'
import {
  checkHclTextDepth,
  checkValueDepth,
  DocumentBoundsError,
  MAX_DOCUMENT_DEPTH
} from '../../src/offline/bounds.js'
import { extractKeyPolicies, type ExtractResult } from '../../src/offline/extract.js'
import { CI_ROLE, CTX } from './fixtures.js'

/** `{"a":{"a":...1...}}` with `depth` objects. */
function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

/** A key policy whose one Condition value is an array nested `depth` levels. */
function deepPolicy(depth: number): string {
  const value = '['.repeat(depth) + '"x"' + ']'.repeat(depth)
  return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":${value}}}}]}`
}

/** The billion laughs in a CloudFormation template: 9^levels strings once every alias is followed. */
export function aliasBomb(levels = 9): string {
  const lines = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Metadata:',
    '  l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  ]
  for (let i = 1; i <= levels; i++)
    lines.push(
      `  l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`
    )
  lines.push(
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      KeyPolicy:',
    `        Statement: *l${levels}`
  )
  return lines.join('\n') + '\n'
}

function errorOf(result: ExtractResult): string {
  if (result.kind !== 'error')
    throw new Error(`expected an error, got ${JSON.stringify(result).slice(0, 200)}`)
  return result.message
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const began = performance.now()
  const value = run()
  return { value, ms: performance.now() - began }
}

describe('DOCUMENT_TOO_DEEP', () => {
  it('a JSON key policy nested 10,000 levels deep is its own finding, quickly', () => {
    const { value, ms } = timed(() => extractKeyPolicies('policies/deep.json', deepJson(10_000), CTX))
    const message = errorOf(value)
    expect(message).toMatch(
      /^DOCUMENT_TOO_DEEP: the document nests objects and arrays more than 100 levels deep \(at 1:\d+\)/
    )
    expect(message).toContain('TROUBLESHOOTING.md#document-too-deep')
    expect(ms).toBeLessThan(2000)
  })

  it('a JSON policy whose Statement value nests 10,000 arrays deep', () => {
    expect(errorOf(extractKeyPolicies('p.json', deepPolicy(10_000), CTX))).toMatch(/^DOCUMENT_TOO_DEEP/)
  })

  it.each([
    ['10,000 levels, flow style', 'Resources: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    // Block style needs one more space per level: 3,000 levels are 4.5 MB of indentation.
    [
      '3,000 levels, block style',
      Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n'
    ]
  ])('YAML nested %s never reaches the composer', (_style, text) => {
    const { value, ms } = timed(() => extractKeyPolicies('infra/deep.yaml', text, CTX))
    expect(errorOf(value)).toMatch(
      /^DOCUMENT_TOO_DEEP: the document nests objects and arrays more than 100 levels deep \(at \d+:\d+\)/
    )
    expect(ms).toBeLessThan(5000)
  })

  it(`accepts ${MAX_DOCUMENT_DEPTH} levels and refuses ${MAX_DOCUMENT_DEPTH + 1} (JSON and YAML)`, () => {
    // Not a policy, so skipped: the point is that it was parsed.
    expect(extractKeyPolicies('a.json', deepJson(MAX_DOCUMENT_DEPTH), CTX).kind).toBe('skipped')
    expect(errorOf(extractKeyPolicies('a.json', deepJson(MAX_DOCUMENT_DEPTH + 1), CTX))).toMatch(
      /^DOCUMENT_TOO_DEEP/
    )
    const flow = (n: number) => `Resources: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`
    expect(extractKeyPolicies('a.yaml', flow(MAX_DOCUMENT_DEPTH), CTX).kind).not.toBe('error')
    expect(errorOf(extractKeyPolicies('a.yaml', flow(MAX_DOCUMENT_DEPTH + 1), CTX))).toMatch(
      /^DOCUMENT_TOO_DEEP/
    )
  })

  it('a string full of brackets is not nesting', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: '[[[[{{{{'.repeat(100),
          Effect: 'Allow',
          Principal: { AWS: CI_ROLE },
          Action: 'kms:CreateGrant',
          Resource: '*'
        }
      ]
    }
    expect(extractKeyPolicies('p.json', JSON.stringify(policy), CTX).kind).toBe('policies')
  })

  it('checkHclTextDepth counts brackets, not what strings, comments and heredocs hold', () => {
    const deep = (n: number) => `locals {\n  x = ${'['.repeat(n - 1)}1${']'.repeat(n - 1)}\n}\n`
    expect(() => checkHclTextDepth(deep(MAX_DOCUMENT_DEPTH))).not.toThrow()
    expect(() => checkHclTextDepth(deep(MAX_DOCUMENT_DEPTH + 1))).toThrow(
      /^DOCUMENT_TOO_DEEP: .* \(at 2:\d+\)/
    )
    expect(() => checkHclTextDepth(deep(10_000))).toThrow(DocumentBoundsError)
    const brackets = '[{('.repeat(200)
    const quiet = [
      `a = "${brackets}"`,
      `# ${brackets}`,
      `// ${brackets}`,
      `/* ${brackets}\n${brackets} */`,
      `b = <<-EOT\n  ${brackets}\n  EOT`,
      'c = 1'
    ].join('\n')
    expect(() => checkHclTextDepth(quiet)).not.toThrow()
  })

  it('checkValueDepth (the HCL parser output) refuses deep values with an explicit stack', () => {
    let deep: unknown = 1
    for (let i = 0; i < 50_000; i++) deep = [deep]
    expect(() => checkValueDepth(deep, 'the HCL file')).toThrow(DocumentBoundsError)
    expect(() => checkValueDepth(deep, 'the HCL file')).toThrow(/^DOCUMENT_TOO_DEEP: the HCL file nests/)
    expect(() => checkValueDepth({ a: [{ b: 1 }] }, 'x')).not.toThrow()
  })
})

describe('DOCUMENT_TOO_LARGE', () => {
  it('a YAML alias bomb (9^9 values) is stopped by the alias limit, quickly and in little memory', () => {
    const before = process.memoryUsage().heapUsed
    const { value, ms } = timed(() => extractKeyPolicies('infra/bomb.yaml', aliasBomb(), CTX))
    expect(errorOf(value)).toMatch(
      /^DOCUMENT_TOO_LARGE: the YAML aliases expand past the limit \(maxAliasCount 100\)/
    )
    expect(errorOf(value)).toContain('TROUBLESHOOTING.md#document-too-large')
    expect(ms).toBeLessThan(2000)
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024)
  })

  it('a template that uses an anchor a few times is still read', () => {
    const text = [
      'Resources:',
      '  Key:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy:',
      '        Statement:',
      `          - &allow { Effect: Allow, Principal: { AWS: "${CI_ROLE}" }, Action: "kms:CreateGrant", Resource: "*" }`,
      '          - *allow',
      '          - *allow',
      ''
    ].join('\n')
    const result = extractKeyPolicies('infra/anchors.yaml', text, CTX)
    expect(result.kind).toBe('policies')
  })

  it('an alias cycle is too deep, not an endless walk', () => {
    const text = 'Resources: &r\n  Key:\n    Type: AWS::KMS::Key\n    Loop: *r\n'
    const result = extractKeyPolicies('infra/cycle.yaml', text, CTX)
    expect(errorOf(result)).toMatch(
      /^DOCUMENT_TOO_DEEP: .* once its aliases are followed \(an alias cycle\?\)/
    )
  })
})

describe('the key-policy parser (live path too)', () => {
  it('refuses a policy nested deeper than its limit instead of overflowing the stack', () => {
    const parsed = parseKeyPolicy(deepPolicy(20_000))
    expect(parsed).toEqual({
      ok: false,
      error: 'the key policy nests objects and arrays more than 32 levels deep'
    })
  })

  it('analyzeKeyAccess on that policy says CANNOT_EVALUATE', () => {
    const verdict = analyzeKeyAccess({
      key: {
        arn: 'arn:aws:kms:us-east-1:111122223333:key/k',
        keyId: 'k',
        accountId: '111122223333',
        region: 'us-east-1',
        keyManager: 'CUSTOMER',
        keyState: 'Enabled',
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        aliases: []
      },
      policy: deepPolicy(20_000),
      caller: { principalArn: CI_ROLE, accountId: '111122223333' },
      region: 'us-east-1'
    })
    expect(verdict.verdict).toBe('CANNOT_EVALUATE')
    expect(verdict.reason).toContain('more than 32 levels deep')
  })
})
