// Terraform source (.tf): the key policies of aws_kms_key and aws_kms_key_policy, read the way Terraform reads a
// module, i.e. every .tf file of a folder together, so that a key in main.tf sees the variables of variables.tf and
// the policy documents of policies.tf. Values are resolved by tf-eval.ts; lines come from tf-locate.ts.
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { createKeyDefaultPolicy } from './default-policy.js'
import { expressionAst, hclErrorMessage, parseHcl } from './hcl.js'
import { extractedPolicy } from './policy-result.js'
import { parseJsonTree, statementLinesOf } from './source-tree.js'
import { holdsUnknown, isUnknown, TfEvaluator, type TfScope } from './tf-eval.js'
import {
  argumentLine,
  expressionLine,
  findBlock,
  heredocLine,
  nestedBlockLines,
  topLevelBlocks,
  type TfBlockLocation
} from './tf-locate.js'
import { buildPolicyDocument, documentPolicy, type BuiltDocument } from './tf-policy-document.js'
import type { ExtractContext, ExtractedPolicy, ExtractResult } from './types.js'
import { isPlainObject, UnresolvedCollector } from './unresolved.js'

const MAX_FILE_BYTES = 20 * 1024 * 1024

interface TfFile {
  /** Workspace-relative posix path. */
  path: string
  text: string
  json?: Record<string, unknown>
  error?: string
  blocks: TfBlockLocation[]
}

interface TfModule {
  files: TfFile[]
  scope: Omit<TfScope, 'documentJson'>
  documents: Map<string, { body: Record<string, unknown>; file: TfFile }>
}

/** The labelled blocks of one kind and type: hcl2json gives `{ type: { name: [body, ...] } }`. */
function labelled(json: Record<string, unknown> | undefined, kind: string, type: string) {
  const byType = json?.[kind]
  const byName = isPlainObject(byType) ? byType[type] : undefined
  const out: Array<{ name: string; body: Record<string, unknown> }> = []
  if (!isPlainObject(byName)) return out
  for (const [name, bodies] of Object.entries(byName)) {
    for (const body of Array.isArray(bodies) ? bodies : [bodies])
      if (isPlainObject(body)) out.push({ name, body })
  }
  return out
}

async function readTfFile(root: string, relative: string): Promise<TfFile> {
  const absolute = path.join(root, relative)
  const size = (await stat(absolute)).size
  if (size > MAX_FILE_BYTES)
    return {
      path: relative,
      text: '',
      blocks: [],
      error: `the file is ${size} bytes; the limit is ${MAX_FILE_BYTES}`
    }
  const text = (await readFile(absolute, 'utf8')).replace(/^\uFEFF/, '')
  try {
    return {
      path: relative,
      text,
      json: await parseHcl(path.basename(relative), text),
      blocks: topLevelBlocks(text)
    }
  } catch (error) {
    return { path: relative, text, blocks: [], error: hclErrorMessage(error).message }
  }
}

/** The .tf files of a folder, as Terraform loads them (regular files, not hidden, inside the workspace). */
async function moduleFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries) {
    if (!entry.name.endsWith('.tf') || entry.name.startsWith('.')) continue
    const relative = dir === '.' ? entry.name : `${dir}/${entry.name}`
    const real = await realpath(path.join(root, relative)).catch(() => undefined)
    if (real === undefined || !real.startsWith(root + path.sep) || !(await stat(real)).isFile()) continue
    files.push(relative)
  }
  return files.sort()
}

/** Values of a .tfvars (HCL) or .tfvars.json file. */
async function readVarFile(root: string, relative: string, into: Map<string, unknown>, ev: TfEvaluator) {
  const text = (await readFile(path.join(root, relative), 'utf8')).replace(/^\uFEFF/, '')
  let values: Record<string, unknown>
  if (relative.endsWith('.json')) {
    const parsed: unknown = JSON.parse(text)
    if (!isPlainObject(parsed)) throw new Error(`${relative} is not a JSON object`)
    values = parsed
  } else {
    try {
      values = await parseHcl(path.basename(relative), text)
    } catch (error) {
      throw new Error(`${relative}: ${hclErrorMessage(error).message}`)
    }
  }
  for (const [name, raw] of Object.entries(values)) into.set(name, await ev.value(raw))
}

