// A key policy document kept as a file on its own, exactly as GetKeyPolicy returns it or PutKeyPolicy takes it.
import { extractedPolicy } from './policy-result.js'
import { lineOf, statementLinesOf, type SourceTree } from './source-tree.js'
import type { ExtractResult } from './types.js'
import { isPlainObject } from './unresolved.js'

export function isRawPolicy(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && 'Statement' in value
}

export function extractRawPolicy(tree: SourceTree, policy: Record<string, unknown>): ExtractResult {
  const line = lineOf(tree, tree.root)
  return {
    kind: 'policies',
    format: 'raw-policy',
    policies: [
      extractedPolicy({
        name: 'key policy',
        line,
        policy,
        statementLines: statementLinesOf(tree, tree.root, line)
      })
    ]
  }
}
