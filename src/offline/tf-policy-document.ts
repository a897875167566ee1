// data "aws_iam_policy_document": the JSON the AWS provider builds from `statement` blocks, merged with
// source_policy_documents and override_policy_documents the way the provider merges them: sources first, then this
// document's statements, then each override in order; a statement whose Sid is already there replaces it in place,
// one without a Sid is appended (README, "Terraform source").
import type { TfEvaluator } from './tf-eval.js'
import { isUnknown } from './tf-eval.js'
import { isPlainObject } from './unresolved.js'

export interface DocumentStatement {
  statement: Record<string, unknown>
  /** Where it was written: a `statement` block, or the argument that brought it in. */
  file: string
  line: number
}

export interface BuiltDocument {
  version?: string
  id?: string
  statements: DocumentStatement[]
  /** Set when the statements cannot be known at all (a `dynamic "statement"` block, an unknown source document). */
  unknown?: string
}

export interface DocumentSource {
  body: Record<string, unknown>
  file: string
  line: number
  /** 1-based lines of the `statement` blocks, in order (when they could be located). */
  statementLines: number[]
  argumentLine(name: string): number
}

const LIST_ELEMENTS: Array<[string, string]> = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource']
]

function blocks(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : isPlainObject(value) ? [value] : []
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

async function principals(list: Record<string, unknown>[], ev: TfEvaluator, line: number): Promise<unknown> {
  const out: Record<string, unknown[]> = {}
  for (const block of list) {
    const type = await ev.value(block.type, line)
    const identifiers = asList(await ev.value(block.identifiers, line))
    const name = typeof type === 'string' ? type : ev.unknown('a principals type', line)
    // `type = "*", identifiers = ["*"]` is how the provider writes "Principal": "*".
    if (name === '*' && identifiers.every(i => i === '*')) return '*'
    out[name] = [...(out[name] ?? []), ...identifiers]
  }
  return out
}

async function conditions(list: Record<string, unknown>[], ev: TfEvaluator, line: number): Promise<unknown> {
  const out: Record<string, Record<string, unknown[]>> = {}
  for (const block of list) {
    const test = await ev.value(block.test, line)
    const variable = await ev.value(block.variable, line)
    const values = asList(await ev.value(block.values, line))
    const operator = typeof test === 'string' ? test : ev.unknown('a condition test', line)
    const key = typeof variable === 'string' ? variable : ev.unknown('a condition variable', line)
    out[operator] ??= {}
    out[operator][key] = [...(out[operator][key] ?? []), ...values]
  }
  return out
}

async function statementOf(block: Record<string, unknown>, ev: TfEvaluator, line: number) {
  const statement: Record<string, unknown> = {}
  if (block.sid !== undefined) {
    const sid = await ev.value(block.sid, line)
    if (sid !== '') statement.Sid = sid
  }
  statement.Effect = block.effect === undefined ? 'Allow' : await ev.value(block.effect, line)
  const principal = blocks(block.principals)
  if (principal.length > 0) statement.Principal = await principals(principal, ev, line)
  const notPrincipal = blocks(block.not_principals)
  if (notPrincipal.length > 0) statement.NotPrincipal = await principals(notPrincipal, ev, line)
  for (const [argument, element] of LIST_ELEMENTS) {
    if (block[argument] !== undefined) statement[element] = await ev.value(block[argument], line)
  }
  const condition = blocks(block.condition)
  if (condition.length > 0) statement.Condition = await conditions(condition, ev, line)
  return statement
}

function merge(
  into: BuiltDocument,
  more: { version?: unknown; id?: unknown; statements: DocumentStatement[] }
) {
  if (typeof more.id === 'string' && more.id !== '') into.id = more.id
  if (typeof more.version === 'string' && (into.version === undefined || more.version > into.version))
    into.version = more.version
  for (const entry of more.statements) {
    const sid = entry.statement.Sid
    const at =
      typeof sid === 'string' && sid !== '' ? into.statements.findIndex(s => s.statement.Sid === sid) : -1
    if (at >= 0) into.statements[at] = entry
    else into.statements.push(entry)
  }
}

/** The statements of policy JSON given to source_policy_documents / override_policy_documents. */
function jsonStatements(
  value: unknown,
  file: string,
  line: number
): { version?: unknown; id?: unknown; statements: DocumentStatement[] } | string {
  if (typeof value !== 'string' || isUnknown(value)) return 'the document is not known before apply'
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return 'the document is not valid JSON'
  }
  if (!isPlainObject(parsed)) return 'the document is not a JSON object'
  const list = Array.isArray(parsed.Statement)
    ? parsed.Statement
    : parsed.Statement === undefined
      ? []
      : [parsed.Statement]
  if (!list.every(isPlainObject)) return 'a statement of the document is not an object'
  return {
    version: parsed.Version,
    id: parsed.Id,
    statements: (list as Record<string, unknown>[]).map(statement => ({ statement, file, line }))
  }
}

export async function buildPolicyDocument(source: DocumentSource, ev: TfEvaluator): Promise<BuiltDocument> {
  const { body, file } = source
  const doc: BuiltDocument = { statements: [] }
  if (isPlainObject(body.dynamic) && body.dynamic.statement !== undefined) {
    return { statements: [], unknown: `a dynamic "statement" block (line ${source.line})` }
  }
  for (const argument of ['source_policy_documents', 'source_json']) {
    if (body[argument] === undefined) continue
    const line = source.argumentLine(argument)
    const documents = await ev.value(body[argument], line)
    for (const item of argument === 'source_json' ? [documents] : asList(documents)) {
      const statements = jsonStatements(item, file, line)
      if (typeof statements === 'string')
        return { statements: [], unknown: `${argument}: ${statements} (line ${line})` }
      merge(doc, statements)
    }
  }
  const own = blocks(body.statement)
  const statements: DocumentStatement[] = []
  for (let i = 0; i < own.length; i++) {
    const line = source.statementLines.length === own.length ? source.statementLines[i] : source.line
    statements.push({ statement: await statementOf(own[i], ev, line), file, line })
  }
  merge(doc, {
    version: body.version === undefined ? '2012-10-17' : await ev.value(body.version, source.line),
    id: body.policy_id === undefined ? undefined : await ev.value(body.policy_id, source.line),
    statements
  })
  for (const argument of ['override_policy_documents', 'override_json']) {
    if (body[argument] === undefined) continue
    const line = source.argumentLine(argument)
    const documents = await ev.value(body[argument], line)
    for (const item of argument === 'override_json' ? [documents] : asList(documents)) {
      const statements = jsonStatements(item, file, line)
      if (typeof statements === 'string')
        return { statements: [], unknown: `${argument}: ${statements} (line ${line})` }
      merge(doc, statements)
    }
  }
  return doc
}

/** The document as the provider's `json` attribute gives it. */
export function documentPolicy(doc: BuiltDocument): Record<string, unknown> {
  const policy: Record<string, unknown> = {}
  if (doc.version !== undefined) policy.Version = doc.version
  if (doc.id !== undefined) policy.Id = doc.id
  policy.Statement = doc.statements.map(s => s.statement)
  return policy
}
