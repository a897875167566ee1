// scripts/sdk-subset.mjs cuts each AWS SDK client down to what src/ uses before ncc bundles it. A name it misses
// would be undefined in the bundle, so the scan must find every kind of use, and refuse a use it cannot read.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { inlineConstantKeys, usedClientExports } from '../../scripts/sdk-subset.mjs'

const scan = (text: string): Record<string, string[]> =>
  Object.fromEntries(
    [...usedClientExports([{ file: 'src/x.ts', text }])].map(([pkg, names]) => [pkg, [...names].sort()])
  )

describe('which SDK exports src/ uses', () => {
  it('takes named imports and re-exports, by their exported name, and leaves out type-only ones', () => {
    const used = scan(`
      import { DescribeInstancesCommand, StartInstancesCommand as Start, type Instance } from '@aws-sdk/client-ec2'
      import type { EC2Client } from '@aws-sdk/client-ec2'
      export { GetKeyPolicyCommand } from '@aws-sdk/client-kms'
      export type { KeyMetadata } from '@aws-sdk/client-kms'
      import { something } from '@aws-sdk/types'
    `)
    expect(used).toEqual({
      '@aws-sdk/client-ec2': ['DescribeInstancesCommand', 'StartInstancesCommand'],
      '@aws-sdk/client-kms': ['GetKeyPolicyCommand']
    })
  })

  it('takes the client class from a dynamic import, by property or by destructuring', () => {
    const used = scan(`
      const ec2 = async () => new (await import('@aws-sdk/client-ec2')).EC2Client({})
      const { KMSClient, ListAliasesCommand: List } = await import('@aws-sdk/client-kms')
    `)
    expect(used).toEqual({
      '@aws-sdk/client-ec2': ['EC2Client'],
      '@aws-sdk/client-kms': ['KMSClient', 'ListAliasesCommand']
    })
  })

  it.each([
    ["import * as ec2 from '@aws-sdk/client-ec2'", 'namespace import of @aws-sdk/client-ec2'],
    ["import ec2 from '@aws-sdk/client-ec2'", 'default import of @aws-sdk/client-ec2'],
    ["export * from '@aws-sdk/client-ec2'", 'export * from @aws-sdk/client-ec2'],
    ["const sdk = await import('@aws-sdk/client-ec2')", "import('@aws-sdk/client-ec2') used other than"]
  ])('refuses %s, naming the file and line', (line, problem) => {
    expect(() => scan(`\n${line}\n`)).toThrow(`src/x.ts:2: ${problem}`)
  })

  it('finds in src/ every client the action builds and every command it sends', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter(f => f.endsWith('.ts'))
    const used = usedClientExports(
      files.map(f => ({ file: `src/${f}`, text: readFileSync(`src/${f}`, 'utf8') }))
    )
    expect([...used.keys()].sort()).toEqual([
      '@aws-sdk/client-ec2',
      '@aws-sdk/client-iam',
      '@aws-sdk/client-kms',
      '@aws-sdk/client-sts'
    ])
    for (const name of [
      'EC2Client',
      'DescribeInstancesCommand',
      'StartInstancesCommand',
      'StopInstancesCommand'
    ]) {
      expect(used.get('@aws-sdk/client-ec2')).toContain(name)
    }
    expect(used.get('@aws-sdk/client-kms')).toContain('PutKeyPolicyCommand')
  })
})

describe('constant keys in the SDK schemas', () => {
  it('replaces a computed key by the string constant it names, and nothing else', () => {
    const schema = [
      'const _xN = "xmlName";',
      'const _eQN = "ec2QueryName";',
      'let _v = "variable";',
      'export var A$ = [3, n0, _A, 0, [_B], [[() => B$, { [_eQN]: `Items`, [_xN]: _it }]]];',
      'export var C$ = { [_v]: 1, [_unknown]: 2, list: [_xN] };'
    ].join('\n')
    const out = inlineConstantKeys(schema)
    expect(out).toContain('{ "ec2QueryName": `Items`, "xmlName": _it }')
    expect(out).toContain('{ [_v]: 1, [_unknown]: 2, list: [_xN] }')
    expect(out.split('\n').slice(0, 3)).toEqual(schema.split('\n').slice(0, 3))
  })
})
