// CloudFormation intrinsic functions, as far as they can be resolved without a stack: pseudo parameters come from the
// context, Fn::Sub / Fn::Join / Fn::Select / Fn::FindInMap are computed, and everything that needs a deployed stack
// (a parameter, a resource attribute, an import, a condition) becomes an unresolved placeholder.
import { isMap, isScalar, isSeq } from 'yaml'
import type { Tags } from 'yaml'
import { deref, mapEntries, type SourceTree } from './source-tree.js'
import type { ExtractContext } from './types.js'
import { isPlainObject, type UnresolvedCollector } from './unresolved.js'

/** A call of an intrinsic function, in long form (`Fn::Sub`) or YAML short form (`!Sub`). */
export class Intrinsic {
  constructor(
    readonly name: string, // long name: Ref, Condition, Fn::Sub, ...
    readonly arg: unknown,
    readonly shortForm: boolean
  ) {}

  /** The name as the author wrote it. */
  get written(): string {
    if (!this.shortForm) return this.name
    return this.name === 'Ref' || this.name === 'Condition' ? `!${this.name}` : `!${this.name.slice(4)}`
  }
}

const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'Equals',
  'And',
  'Or',
  'Not',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform'
]

/** The YAML short forms, each accepted on a scalar, a sequence and a mapping; the tag stays on the node. */
export const cfnYamlTags: Tags = SHORT_FORMS.flatMap(name => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (node: unknown) => node },
  { tag: `!${name}`, collection: 'map' as const, resolve: (node: unknown) => node }
])

function longName(shortName: string): string {
  return shortName === 'Ref' || shortName === 'Condition' ? shortName : `Fn::${shortName}`
}

/** Converts a parsed YAML template node to plain values, with short-form tags as Intrinsic calls. */
export function cfnValueFromYaml(tree: SourceTree, node: unknown, depth = 0): unknown {
  if (depth > 200) return null // an alias cycle; YAML allows it, CloudFormation does not
  const value = deref(tree, node)
  const tag = (value as { tag?: string } | null)?.tag
  const shortName = tag?.startsWith('!') ? tag.slice(1) : undefined
  let plain: unknown
  if (isScalar(value)) plain = value.value
  else if (isSeq(value)) plain = value.items.map(item => cfnValueFromYaml(tree, item, depth + 1))
  else if (isMap(value)) {
    const out: Record<string, unknown> = {}
    for (const { key, pair } of mapEntries(tree, value))
      out[key] = cfnValueFromYaml(tree, pair.value, depth + 1)
    plain = out
  } else plain = null
  if (shortName && SHORT_FORMS.includes(shortName))
    return new Intrinsic(longName(shortName), liftLongForms(plain), true)
  return liftLongForms(plain)
}

/** Turns every single-key `{ "Ref": ... }` / `{ "Fn::X": ... }` object into an Intrinsic call. */
export function liftLongForms(value: unknown): unknown {
  if (value instanceof Intrinsic) return value
  if (Array.isArray(value)) return value.map(liftLongForms)
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))) {
    return new Intrinsic(keys[0], liftLongForms(value[keys[0]]), false)
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = liftLongForms(value[key])
  return out
}

/** `!Ref AWS::NoValue`: the property or list item is removed. */
const NO_VALUE = Symbol('AWS::NoValue')

export interface ResolveEnv {
  ctx: ExtractContext
  /** The template's Mappings section, for Fn::FindInMap. */
  mappings: unknown
  unresolved: UnresolvedCollector
}

/** Resolves every Intrinsic in a value; what cannot be resolved becomes a placeholder of `env.unresolved`. */
export function resolveCfnValue(value: unknown, env: ResolveEnv): unknown {
  const resolved = resolveAny(value, env, 0)
  return resolved === NO_VALUE ? null : resolved
}

function resolveAny(value: unknown, env: ResolveEnv, depth: number): unknown {
  if (depth > 100) return env.unresolved.placeholder('a value nested too deeply')
  if (value instanceof Intrinsic) return resolveIntrinsic(value, env, depth + 1)
  if (Array.isArray(value)) {
    return value.map(item => resolveAny(item, env, depth + 1)).filter(item => item !== NO_VALUE)
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveAny(item, env, depth + 1)
      if (resolved !== NO_VALUE) out[key] = resolved
    }
    return out
  }
  return value
}

