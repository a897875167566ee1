// HashiCorp's HCL parser (the Go hcl2json, built to WebAssembly in @cdktf/hcl2json), loaded on first use only: the
// module is 6 MB of WebAssembly and only a gate with .tf files needs it.
//
// The package's own entry point reads its .wasm next to its source with __dirname, which does not exist in the
// ESM bundle (dist/), so this file does the package's few lines of glue itself: it loads the package's Go runtime
// shim, reads the same .wasm (which the bundle script copies next to dist/index.js) and calls the functions the
// Go side registers. The parsing is all HashiCorp's.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { checkHclTextDepth, checkValueDepth, MAX_DOCUMENT_DEPTH } from './bounds.js'

/** A node of an HCL expression, as the Go side returns it (@cdktf/hcl2json's syntax-tree types). */
export interface HclPosition {
  byte: number
  /** 0-based in the expression text. */
  line: number
  column: number
}
export interface HclNode {
  type: string
  range: { start: HclPosition; end: HclPosition }
  meta?: {
    value?: string
    name?: string
    type?: string
    fullAccessor?: string
    traversal?: Array<{ type: string; segment: string }>
    valVar?: string
    keyVar?: string
    valueExpression?: string
    conditionalExpression?: string
    keyExpression?: string
    openRangeValue?: string
    operator?: string
  }
  children?: HclNode[]
}

type GoCallback = (error: string | null, result?: string) => void
type GoFunction = (...args: [...string[], GoCallback]) => void
interface GoRuntime {
  importObject: object
  run(instance: object): Promise<void>
}
// The WebAssembly global of Node, typed here: the project's `lib` (ES2022) does not declare it.
const { WebAssembly } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }> }
}

/** The file the bundle script copies into dist/ (package.json, "bundle"). */
export const BUNDLED_WASM = 'hcl2json.wasm.gz'

let bridge: Promise<Record<string, GoFunction>> | undefined

function wasmPath(): string {
  const bundled = fileURLToPath(new URL(`./${BUNDLED_WASM}`, import.meta.url))
  if (existsSync(bundled)) return bundled
  // From the sources (tests): the package's own copy. The name is built so the bundler leaves it alone.
  const pkg = ['@cdktf', 'hcl2json'].join('/')
  return createRequire(import.meta.url).resolve(`${pkg}/main.wasm.gz`)
}

async function loadBridge(): Promise<Record<string, GoFunction>> {
  // Defines globalThis.Go (the Go project's wasm_exec.js, as the package ships it).
  await import('@cdktf/hcl2json/wasm/bridge_wasm_exec.js')
  const Go = (globalThis as unknown as { Go: new () => GoRuntime }).Go
  const go = new Go()
  const bytes = gunzipSync(await readFile(wasmPath()))
  const { instance } = await WebAssembly.instantiate(bytes, go.importObject)
  // The Go program fills this object with its functions as it starts, then waits for calls.
  const exports: Record<string, GoFunction> = {}
  ;(globalThis as Record<string, unknown>).__parse_terraform_config_wasm__ = exports
  void go.run(instance)
  return exports
}

async function call(name: string, ...args: string[]): Promise<string> {
  bridge ??= loadBridge()
  const exports = await bridge
  const fn = exports[name]
  if (typeof fn !== 'function') throw new Error(`the HCL parser has no function ${name}`)
  return new Promise((resolve, reject) => {
    fn(...args, (error: string | null, result?: string) =>
      error ? reject(new Error(error)) : resolve(result ?? 'null')
    )
  })
}

/**
 * Parses one HCL file into hcl2json's JSON: blocks as objects of arrays, literal values as JSON values, and every
 * other expression as its source text, `${...}` for an expression and the raw text for a template.
 */
export async function parseHcl(filename: string, text: string): Promise<Record<string, unknown>> {
  checkHclTextDepth(text) // HashiCorp's parser recurses
  const json: unknown = JSON.parse(await call('parse', filename, text))
  checkValueDepth(json, 'the HCL file') // the evaluator walks it recursively
  return json as Record<string, unknown>
}

/** The syntax tree of one expression (its ranges are relative to `expression`). */
export async function expressionAst(expression: string): Promise<HclNode | null> {
  checkHclTextDepth(expression)
  const ast: unknown = JSON.parse(await call('getExpressionAst', 'expression.tf', expression))
  // A syntax tree has about two levels per level of the value it builds.
  checkValueDepth(ast, 'an HCL expression', 2 * MAX_DOCUMENT_DEPTH)
  return ast as HclNode | null
}

/** "file.tf:2,7-3,1: Invalid expression; ..." → the line and the reason, for the gate's error message. */
export function hclErrorMessage(error: unknown): { line?: number; message: string } {
  const text = error instanceof Error ? error.message : String(error)
  const match = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]*))?/.exec(text)
  if (!match) return { message: `malformed HCL: ${text.replace(/^parse config: /, '')}` }
  const detail = match[4] ? `: ${match[4].replace(/, and \d+ other diagnostic\(s\)\s*$/, '').trim()}` : ''
  return { line: Number(match[1]), message: `malformed HCL at ${match[1]}:${match[2]}: ${match[3]}${detail}` }
}
