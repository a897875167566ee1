// Bounds on every document the offline gate reads. The files come from a pull request: a YAML alias bomb grows
// exponentially when expanded, and a document nested 10,000 levels deep overflows the stack of any recursive walk
// (the YAML parser's included). Every limit is checked before the walk that it protects, without recursion, and an
// over-limit file becomes that file's own finding (DOCUMENT_TOO_LARGE, DOCUMENT_TOO_DEEP) while the others are judged.
import { isAlias, isMap, isPair, isScalar, isSeq, Parser } from 'yaml'
import type { Document } from 'yaml'
import { troubleshootingLink } from '../report/links.js'

/**
 * The largest file read. Key policies are at most 32 KB and CloudFormation templates at most 1 MB (S3-hosted); this
 * leaves room for large Terraform plans. The position-aware parse costs about 110 bytes of memory per byte of JSON:
 * an 8 MB plan peaked at about 0.9 GB (SECURITY.md, "Memory and size bounds"), well within a hosted runner.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
/** The deepest nesting of objects and arrays. Policies need about 6 levels, templates and plans a few dozen. */
export const MAX_DOCUMENT_DEPTH = 100
/** The yaml package's own limit on alias expansion (its toJS option maxAliasCount). */
export const MAX_YAML_ALIAS_COUNT = 100
/** The most values a YAML document may hold once its aliases are followed. */
export const MAX_EXPANDED_VALUES = 1_000_000

export type BoundsCode = 'DOCUMENT_TOO_LARGE' | 'DOCUMENT_TOO_DEEP'

/** A document over one of the limits: the message starts with the code and ends with the troubleshooting link. */
export class DocumentBoundsError extends Error {
  constructor(
    readonly code: BoundsCode,
    detail: string
  ) {
    super(`${code}: ${detail}. See ${code === 'DOCUMENT_TOO_LARGE' ? LARGE_LINK : DEEP_LINK}`)
    this.name = 'DocumentBoundsError'
  }
}
const LARGE_LINK = troubleshootingLink('DOCUMENT_TOO_LARGE')
const DEEP_LINK = troubleshootingLink('DOCUMENT_TOO_DEEP')

export function tooLarge(bytes: number): DocumentBoundsError {
  return new DocumentBoundsError(
    'DOCUMENT_TOO_LARGE',
    `the file is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} (8 MiB)`
  )
}

function tooDeep(where: string): DocumentBoundsError {
  return new DocumentBoundsError(
    'DOCUMENT_TOO_DEEP',
    `the document nests objects and arrays more than ${MAX_DOCUMENT_DEPTH} levels deep${where}`
  )
}

/** "line:column" of an offset, in the form the annotations read ("at 3:5"). */
function position(text: string, offset: number): string {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return ` (at ${line}:${offset - lineStart + 1})`
}

/**
 * Throws DOCUMENT_TOO_DEEP when JSON text nests deeper than the limit. One pass over the text, strings skipped: the
 * text is known to be valid JSON (JSON.parse accepted it), so brackets outside strings are the structure.
 */
export function checkJsonTextDepth(text: string): void {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > MAX_DOCUMENT_DEPTH) throw tooDeep(position(text, i))
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--
  }
}

interface CstToken {
  type?: string
  offset?: number
  value?: unknown
  key?: unknown
  items?: Array<{ key?: unknown; value?: unknown }>
}

/**
 * Throws DOCUMENT_TOO_DEEP when YAML text nests deeper than the limit, before the YAML composer (which recurses, and
 * runs out of memory on 10,000 levels) sees it. The yaml package's CST parser keeps its own stack; this walks the
 * tokens it produces with an explicit stack.
 */
