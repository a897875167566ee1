// One policy value of a condition compiled into a test of one request value, per operator family. A policy value
// that cannot be read (malformed, unresolved) yields a test that is always 'unknown', whatever the request holds.
import { arnTest } from './arn-pattern.js'
import type { Environment } from './environment.js'
import { AWS_INTERNAL, cidrContains, parseCidr, parseIp } from './ip.js'
import type { BaseOperator, Comparison } from './operators.js'
import type { ParsedCondition } from './policy.js'
import { resolveValue, tokensToMatcher, tokensToText } from './policy-values.js'
import type { Tristate } from './types.js'
import type { UnknownCause } from './unknown-cause.js'

export type ValueTest = (contextValue: string) => Tristate

export function compileTest(
  base: BaseOperator,
  raw: string,
  condition: ParsedCondition,
  env: Environment,
  causes: UnknownCause[]
): ValueTest {
  const wildcards = base.family === 'stringLike' || base.family === 'arn'
  const resolved = resolveValue(raw, { wildcards, env })
  const unknown = (cause: UnknownCause): ValueTest => {
    causes.push(cause)
    return () => 'unknown'
  }
  if (!resolved.ok) return unknown(resolved.cause)
  const malformed = (why: string) =>
    unknown({ kind: 'value', message: `${condition.operator} on ${condition.key}: "${raw}" ${why}` })
  const text = tokensToText(resolved.tokens)
  switch (base.family) {
    case 'string':
      return v => v === text
    case 'stringIgnoreCase':
      return v => v.toLowerCase() === text.toLowerCase()
    case 'stringLike': {
      const pattern = tokensToMatcher(resolved.tokens, false)
      return v => pattern.test(v)
    }
    case 'bool': {
      const wanted = text.toLowerCase()
      if (wanted !== 'true' && wanted !== 'false') return malformed('is not true or false')
      return v => v.toLowerCase() === wanted
    }
    case 'arn':
      return arnTest(resolved.tokens) ?? malformed('is not an ARN pattern (six colon-separated parts)')
    case 'ip': {
      const range = parseCidr(text)
      if (range === undefined) return malformed('is not an IP address or CIDR range')
      return v => {
        if (v === AWS_INTERNAL) return false
        const ip = parseIp(v)
        return ip !== undefined && cidrContains(range, ip)
      }
    }
    case 'numeric': {
      const wanted = parseNumber(text)
      if (wanted === undefined) return malformed('is not a number')
      return v => compare(parseNumber(v), wanted, base.comparison ?? 'eq')
    }
    case 'date': {
      const wanted = parseDate(text)
      if (wanted === undefined) return malformed('is not a date')
      return v => compare(parseDate(v), wanted, base.comparison ?? 'eq')
    }
    case 'binary': {
      const wanted = decodeBase64(text)
      if (wanted === undefined) return malformed('is not base64')
      return v => {
        const got = decodeBase64(v)
        return got !== undefined && got.equals(wanted)
      }
    }
    case 'null':
      return malformed('Null is evaluated elsewhere')
  }
}

function compare(got: number | undefined, wanted: number, comparison: Comparison): boolean {
  if (got === undefined) return false
  switch (comparison) {
    case 'eq':
      return got === wanted
    case 'lt':
      return got < wanted
    case 'lte':
      return got <= wanted
    case 'gt':
      return got > wanted
    case 'gte':
      return got >= wanted
  }
}

function parseNumber(text: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : undefined
}

/** ISO 8601 dates and times, or epoch seconds (what aws:EpochTime holds). */
function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined
  return Buffer.from(text, 'base64')
}
