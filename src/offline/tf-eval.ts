// Terraform expressions, as far as they are known before `terraform plan`: literals, string templates, var.* (default
// or a var file), local.*, the account/partition/region data sources (from principal-arn and region), the JSON of an
// aws_iam_policy_document, and the functions key policies are written with (jsonencode, file, templatefile, ...).
// Everything else (module outputs, resource attributes, count/each, for over unknowns) becomes an unresolved
// placeholder that names the expression and its line, as CloudFormation's !GetAtt does in cfn-intrinsics.ts.
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { expressionAst, type HclNode } from './hcl.js'
import type { ExtractContext } from './types.js'
import { isPlainObject, type UnresolvedCollector } from './unresolved.js'

// A templated file read by file()/templatefile() is a policy or a script, not a disk image.
const MAX_READ_BYTES = 1024 * 1024
const PLACEHOLDER_ONLY = /^\$\{ec2sg:unresolved:#\d+\}$/
const HAS_PLACEHOLDER = /\$\{ec2sg:unresolved:#\d+\}/

/** What the evaluator needs from the module around it. */
export interface TfScope {
  ctx: ExtractContext
  /** Absolute real path of the workspace: file() may not leave it. */
  workspaceRoot: string
  /** Absolute path of the module folder: file() paths are relative to it (path.module). */
  moduleDir: string
  /** Values from var files (plain values), by variable name. */
  varValues: Map<string, unknown>
  /** `default` of each declared variable, as the parser returned it. */
  varDefaults: Map<string, { declared: true; default?: unknown }>
  locals: Map<string, unknown>
  /**
   * The bodies of the module's `data "aws_region"` and `data "aws_caller_identity"` blocks, by "type.name": one that
   * selects another region or provider configuration is not the gate's region or account.
   */
  dataSources?: Map<string, Record<string, unknown>>
  /** The policy JSON of data.aws_iam_policy_document.<name>, or undefined when there is no such block. */
  documentJson(name: string, evaluator: TfEvaluator): Promise<string | undefined>
}

export function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER_ONLY.test(value)
}

export function holdsUnknown(value: unknown): boolean {
  return typeof value === 'string' && HAS_PLACEHOLDER.test(value)
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length > 80 ? `${one.slice(0, 77)}...` : one
}

/** HCL quoted-string escapes (the spec's "Template Literals"). */
function unescapeQuoted(raw: string): string {
  return raw
    .replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[nrt"\\])/g, (_, e: string) => {
      if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16))
      return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[e]
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{')
}

function unescapeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')
}

type Bindings = Map<string, unknown>

/** Evaluates the expressions of one policy; unknowns go to that policy's collector. */
export class TfEvaluator {
  private readonly localValues = new Map<string, Promise<unknown>>()
  private readonly resolving = new Set<string>()

  constructor(
    readonly scope: TfScope,
    readonly collector: UnresolvedCollector
  ) {}

  unknown(what: string, line?: number): string {
    return this.collector.placeholder(line === undefined ? what : `${what} (line ${line})`)
  }

  /**
   * A value as the parser returned it: literals as they are, `${expr}` and templates evaluated.
   * @param line 1-based line where the value's text starts, for the descriptions of unknowns
   */
  async value(raw: unknown, line?: number, bindings: Bindings = new Map()): Promise<unknown> {
    if (Array.isArray(raw)) {
      const out: unknown[] = []
      for (const item of raw) out.push(await this.value(item, line, bindings))
      return out
    }
    if (isPlainObject(raw)) {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(raw)) {
        const name = await this.value(key, line, bindings)
        out[typeof name === 'string' ? name : this.unknown(`the key ${shorten(key)}`, line)] =
          await this.value(item, line, bindings)
      }
      return out
    }
    if (typeof raw !== 'string' || !/[$%]\{/.test(raw)) return raw
    if (raw.startsWith('${') && raw.endsWith('}')) {
      const ast = await this.parse(raw.slice(2, -1))
      if (ast) return this.node(ast, raw.slice(2, -1), line, bindings)
    }
    // A template: the parser keeps its source without the quotes (or a heredoc's text), escapes and all.
    const quoted = await this.parse(`"${raw}"`)
    if (quoted) return this.node(quoted, `"${raw}"`, line, bindings)
    return this.template(raw, line, bindings)
  }