export function checkYamlTextDepth(text: string): void {
  const stack: Array<{ token: unknown; depth: number }> = []
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 })
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CstToken; depth: number }
    if (!token || typeof token !== 'object') continue
    const nested =
      token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection'
    const level = nested ? depth + 1 : depth
    if (level > MAX_DOCUMENT_DEPTH) throw tooDeep(position(text, token.offset ?? 0))
    if (token.type === 'document' || token.type === 'block-scalar' || token.type === 'flow-scalar') {
      if (token.value && typeof token.value === 'object') stack.push({ token: token.value, depth: level })
    }
    for (const item of token.items ?? []) {
      if (item.key) stack.push({ token: item.key, depth: level })
      if (item.value) stack.push({ token: item.value, depth: level })
    }
  }
}

/**
 * Throws when a composed YAML document is too big once its aliases are followed: first the yaml package's own
 * maxAliasCount check (cheap: it stops at the first anchor used too often), then a walk that follows every alias with
 * an explicit stack and stops at MAX_EXPANDED_VALUES values or MAX_DOCUMENT_DEPTH levels (an alias cycle is deep).
 */
export function checkYamlExpansion(doc: Document.Parsed): void {
  let aliases = false
  let values = 0
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number }
    if (++values > MAX_EXPANDED_VALUES) {
      throw new DocumentBoundsError(
        'DOCUMENT_TOO_LARGE',
        `the YAML document holds more than ${MAX_EXPANDED_VALUES} values once its aliases are followed`
      )
    }
    if (depth > MAX_DOCUMENT_DEPTH) throw tooDeep(' once its aliases are followed (an alias cycle?)')
    if (isAlias(node)) {
      if (!aliases) {
        aliases = true
        checkAliasCount(doc)
      }
      stack.push({ node: node.resolve(doc), depth: depth + 1 })
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          if (!isScalar(item.key)) stack.push({ node: item.key, depth: depth + 1 })
          stack.push({ node: item.value, depth: depth + 1 })
        } else stack.push({ node: item, depth: depth + 1 })
      }
    }
  }
}

function checkAliasCount(doc: Document.Parsed): void {
  try {
    doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT })
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new DocumentBoundsError(
        'DOCUMENT_TOO_LARGE',
        `the YAML aliases expand past the limit (maxAliasCount ${MAX_YAML_ALIAS_COUNT}): ${error.message}`
      )
    }
    throw error
  }
}

/**
 * Throws DOCUMENT_TOO_DEEP when HCL text nests brackets ({, [, () deeper than the limit, before HashiCorp's parser
 * (which recurses, in WebAssembly, and overflows the stack on 10,000 levels) sees it. Strings, comments and heredoc
 * bodies are skipped; an interpolation's own brackets are not counted, so this is a guard against hostile depth,
 * not a parser.
 */
export function checkHclTextDepth(text: string): void {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const next = text[i + 1]
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++
    } else if (c === '#' || (c === '/' && next === '/')) {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end < 0 ? text.length : end + 1
    } else if (c === '<' && next === '<') {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 80))
      if (heredoc) {
        const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(?:\\r?\\n|$)`, 'g')
        close.lastIndex = i
        const found = close.exec(text)
        i = found ? found.index + found[0].length - 1 : text.length
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > MAX_DOCUMENT_DEPTH) throw tooDeep(position(text, i))
    } else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1)
  }
}

/**
 * Throws DOCUMENT_TOO_DEEP when a parsed value (the JSON that the HCL parser returns, for one) nests deeper than
 * `limit`. An explicit stack; shared values are walked once per path, bounded by MAX_EXPANDED_VALUES.
 */
export function checkValueDepth(value: unknown, what: string, limit = MAX_DOCUMENT_DEPTH): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  let values = 0
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number }
    if (++values > MAX_EXPANDED_VALUES) {
      throw new DocumentBoundsError(
        'DOCUMENT_TOO_LARGE',
        `${what} holds more than ${MAX_EXPANDED_VALUES} values`
      )
    }
    if (top.value === null || typeof top.value !== 'object') continue
    if (top.depth + 1 > limit) {
      throw new DocumentBoundsError(
        'DOCUMENT_TOO_DEEP',
        `${what} nests objects and arrays more than ${limit} levels deep`
      )
    }
    for (const item of Object.values(top.value)) stack.push({ value: item, depth: top.depth + 1 })
  }
}
