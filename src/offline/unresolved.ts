// Values that cannot be known offline (a role's !GetAtt, a parameter, a Terraform "known after apply") are kept in the
// policy as a marker string, so the evaluator sees that an unknown value, not a wrong one, decides its verdict.

import { UNRESOLVED_MARKER } from '../kms/policy.js'

/** Prefix of every unresolved value; the evaluator (src/kms/policy.ts) owns it and looks for it. */
export { UNRESOLVED_MARKER }

export function unresolvedValue(description: string): string {
  return `${UNRESOLVED_MARKER}${description}}`
}

// While resolving, an unknown value becomes a numbered placeholder. Placeholders survive string building (!Sub, !Join)
// and JSON text (a KeyPolicy given as a string), and only at the end, when the placeholder's place in the policy is
// known, does it become the marker with a description that names that place.
const PLACEHOLDER = /\$\{ec2sg:unresolved:#(\d+)\}/g

/** Collects the unknown values met while resolving one policy. */
export class UnresolvedCollector {
  private readonly what: string[] = []

  /** A placeholder for an unknown value; `what` says what it was, e.g. "!GetAtt AppRole.Arn". */
  placeholder(what: string): string {
    this.what.push(what)
    return `${UNRESOLVED_MARKER}#${this.what.length - 1}}`
  }

  /**
   * Replaces every string that holds a placeholder with one marker naming what was unknown and where, e.g.
   * "!GetAtt AppRole.Arn in statement 2 Principal", and returns those descriptions in document order.
   */
  finish(policy: unknown): { policy: unknown; unresolved: string[] } {
    const unresolved: string[] = []
    const rewrite = (value: unknown, path: (string | number)[]): unknown => {
      if (typeof value === 'string') {
        const ids = [...value.matchAll(PLACEHOLDER)].map(m => Number(m[1]))
        if (ids.length === 0) return value
        const where = describePlace(policy, path)
        const descriptions = ids.map(id => `${this.what[id] ?? 'a value'} in ${where}`)
        unresolved.push(...descriptions)
        return unresolvedValue(descriptions.join('; '))
      }
      if (Array.isArray(value)) return value.map((item, i) => rewrite(item, [...path, i]))
      if (isPlainObject(value)) {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(value))
          out[rewriteKey(k, [...path, k])] = rewrite(v, [...path, k])
        return out
      }
      return value
    }
    // A key built by !Sub inside a policy string (e.g. "aws:ResourceTag/${TagName}") is unknown too.
    const rewriteKey = (key: string, path: (string | number)[]): string => rewrite(key, path) as string
    return { policy: rewrite(policy, []), unresolved }
  }
}

/** "statement 2 Principal" for ['Statement', 1, 'Principal', 'AWS']; statements are numbered from 1 as people count. */
function describePlace(policy: unknown, path: (string | number)[]): string {
  if (path[0] !== 'Statement') return path.length === 0 ? 'the policy' : `policy ${path.join('.')}`
  const statements = isPlainObject(policy) ? policy.Statement : undefined
  if (Array.isArray(statements)) {
    if (typeof path[1] !== 'number') return 'policy Statement'
    return path.length > 2 ? `statement ${path[1] + 1} ${path[2]}` : `statement ${path[1] + 1}`
  }
  return path.length > 1 ? `statement 1 ${path[1]}` : 'policy Statement'
}

/** A JSON-like object: not an array, not null, not a class instance such as an Intrinsic call. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