  /** Text with ${...} interpolations, as a heredoc or a file given to templatefile() holds it. */
  async template(text: string, line?: number, bindings: Bindings = new Map()): Promise<unknown> {
    let marker = 'EC2SG_EOT'
    while (text.includes(marker)) marker += '_'
    const source = `<<${marker}\n${text}${text.endsWith('\n') ? '' : '\n'}${marker}\n`
    const ast = await this.parse(source)
    if (!ast) return this.unknown(`the template ${shorten(text)}`, line)
    const value = await this.node(ast, source, line === undefined ? undefined : line - 1, bindings)
    // The heredoc adds the final newline the text may not have had.
    return typeof value === 'string' && !text.endsWith('\n') ? value.replace(/\n$/, '') : value
  }

  /** An expression given as source text (a local's or a variable's). */
  async expression(source: string, line?: number, bindings: Bindings = new Map()): Promise<unknown> {
    const ast = await this.parse(source)
    return ast ? this.node(ast, source, line, bindings) : this.unknown(shorten(source), line)
  }

  private async parse(source: string): Promise<HclNode | null> {
    try {
      return await expressionAst(source)
    } catch {
      return null
    }
  }

  /** @param line 1-based line of the first line of `source` */
  async node(n: HclNode, source: string, line: number | undefined, bindings: Bindings): Promise<unknown> {
    const at = line === undefined ? undefined : line + n.range.start.line
    const text = n.meta?.value ?? sliceBytes(source, n.range.start.byte, n.range.end.byte)
    const children = n.children ?? []
    const child = (i: number): Promise<unknown> =>
      children[i]
        ? this.node(children[i], source, line, bindings)
        : Promise.resolve(this.unknown(shorten(text), at))
    switch (n.type) {
      case 'literalValue':
        if (n.meta?.type === 'number') return Number(n.meta.value)
        if (n.meta?.type === 'bool') return n.meta.value === 'true'
        if (n.meta?.type === 'dynamic' && n.meta.value === 'null') return null
        return n.meta?.value ?? ''
      case 'template': {
        const heredoc = text.startsWith('<<')
        const parts: string[] = []
        for (const part of children) {
          if (part.type === 'literalValue' && part.meta?.type === 'string') {
            const raw = part.meta.value ?? ''
            parts.push(heredoc ? unescapeHeredoc(raw) : unescapeQuoted(raw))
            continue
          }
          const value = await this.node(part, source, line, bindings)
          if (typeof value === 'string') parts.push(value)
          else if (typeof value === 'number' || typeof value === 'boolean') parts.push(String(value))
          else parts.push(this.unknown(shorten(part.meta?.value ?? 'a value'), at))
        }
        return parts.join('')
      }
      case 'templateWrap':
      case '':
        if (children.length === 1) return child(0)
        // An object key written as a bare name.
        return sliceBytes(source, n.range.start.byte, n.range.end.byte)
      case 'tuple': {
        const out: unknown[] = []
        for (let i = 0; i < children.length; i++) out.push(await child(i))
        return out
      }
      case 'object': {
        const out: Record<string, unknown> = {}
        for (let i = 0; i + 1 < children.length; i += 2) {
          const key = await child(i)
          out[typeof key === 'string' ? key : this.unknown(`an object key in ${shorten(text)}`, at)] =
            await child(i + 1)
        }
        return out
      }
      case 'function':
        return this.call(n, source, line, bindings, at)
      case 'scopeTraversal':
        return this.traverse(n.meta?.traversal ?? [], text, bindings, at)
      case 'relativeTraversal': {
        const base = await child(0)
        return this.step(base, n.meta?.traversal ?? [], text, at)
      }
      case 'index': {
        const collection = await child(0)
        const key = await child(1)
        return this.step(collection, [{ type: 'indexTraversal', segment: JSON.stringify(key) }], text, at)
      }
      case 'conditional': {
        const condition = await child(0)
        if (typeof condition === 'boolean') return child(condition ? 1 : 2)
        return this.unknown(shorten(text), at)
      }
      case 'unaryOp': {
        const value = await child(0)
        if (n.meta?.operator === 'negate' && typeof value === 'number') return -value
        if (n.meta?.operator === 'not' && typeof value === 'boolean') return !value
        return this.unknown(shorten(text), at)
      }
      case 'binaryOp': {
        const [left, right] = [await child(0), await child(1)]
        const known = (v: unknown): boolean =>
          v === null || ['string', 'number', 'boolean'].includes(typeof v)
        if (!known(left) || !known(right) || holdsUnknown(left) || holdsUnknown(right))
          return this.unknown(shorten(text), at)
        if (n.meta?.operator === 'equal') return left === right
        if (n.meta?.operator === 'notEqual') return left !== right
        return this.unknown(shorten(text), at)
      }
      case 'for':
        return this.forExpression(n, source, line, bindings, at, text)
      default:
        return this.unknown(shorten(text), at)
    }
  }