async function loadModule(
  root: string,
  dir: string,
  ctx: ExtractContext,
  varFiles: string[]
): Promise<TfModule> {
  const files = await Promise.all((await moduleFiles(root, dir)).map(f => readTfFile(root, f)))
  const varDefaults: TfScope['varDefaults'] = new Map()
  const locals: TfScope['locals'] = new Map()
  const documents: TfModule['documents'] = new Map()
  const dataSources: NonNullable<TfScope['dataSources']> = new Map()
  for (const file of files) {
    const variables = file.json?.variable
    if (isPlainObject(variables)) {
      for (const [name, bodies] of Object.entries(variables)) {
        const body = Array.isArray(bodies) ? bodies[0] : bodies
        varDefaults.set(
          name,
          isPlainObject(body) && 'default' in body
            ? { declared: true, default: body.default }
            : { declared: true }
        )
      }
    }
    const localBlocks = file.json?.locals
    for (const block of Array.isArray(localBlocks) ? localBlocks : [localBlocks]) {
      if (isPlainObject(block)) for (const [name, value] of Object.entries(block)) locals.set(name, value)
    }
    for (const { name, body } of labelled(file.json, 'data', 'aws_iam_policy_document'))
      documents.set(name, { body, file })
    for (const type of ['aws_region', 'aws_caller_identity'])
      for (const { name, body } of labelled(file.json, 'data', type)) dataSources.set(`${type}.${name}`, body)
  }
  const scope: TfModule['scope'] = {
    ctx,
    workspaceRoot: root,
    moduleDir: path.join(root, dir),
    varValues: new Map(),
    varDefaults,
    locals,
    dataSources
  }
  // Terraform's order: terraform.tfvars, then *.auto.tfvars in name order, then the var files given, later wins.
  const names: string[] = (await readdir(path.join(root, dir))).sort()
  const first = names.filter(n => n === 'terraform.tfvars' || n === 'terraform.tfvars.json')
  const auto = [...first, ...names.filter(n => /\.auto\.tfvars(\.json)?$/.test(n))].map(n =>
    dir === '.' ? n : `${dir}/${n}`
  )
  const loader = new TfEvaluator({ ...scope, documentJson: async () => undefined }, new UnresolvedCollector())
  for (const file of [...auto, ...varFiles]) await readVarFile(root, file, scope.varValues, loader)
  return { files, scope, documents }
}

/** One evaluation per policy: its unknowns are its own, and documents are built with the same collector. */
type DocumentOf = (name: string, ev: TfEvaluator) => Promise<BuiltDocument | undefined>

function evaluatorFor(module: TfModule): {
  ev: TfEvaluator
  collector: UnresolvedCollector
  documentOf: DocumentOf
} {
  const collector = new UnresolvedCollector()
  const built = new Map<string, Promise<BuiltDocument | undefined>>()
  const building = new Set<string>()
  const documentOf: DocumentOf = (name, ev) => {
    let doc = built.get(name)
    if (!doc) {
      const declared = module.documents.get(name)
      if (!declared || building.has(name)) return Promise.resolve(undefined)
      building.add(name)
      doc = buildPolicyDocument(documentSource(declared.file, name, declared.body), ev)
      built.set(name, doc)
    }
    return doc
  }
  const ev: TfEvaluator = new TfEvaluator(
    {
      ...module.scope,
      documentJson: async (name, evaluator) => {
        const doc = await documentOf(name, evaluator)
        if (!doc) return undefined
        return doc.unknown !== undefined
          ? evaluator.unknown(doc.unknown)
          : JSON.stringify(documentPolicy(doc))
      }
    },
    collector
  )
  return { ev, collector, documentOf }
}

function documentSource(file: TfFile, name: string, body: Record<string, unknown>) {
  const block = findBlock(file.blocks, 'data', ['aws_iam_policy_document', name])
  const line = block?.line ?? 1
  return {
    body,
    file: file.path,
    line,
    statementLines: block ? nestedBlockLines(file.text, block, 'statement') : [],
    argumentLine: (argument: string) => (block ? (argumentLine(file.text, block, argument) ?? line) : line)
  }
}

/** `data.aws_iam_policy_document.NAME.json` written alone: the document's statements keep their own lines. */
function documentReference(raw: unknown): string | undefined {
  return typeof raw === 'string'
    ? /^\$\{\s*data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\.(?:minified_)?json\s*\}$/.exec(raw)?.[1]
    : undefined
}

/** The whole policy could not be known, or its statements are not objects: judge it as UNRESOLVED. */
function unknownStructure(policy: unknown): boolean {
  if (!isPlainObject(policy)) return true
  const statements = policy.Statement
  if (statements === undefined || isUnknown(statements)) return true
  return Array.isArray(statements) && statements.some(s => !isPlainObject(s))
}

