// Policy values as tokens: literal text and wildcards, with ${...} policy variables substituted from the request.
// Text and wildcards stay apart so a wildcard that a variable's value happens to contain is never one.
import { globMatcher, type GlobMatcher } from './glob.js'
import { isUnresolved } from './policy.js'
import type { Environment } from './environment.js'
import { unresolvedCause, type UnknownCause } from './unknown-cause.js'

export type Token = string | { wildcard: '*' | '?' }
type Resolved = { ok: true; tokens: Token[] } | { ok: false; cause: UnknownCause }

interface ResolveOptions {
  /** '*' and '?' are wildcards (StringLike, ArnLike, Action, Resource); otherwise they are literal characters. */
  wildcards: boolean
  /** Substitute ${...} policy variables from the request; absent means literal (actions, principals). */
  env?: Environment
  /** Variables before this offset stay literal (an ARN's partition, service, region and account; see below). */
  variablesFrom?: number
}

/**
 * Where a Resource ARN's resource part starts: "You can't use a variable to replace parts of the ARN before the
 * fifth colon, such as the service or account" (IAM User Guide, policy variables). Not an ARN: from the start.
 */
export function arnResourceOffset(raw: string): number {
  let at = -1
  for (let colons = 0; colons < 5; colons++) {
    at = raw.indexOf(':', at + 1)
    if (at < 0) return 0
  }
  return at + 1
}

const VARIABLE = /\$\{([^}]*)\}/g

export function resolveValue(raw: string, options: ResolveOptions): Resolved {
  if (isUnresolved(raw)) return { ok: false, cause: unresolvedCause(raw) }
  const tokens: Token[] = []
  const pushText = (text: string): void => {
    if (!options.wildcards) {
      if (text !== '') tokens.push(text)
      return
    }
    for (const part of text.split(/([*?])/)) {
      if (part === '*' || part === '?') tokens.push({ wildcard: part })
      else if (part !== '') tokens.push(part)
    }
  }
  if (options.env === undefined || !options.env.variables) {
    pushText(raw)
    return { ok: true, tokens }
  }
  let last = 0
  for (const match of raw.matchAll(VARIABLE)) {
    if (match.index < (options.variablesFrom ?? 0)) continue
    pushText(raw.slice(last, match.index))
    last = match.index + match[0].length
    const value = resolveVariable(match[1] ?? '', options.env)
    if (!value.ok) return value
    if (value.text !== '') tokens.push(value.text)
  }
  pushText(raw.slice(last))
  return { ok: true, tokens }
}

function resolveVariable(
  inner: string,
  env: Environment
): { ok: true; text: string } | { ok: false; cause: UnknownCause } {
  // ${*}, ${?} and ${$} are how a policy writes those characters literally.
  if (inner === '*' || inner === '?' || inner === '$') return { ok: true, text: inner }
  const withDefault = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/.exec(inner)
  const key = (withDefault?.[1] ?? inner).trim()
  const fallback = withDefault?.[2]
  const found = env.lookup(key)
  if (found.state === 'present' && found.values.length === 1) return { ok: true, text: found.values[0] ?? '' }
  if (found.state === 'absent' && fallback !== undefined) return { ok: true, text: fallback }
  const why =
    found.state === 'present'
      ? 'is multi-valued'
      : found.state === 'absent'
        ? 'is not in the request'
        : 'has a value that is not known here'
  return { ok: false, cause: { kind: 'variable', message: `the policy variable \${${inner}} ${why}` } }
}

export function tokensToText(tokens: Token[]): string {
  return tokens.map(t => (typeof t === 'string' ? t : t.wildcard)).join('')
}

/** A matcher of whole values for tokens with wildcards: linear time, no RegExp (see glob.ts). */
export function tokensToMatcher(tokens: Token[], ignoreCase: boolean): GlobMatcher {
  return globMatcher(tokens, ignoreCase)
}

/** The former name, kept for callers written against it: it returns a glob matcher, never a RegExp. */
export const tokensToRegExp = tokensToMatcher
