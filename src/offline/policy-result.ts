// Builds the ExtractedPolicy every reader returns, so that all formats agree on the same invariants:
// `policy` is an object, `statementLines` has one line per statement, placeholders became markers.
import type { ExtractedPolicy } from './types.js'
import { isPlainObject, UnresolvedCollector } from './unresolved.js'

export interface PolicyParts {
  name: string
  line: number
  /** The resolved policy; anything but an object means the whole policy is unknown (and `unresolved` says why). */
  policy: unknown
  /** Lines found for the statements; replaced by `line` for each statement when they do not line up. */
  statementLines?: number[]
  collector?: UnresolvedCollector
  unresolved?: string[]
}

export function extractedPolicy(parts: PolicyParts): ExtractedPolicy {
  const finished = (parts.collector ?? new UnresolvedCollector()).finish(parts.policy)
  const unresolved = [...(parts.unresolved ?? []), ...finished.unresolved]
  const policy = isPlainObject(finished.policy) ? finished.policy : {}
  return { name: parts.name, line: parts.line, statementLines: alignLines(policy, parts), policy, unresolved }
}

function alignLines(policy: Record<string, unknown>, parts: PolicyParts): number[] {
  const statement = policy.Statement
  if (Array.isArray(statement)) {
    const lines = parts.statementLines
    return lines && lines.length === statement.length ? lines : statement.map(() => parts.line)
  }
  return statement === undefined ? [] : [parts.line]
}