async function keyPolicy(
  module: TfModule,
  file: TfFile,
  name: string,
  raw: unknown,
  block: TfBlockLocation | undefined
): Promise<ExtractedPolicy> {
  const line = (block && argumentLine(file.text, block, 'policy')) ?? block?.line ?? 1
  const { ev, collector, documentOf } = evaluatorFor(module)
  const documentName = documentReference(raw)
  if (documentName !== undefined) {
    const doc = await documentOf(documentName, ev)
    if (doc && doc.unknown === undefined) {
      return extractedPolicy({
        name,
        line,
        policy: documentPolicy(doc),
        statementLines: doc.statements.map(s => (s.file === file.path ? s.line : line)),
        collector
      })
    }
  }
  const value = await ev.value(raw, line)
  if (typeof value !== 'string' || isUnknown(value)) {
    return extractedPolicy({ name, line, policy: unknownStructure(value) ? null : value, collector })
  }
  const parsed = parseJsonTree(value)
  if (!parsed.ok) {
    if (holdsUnknown(value)) return extractedPolicy({ name, line, policy: null, collector })
    return extractedPolicy({ name, line, policy: null, unresolved: [`policy of ${name}: ${parsed.message}`] })
  }
  const policy = unknownStructure(parsed.value) ? null : parsed.value
  return extractedPolicy({
    name,
    line,
    policy,
    statementLines: await statementLines(file, block, raw, parsed, line),
    collector
  })
}

/** Lines of the statements in the .tf file: inside a heredoc, or inside jsonencode({...}). */
async function statementLines(
  file: TfFile,
  block: TfBlockLocation | undefined,
  raw: unknown,
  parsed: Extract<ReturnType<typeof parseJsonTree>, { ok: true }>,
  line: number
): Promise<number[] | undefined> {
  if (!block || typeof raw !== 'string') return undefined
  const heredoc = heredocLine(file.text, block, 'policy')
  if (heredoc !== undefined)
    return statementLinesOf(parsed.tree, parsed.tree.root, 1).map(inner => heredoc + inner)
  const encoded = /^\$\{(jsonencode\([\s\S]*\))\}$/.exec(raw)?.[1]
  if (encoded === undefined) return undefined
  const start = expressionLine(file.text, block, 'policy', encoded)
  if (start === undefined) return undefined
  const ast = await expressionAst(encoded).catch(() => null)
  const object = ast?.children?.[0]
  if (object?.type !== 'object') return undefined
  const children = object.children ?? []
  for (let i = 0; i + 1 < children.length; i += 2) {
    const key = Buffer.from(encoded)
      .subarray(children[i].range.start.byte, children[i].range.end.byte)
      .toString()
    if (key.replace(/^"|"$/g, '') !== 'Statement') continue
    const value = children[i + 1]
    if (value.type !== 'tuple') return [start + value.range.start.line]
    return (value.children ?? []).map(s => start + s.range.start.line)
  }
  return [line]
}

/** Whether an aws_kms_key_policy of the module sets this key's policy (its key_id refers to aws_kms_key.NAME). */
function setBySeparatePolicy(module: TfModule, keyName: string): boolean {
  const reference = new RegExp(`\\baws_kms_key\\.${keyName}\\b`)
  return module.files.some(file =>
    labelled(file.json, 'resource', 'aws_kms_key_policy').some(
      ({ body }) => typeof body.key_id === 'string' && reference.test(body.key_id)
    )
  )
}

/**
 * Reads the module in `dir` and returns a result for each of `reported` (its .tf files that the globs matched).
 * @param root the workspace's real path
 */
export async function extractTerraformModule(
  root: string,
  dir: string,
  reported: string[],
  ctx: ExtractContext,
  varFiles: string[]
): Promise<Map<string, ExtractResult>> {
  const module = await loadModule(root, dir, ctx, varFiles)
  const results = new Map<string, ExtractResult>()
  for (const file of module.files.filter(f => reported.includes(f.path))) {
    if (file.error !== undefined) {
      results.set(file.path, { kind: 'error', message: file.error })
      continue
    }
    const policies: ExtractedPolicy[] = []
    for (const type of ['aws_kms_key', 'aws_kms_key_policy']) {
      for (const { name, body } of labelled(file.json, 'resource', type)) {
        const address = `${type}.${name}`
        const block = findBlock(file.blocks, 'resource', [type, name])
        if (body.policy !== undefined && body.policy !== null) {
          policies.push(await keyPolicy(module, file, address, body.policy, block))
        } else if (type === 'aws_kms_key' && !setBySeparatePolicy(module, name)) {
          // KMS gives a key created without a policy its default policy (how-ec2-uses-kms.md 3.1).
          const line = block?.line ?? 1
          policies.push(
            extractedPolicy({
              name: `${address} (default policy)`,
              line,
              policy: createKeyDefaultPolicy(ctx.accountId, ctx.partition),
              statementLines: [line]
            })
          )
        }
      }
    }
    // The parser orders blocks by name; the report follows the file.
    policies.sort((a, b) => a.line - b.line)
    results.set(
      file.path,
      policies.length === 0
        ? { kind: 'skipped', reason: 'Terraform file has no aws_kms_key or aws_kms_key_policy' }
        : { kind: 'policies', format: 'terraform-source', policies }
    )
  }
  for (const file of reported) {
    if (!results.has(file))
      results.set(file, { kind: 'skipped', reason: 'not a regular .tf file of its folder' })
  }
  return results
}