  private async forExpression(
    n: HclNode,
    source: string,
    line: number | undefined,
    bindings: Bindings,
    at: number | undefined,
    text: string
  ): Promise<unknown> {
    const meta = n.meta ?? {}
    const children = n.children ?? []
    // Only `[for v in known : expr (if cond)]`; object-building for expressions stay unresolved.
    if (meta.openRangeValue !== '[' || !meta.valVar || !meta.valueExpression || !children[0])
      return this.unknown(shorten(text), at)
    const collection = await this.node(children[0], source, line, bindings)
    const entries: [unknown, unknown][] = Array.isArray(collection)
      ? collection.map((v, i) => [i, v])
      : isPlainObject(collection)
        ? Object.entries(collection)
        : []
    if (!Array.isArray(collection) && !isPlainObject(collection)) return this.unknown(shorten(text), at)
    const out: unknown[] = []
    for (const [key, value] of entries) {
      const inner = new Map(bindings)
      inner.set(meta.valVar, value)
      if (meta.keyVar) inner.set(meta.keyVar, key)
      if (meta.conditionalExpression) {
        const keep = await this.expression(meta.conditionalExpression, at, inner)
        if (typeof keep !== 'boolean') return this.unknown(shorten(text), at)
        if (!keep) continue
      }
      out.push(await this.expression(meta.valueExpression, at, inner))
    }
    return out
  }

  private async traverse(
    traversal: Array<{ type: string; segment: string }>,
    text: string,
    bindings: Bindings,
    at: number | undefined
  ): Promise<unknown> {
    const names = traversal.map(t => t.segment)
    const [root, first, second, third] = names
    if (bindings.has(root)) return this.step(bindings.get(root), traversal.slice(1), text, at)
    const { ctx } = this.scope
    if (root === 'var' && first !== undefined)
      return this.step(await this.variable(first, at), traversal.slice(2), text, at)
    if (root === 'local' && first !== undefined)
      return this.step(await this.local(first, at), traversal.slice(2), text, at)
    if (root === 'path' && ['module', 'root', 'cwd'].includes(first ?? '')) return '.'
    if (root === 'data' && third !== undefined) {
      const rest = traversal.slice(4)
      const body = this.scope.dataSources?.get(`${first}.${second}`)
      // provider = aws.other: another provider configuration, so maybe another account or region.
      const otherProvider = body !== undefined && body.provider !== undefined
      if (first === 'aws_caller_identity' && third === 'account_id' && !otherProvider)
        return this.step(ctx.accountId, rest, text, at)
      if (first === 'aws_partition' && third === 'partition') return this.step(ctx.partition, rest, text, at)
      if (first === 'aws_region' && ['name', 'region', 'id'].includes(third) && !otherProvider) {
        const region = await this.selectedRegion(body, at)
        if (region !== undefined) return this.step(region, rest, text, at)
      }
      if (first === 'aws_iam_policy_document' && (third === 'json' || third === 'minified_json')) {
        const json = await this.scope.documentJson(second, this)
        if (json !== undefined) return this.step(json, rest, text, at)
      }
    }
    return this.unknown(shorten(text), at)
  }

  /**
   * The region a `data "aws_region"` block selects: its `region` (AWS provider v6) or `name` (v5) argument when set,
   * else the provider's region, which is the gate's `region` input. One selected by `endpoint` is not resolved.
   */
  private async selectedRegion(body: Record<string, unknown> | undefined, at: number | undefined) {
    if (body === undefined) return this.scope.ctx.region
    if (body.endpoint !== undefined) return undefined
    for (const argument of ['region', 'name']) {
      if (body[argument] === undefined) continue
      const value = await this.value(body[argument], at)
      return typeof value === 'string' ? value : undefined
    }
    return this.scope.ctx.region
  }

  /** Applies `.name` and `[key]` steps to a known value. */
  private step(
    value: unknown,
    traversal: Array<{ type: string; segment: string }>,
    text: string,
    at: number | undefined
  ): unknown {
    let current = value
    for (const part of traversal) {
      if (isUnknown(current)) return current
      let key: unknown = part.segment
      if (part.type === 'indexTraversal') {
        try {
          key = JSON.parse(part.segment)
        } catch {
          key = part.segment
        }
      }
      if (Array.isArray(current) && typeof key === 'number') current = current[key]
      else if (isPlainObject(current) && typeof key === 'string' && key in current) current = current[key]
      else return this.unknown(shorten(text), at)
    }
    return current
  }