function pseudoParameter(name: string, ctx: ExtractContext): string | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return ctx.accountId
    case 'AWS::Region':
      return ctx.region
    case 'AWS::Partition':
      return ctx.partition
    case 'AWS::URLSuffix':
      return ctx.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
    default:
      return undefined // AWS::StackName, AWS::StackId, AWS::NotificationARNs need a stack
  }
}

function resolveIntrinsic(call: Intrinsic, env: ResolveEnv, depth: number): unknown {
  const unknown = (what: string) => env.unresolved.placeholder(`${call.written} ${what}`)
  switch (call.name) {
    case 'Ref': {
      if (typeof call.arg !== 'string') return unknown(render(call.arg))
      if (call.arg === 'AWS::NoValue') return NO_VALUE
      return pseudoParameter(call.arg, env.ctx) ?? unknown(call.arg)
    }
    case 'Fn::GetAtt': {
      const parts = Array.isArray(call.arg) ? call.arg.map(render) : [render(call.arg)]
      return unknown(parts.join('.'))
    }
    case 'Fn::Sub':
      return resolveSub(call, env, depth)
    case 'Fn::Join': {
      if (!Array.isArray(call.arg) || call.arg.length !== 2 || typeof call.arg[0] !== 'string') {
        return unknown(render(call.arg))
      }
      const list = resolveAny(call.arg[1], env, depth)
      if (typeof list === 'string') return list // the list itself is unknown: its placeholder says why
      if (!Array.isArray(list) || !list.every(isScalarText)) return unknown(render(call.arg))
      return list.map(String).join(call.arg[0])
    }
    case 'Fn::Select': {
      if (!Array.isArray(call.arg) || call.arg.length !== 2) return unknown(render(call.arg))
      const index = resolveAny(call.arg[0], env, depth)
      const list = resolveAny(call.arg[1], env, depth)
      const position = typeof index === 'number' ? index : typeof index === 'string' ? Number(index) : NaN
      if (Array.isArray(list) && Number.isInteger(position) && position >= 0 && position < list.length) {
        return list[position]
      }
      return typeof list === 'string' ? list : unknown(render(call.arg))
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(call.arg) || call.arg.length < 3) return unknown(render(call.arg))
      const keys = call.arg.slice(0, 3).map(part => resolveAny(part, env, depth))
      let found: unknown = env.mappings
      for (const key of keys) found = typeof key === 'string' && isPlainObject(found) ? found[key] : undefined
      return found === undefined ? unknown(render(call.arg)) : resolveAny(found, env, depth)
    }
    default:
      return unknown(render(call.arg))
  }
}

function isScalarText(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/** Fn::Sub: `${AWS::AccountId}`-style pseudo parameters, the variable map of the two-element form, `${!Literal}`. */
function resolveSub(call: Intrinsic, env: ResolveEnv, depth: number): unknown {
  const [template, variables] = Array.isArray(call.arg) ? call.arg : [call.arg, {}]
  const text = resolveAny(template, env, depth)
  if (typeof text !== 'string') return env.unresolved.placeholder(`${call.written} ${render(call.arg)}`)
  const map = isPlainObject(variables) ? variables : {}
  return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}` // ${!Name} is the literal text ${Name}
    if (inner.startsWith('ec2sg:unresolved:')) return whole // a placeholder from a nested call
    const name = inner.trim()
    if (Object.hasOwn(map, name)) {
      const value = resolveAny(map[name], env, depth)
      if (value === NO_VALUE) return ''
      if (isScalarText(value)) return String(value)
      return env.unresolved.placeholder(`${call.written} variable ${name}`)
    }
    // Names with a dot are resource attributes (like Fn::GetAtt); other names are parameters or resources.
    return pseudoParameter(name, env.ctx) ?? env.unresolved.placeholder(`${call.written} variable ${name}`)
  })
}

/** A short, readable rendering of an argument for descriptions. */
function render(value: unknown): string {
  const text = renderFull(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

function renderFull(value: unknown): string {
  if (value instanceof Intrinsic) return `(${value.written} ${renderFull(value.arg)})`
  if (Array.isArray(value)) return `[${value.map(renderFull).join(', ')}]`
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${renderFull(v)}`)
      .join(', ')}}`
  }
  return String(value)
}
