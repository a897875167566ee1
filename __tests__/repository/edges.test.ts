// Two edges over one core: the action (src/index.ts: @actions/core, OIDC, workflow commands) and the command line
// (src/cli/index.ts: argv, stdout/stderr, exit code). Walks the import graph from each entry point, static and
// dynamic imports alike, so an indirect import counts as much as a direct one.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm

interface Graph {
  files: string[]
  /** Packages each file imports, by file. */
  packages: Map<string, string[]>
}

function walk(entry: string): Graph {
  const seen = new Set<string>()
  const packages = new Map<string, string[]>()
  const todo = [join(SRC, entry)]
  while (todo.length > 0) {
    const file = todo.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const names = [...text.matchAll(IMPORT)].map(m => m[1])
    packages.set(
      relative(SRC, file),
      names.filter(n => !n.startsWith('.'))
    )
    for (const name of names.filter(n => n.startsWith('.'))) {
      const target = join(dirname(file), name.replace(/\.js$/, '.ts'))
      if (existsSync(target)) todo.push(target)
    }
  }
  return { files: [...seen].map(f => relative(SRC, f)).sort(), packages }
}

describe('the action and the CLI are two edges over one core', () => {
  const cli = walk('cli/index.ts')
  const action = walk('index.ts')

  it('the CLI reaches the core (inputs, live run, findings, outputs) but none of the action edge', () => {
    expect(cli.files).toEqual(
      expect.arrayContaining([
        'inputs.ts',
        'live.ts',
        'report/findings.ts',
        'report/outputs.ts',
        'diagnosis/diagnose.ts'
      ])
    )
    for (const edge of ['main.ts', 'post.ts', 'report/publish.ts', 'aws/credentials.ts', 'index.ts'])
      expect(cli.files).not.toContain(edge)
    const toolkit = [...cli.packages].filter(([, names]) => names.some(n => n.startsWith('@actions/')))
    expect(toolkit).toEqual([])
  })

  it('the action reaches none of the CLI edge', () => {
    expect(action.files).toContain('live.ts')
    expect(action.files.filter(f => f.startsWith('cli/'))).toEqual([])
  })

  it('the walk sees dynamic imports (it would miss the live run otherwise)', () => {
    // main.ts loads live.ts only with import(): the graph must still contain it and what it imports.
    expect(action.files).toEqual(expect.arrayContaining(['live.ts', 'aws/poll.ts', 'post.ts']))
  })
})
