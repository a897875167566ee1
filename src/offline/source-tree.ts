// Position-aware parsing. Annotations on a pull request need the line of each policy and statement, which
// JSON.parse cannot give. The `yaml` package parses both YAML and JSON (YAML 1.2 is a superset of JSON) into nodes
// with offsets, and a LineCounter turns offsets into lines.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml'
import type { Document, Node, Pair, ParsedNode, Tags } from 'yaml'
import {
  checkJsonTextDepth,
  checkYamlExpansion,
  checkYamlTextDepth,
  DocumentBoundsError,
  type BoundsCode
} from './bounds.js'
import { jsonErrorOffset } from './json-error-position.js'

export interface SourceTree {
  doc: Document.Parsed
  root: Node | null
  /** 1-based line of an offset in the text. */
  lineAt(offset: number): number
}

/** A failed parse; `code` is set when the document is over a limit (bounds.ts) rather than malformed. */
export type ParseFailure = { ok: false; message: string; code?: BoundsCode }
export type ParseOutcome = { ok: true; tree: SourceTree } | ParseFailure
export type JsonParseOutcome = { ok: true; tree: SourceTree; value: unknown } | ParseFailure

/** Runs a bounds check; an over-limit document becomes a failed parse with its code. */
function withinBounds(check: () => void): ParseFailure | undefined {
  try {
    check()
    return undefined
  } catch (error) {
    if (error instanceof DocumentBoundsError) return { ok: false, message: error.message, code: error.code }
    throw error
  }
}

/** Parses YAML; the message of the first error names its line and column. */
export function parseYamlTree(text: string, customTags: Tags = []): ParseOutcome {
  // The composer recurses: the depth is checked on the parser's tokens first.
  const deep = withinBounds(() => checkYamlTextDepth(text))
  if (deep) return deep
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, customTags, prettyErrors: true, uniqueKeys: false })
  const first = doc.errors[0]
  if (first) {
    const at = first.linePos?.[0]
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    return {
      ok: false,
      message: at ? `malformed YAML at ${at.line}:${at.col}: ${reason}` : `malformed YAML: ${reason}`
    }
  }
  // Every later walk follows aliases: an alias bomb or cycle stops here.
  const expanded = withinBounds(() => checkYamlExpansion(doc))
  if (expanded) return expanded
  return { ok: true, tree: makeTree(doc, lineCounter) }
}

/**
 * Parses strict JSON: JSON.parse decides validity (YAML would accept more), the YAML parser gives positions.
 * Duplicate keys are allowed as in JSON.parse, and the last one wins everywhere in this module.
 */
export function parseJsonTree(text: string): JsonParseOutcome {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: jsonErrorMessage(text, error) }
  }
  // JSON.parse does not recurse; the YAML composer and every later walk do.
  const deep = withinBounds(() => checkJsonTextDepth(text))
  if (deep) return deep
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  if (doc.errors.length > 0) {
    // Valid JSON that the YAML parser refuses: keep the values, lose the lines (every line is then 1).
    const fallback = new LineCounter()
    const plain = parseDocument(JSON.stringify(value), { lineCounter: fallback })
    return { ok: true, tree: { doc: plain, root: plain.contents, lineAt: () => 1 }, value }
  }
  return { ok: true, tree: makeTree(doc, lineCounter), value }
}

function makeTree(doc: Document.Parsed, lineCounter: LineCounter): SourceTree {
  return { doc, root: doc.contents, lineAt: offset => lineCounter.linePos(offset).line }
}

/** "malformed JSON at 3:5: Expected ',' or '}' after property value", the same on every Node version. */
function jsonErrorMessage(text: string, error: unknown): string {
  const offset = jsonErrorOffset(text)
  let reason = (error instanceof Error ? error.message : String(error))
    .replace(/ in JSON at position \d+[\s\S]*$/, '')
    .replace(/, (\.\.\.)?"[\s\S]*" is not valid JSON$/, '')
  if (reason.startsWith('Unexpected token') && offset >= 0 && offset < text.length) {
    reason = `Unexpected token ${JSON.stringify(text[offset])}`
  }
  if (offset < 0) return `malformed JSON: ${reason}`
  const before = text.slice(0, offset).split('\n')
  return `malformed JSON at ${before.length}:${before[before.length - 1].length + 1}: ${reason}`
}

/** Follows an alias (*anchor) to the node it names. */
export function deref(tree: SourceTree, node: unknown): unknown {
  let current = node
  for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(tree.doc)
  return current
}

/** The last pair of a mapping whose key is `key` (JSON.parse keeps the last duplicate too). */
export function findPair(
  tree: SourceTree,
  map: unknown,
  key: string
): Pair<ParsedNode, ParsedNode | null> | undefined {
  const node = deref(tree, map)
  if (!isMap(node)) return undefined
  let found: Pair<ParsedNode, ParsedNode | null> | undefined
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) {
      found = pair as Pair<ParsedNode, ParsedNode | null>
    }
  }
  return found
}

/** The pairs of a mapping in document order, with string keys. */
export function mapEntries(
  tree: SourceTree,
  map: unknown
): { key: string; pair: Pair<ParsedNode, ParsedNode | null> }[] {
  const node = deref(tree, map)
  if (!isMap(node)) return []
  return node.items
    .filter(pair => isScalar(pair.key))
    .map(pair => ({
      key: String((pair.key as Scalar).value),
      pair: pair as Pair<ParsedNode, ParsedNode | null>
    }))
}

/** 1-based line where a node starts, or `fallback` when it has no position. */
export function lineOf(tree: SourceTree, node: unknown, fallback = 1): number {
  const range = (node as { range?: [number, number, number] } | null)?.range
  return range ? tree.lineAt(range[0]) : fallback
}

/** 1-based line of a pair: the line of its key (where `KeyPolicy:` or `"policy":` is written). */
export function lineOfPair(tree: SourceTree, pair: Pair, fallback = 1): number {
  return lineOf(tree, pair.key, lineOf(tree, pair.value, fallback))
}

/**
 * Lines of the statements of a policy node: one per item when Statement is a sequence, [policyLine] when it is a
 * single object (or absent, or not a collection).
 */
export function statementLinesOf(tree: SourceTree, policyNode: unknown, policyLine: number): number[] {
  const statement = findPair(tree, policyNode, 'Statement')
  const value = statement ? deref(tree, statement.value) : undefined
  if (isSeq(value)) return value.items.map(item => lineOf(tree, deref(tree, item), policyLine))
  return [policyLine]
}

/** The plain value of a node, with no tag interpretation (for raw policies and Terraform plans). */
export function plainValue(tree: SourceTree, node: unknown): unknown {
  const value = deref(tree, node)
  if (isScalar(value)) return value.value
  if (isMap(value)) {
    const out: Record<string, unknown> = {}
    for (const { key, pair } of mapEntries(tree, value)) out[key] = plainValue(tree, pair.value)
    return out
  }
  if (isSeq(value)) return value.items.map(item => plainValue(tree, item))
  return null
}