  private async variable(name: string, at: number | undefined): Promise<unknown> {
    if (this.scope.varValues.has(name)) return this.scope.varValues.get(name)
    const declared = this.scope.varDefaults.get(name)
    if (declared && 'default' in declared) return this.value(declared.default, at)
    return this.unknown(
      declared ? `var.${name} (no default and no value in a var file)` : `var.${name} (not declared)`,
      at
    )
  }

  private async local(name: string, at: number | undefined): Promise<unknown> {
    if (!this.scope.locals.has(name)) return this.unknown(`local.${name} (not declared)`, at)
    if (this.resolving.has(name)) return this.unknown(`local.${name} (refers to itself)`, at)
    let value = this.localValues.get(name)
    if (!value) {
      this.resolving.add(name)
      value = this.value(this.scope.locals.get(name), at)
      this.localValues.set(name, value)
      await value
      this.resolving.delete(name)
    }
    return value
  }

  private async call(
    n: HclNode,
    source: string,
    line: number | undefined,
    bindings: Bindings,
    at: number | undefined
  ): Promise<unknown> {
    const name = n.meta?.name ?? ''
    const text = shorten(n.meta?.value ?? `${name}(...)`)
    const args: unknown[] = []
    for (const arg of n.children ?? []) args.push(await this.node(arg, source, line, bindings))
    const unknownArg = args.some(a => isUnknown(a))
    const unknown = (): string => this.unknown(text, at)
    switch (name) {
      case 'jsonencode':
        return args.length === 1 ? JSON.stringify(args[0] ?? null) : unknown()
      case 'jsondecode': {
        if (typeof args[0] !== 'string' || isUnknown(args[0])) return unknown()
        try {
          return JSON.parse(args[0])
        } catch {
          return unknown()
        }
      }
      case 'file':
      case 'templatefile': {
        if (typeof args[0] !== 'string' || holdsUnknown(args[0])) return unknown()
        const read = await this.readWorkspaceFile(args[0])
        if (read.error !== undefined) return this.unknown(`${name}("${args[0]}"): ${read.error}`, at)
        if (name === 'file') return read.text
        const vars = isPlainObject(args[1]) ? new Map(Object.entries(args[1])) : new Map<string, unknown>()
        return this.template(read.text, undefined, vars)
      }
      case 'concat':
        return !unknownArg && args.every(Array.isArray) ? (args as unknown[][]).flat() : unknown()
      case 'flatten':
        return Array.isArray(args[0]) ? (args[0] as unknown[]).flat(Infinity) : unknown()
      case 'merge':
        return !unknownArg && args.every(a => isPlainObject(a) || a === null)
          ? Object.assign({}, ...args)
          : unknown()
      case 'tolist':
      case 'toset':
        return Array.isArray(args[0]) ? (name === 'toset' ? [...new Set(args[0])] : args[0]) : unknown()
      case 'distinct':
        return Array.isArray(args[0]) ? [...new Set(args[0])] : unknown()
      case 'compact':
        return Array.isArray(args[0]) ? args[0].filter(v => v !== '' && v !== null) : unknown()
      case 'tostring':
        return typeof args[0] === 'string' ? args[0] : unknown()
      case 'lower':
      case 'upper':
        return typeof args[0] === 'string' && !holdsUnknown(args[0])
          ? name === 'lower'
            ? args[0].toLowerCase()
            : args[0].toUpperCase()
          : unknown()
      case 'join':
        return typeof args[0] === 'string' &&
          Array.isArray(args[1]) &&
          args[1].every(v => typeof v === 'string')
          ? args[1].join(args[0])
          : unknown()
      default:
        return unknown()
    }
  }

  /** A file of the workspace, relative to the module folder; never one outside the workspace. */
  private async readWorkspaceFile(
    relative: string
  ): Promise<{ text: string; error?: undefined } | { error: string }> {
    const target = path.resolve(this.scope.moduleDir, relative)
    const real = await realpath(target).catch(() => undefined)
    const root = this.scope.workspaceRoot
    if (real === undefined) return { error: 'no such file in the workspace' }
    if (real !== root && !real.startsWith(root + path.sep))
      return { error: 'the file is outside the workspace' }
    const info = await stat(real)
    if (!info.isFile()) return { error: 'not a file' }
    if (info.size > MAX_READ_BYTES)
      return { error: `the file is ${info.size} bytes; the limit is ${MAX_READ_BYTES}` }
    return { text: (await readFile(real, 'utf8')).replace(/^\uFEFF/, '') }
  }
}

function sliceBytes(text: string, start: number, end: number): string {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8')
}
