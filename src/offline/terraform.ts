// Terraform plans in JSON (`terraform show -json plan.out`): the planned policy of every aws_kms_key and
// aws_kms_key_policy. Policies are JSON strings there, so statements get the line of their policy.
import { isSeq } from 'yaml'
import { createKeyDefaultPolicy } from './default-policy.js'
import { extractedPolicy } from './policy-result.js'
import { findPair, lineOf, lineOfPair, parseJsonTree, type SourceTree } from './source-tree.js'
import type { ExtractContext, ExtractedPolicy, ExtractResult } from './types.js'
import { isPlainObject } from './unresolved.js'

const POLICY_TYPES = new Set(['aws_kms_key', 'aws_kms_key_policy'])

export function isTerraformPlan(value: unknown): value is Record<string, unknown> {
  return (
    isPlainObject(value) &&
    (Array.isArray(value.resource_changes) ||
      (typeof value.format_version === 'string' && typeof value.terraform_version === 'string'))
  )
}

interface ResourceChange {
  address: string
  mode: string
  type: string
  name: string
  module_address?: string
  change: { actions: string[]; after: Record<string, unknown> | null; after_unknown: Record<string, unknown> }
}

export function extractFromTerraformPlan(
  tree: SourceTree,
  plan: Record<string, unknown>,
  ctx: ExtractContext
): ExtractResult {
  const changes = Array.isArray(plan.resource_changes) ? plan.resource_changes : []
  const changeNodes = findPair(tree, tree.root, 'resource_changes')?.value
  const policies: ExtractedPolicy[] = []
  changes.forEach((raw: unknown, index: number) => {
    const change = asResourceChange(raw)
    if (!change || change.mode !== 'managed' || !POLICY_TYPES.has(change.type)) return
    // A key that is only being destroyed protects nothing afterwards; a replaced one (delete + create) does.
    if (change.change.after === null || !change.change.actions.some(action => action !== 'delete')) return
    const node = isSeq(changeNodes) ? changeNodes.items[index] : undefined
    const policy = planPolicy(tree, node, change, plan, ctx)
    if (policy) policies.push(policy)
  })
  if (policies.length === 0) {
    return {
      kind: 'skipped',
      reason: 'Terraform plan has no aws_kms_key or aws_kms_key_policy to create or update'
    }
  }
  return { kind: 'policies', format: 'terraform-plan', policies }
}

function asResourceChange(raw: unknown): ResourceChange | undefined {
  if (!isPlainObject(raw) || !isPlainObject(raw.change) || typeof raw.address !== 'string') return undefined
  const change = raw.change
  return {
    address: raw.address,
    mode: typeof raw.mode === 'string' ? raw.mode : 'managed',
    type: String(raw.type ?? ''),
    name: String(raw.name ?? ''),
    module_address: typeof raw.module_address === 'string' ? raw.module_address : undefined,
    change: {
      actions: Array.isArray(change.actions) ? change.actions.map(String) : [],
      after: isPlainObject(change.after) ? change.after : null,
      after_unknown: isPlainObject(change.after_unknown) ? change.after_unknown : {}
    }
  }
}

function planPolicy(
  tree: SourceTree,
  node: unknown,
  change: ResourceChange,
  plan: Record<string, unknown>,
  ctx: ExtractContext
): ExtractedPolicy | undefined {
  const name = change.address
  const line = policyLine(tree, node)
  const policy = change.change.after?.policy
  if (typeof policy === 'string' && policy.trim() !== '') {
    const parsed = parseJsonTree(policy)
    if (!parsed.ok) {
      return extractedPolicy({
        name,
        line,
        policy: null,
        unresolved: [`policy of ${name}: ${parsed.message}`]
      })
    }
    if (!isPlainObject(parsed.value)) {
      return extractedPolicy({
        name,
        line,
        policy: null,
        unresolved: [`policy of ${name} is not a JSON object`]
      })
    }
    return extractedPolicy({ name, line, policy: parsed.value })
  }
  if (isPlainObject(policy)) return extractedPolicy({ name, line, policy })
  if (change.type === 'aws_kms_key') {
    const unknown = change.change.after_unknown.policy === true
    // Without a `policy` argument the provider computes the policy (known after apply) and KMS gives the key its
    // default policy, unless an aws_kms_key_policy of this key sets it (that resource is then reported itself).
    // Only the plan's configuration section tells whether the argument was written.
    const config = configResource(plan, change)
    const declaresPolicy =
      config === undefined || (isPlainObject(config.expressions) && 'policy' in config.expressions)
    if (unknown && !declaresPolicy && setBySeparatePolicy(plan, change)) return undefined
    if (!unknown || !declaresPolicy) {
      return extractedPolicy({
        name: `${name} (default policy)`,
        line,
        policy: createKeyDefaultPolicy(ctx.accountId, ctx.partition)
      })
    }
  }
  const why = change.change.after_unknown.policy === true ? 'is known only after apply' : 'is empty'
  return extractedPolicy({ name, line, policy: null, unresolved: [`policy of ${name} ${why}`] })
}

/** The line of `"policy":` in the planned values, else of the resource's address. */
function policyLine(tree: SourceTree, node: unknown): number {
  const change = findPair(tree, node, 'change')?.value
  const policy = findPair(tree, findPair(tree, change, 'after')?.value, 'policy')
  if (policy) return lineOfPair(tree, policy)
  const unknown = findPair(tree, findPair(tree, change, 'after_unknown')?.value, 'policy')
  if (unknown) return lineOfPair(tree, unknown)
  const address = findPair(tree, node, 'address')
  return address ? lineOfPair(tree, address) : lineOf(tree, node)
}

type ConfigModule = { resources?: unknown; module_calls?: unknown }
type ConfigResource = { mode?: string; type?: string; name?: string; expressions?: unknown }

/** The module of the configuration that declares a resource, found by its module address (instance keys dropped). */
function configModule(
  plan: Record<string, unknown>,
  moduleAddress: string | undefined
): ConfigModule | undefined {
  const configuration = plan.configuration
  let module: unknown = isPlainObject(configuration) ? configuration.root_module : undefined
  for (const match of (moduleAddress ?? '').matchAll(/module\.([A-Za-z0-9_-]+)/g)) {
    const calls = isPlainObject(module) ? module.module_calls : undefined
    const call = isPlainObject(calls) ? calls[match[1]] : undefined
    module = isPlainObject(call) ? call.module : undefined
  }
  return isPlainObject(module) ? module : undefined
}

function configResources(module: ConfigModule | undefined): ConfigResource[] {
  return Array.isArray(module?.resources) ? (module.resources.filter(isPlainObject) as ConfigResource[]) : []
}

function configResource(plan: Record<string, unknown>, change: ResourceChange): ConfigResource | undefined {
  return configResources(configModule(plan, change.module_address)).find(
    resource =>
      resource.mode === change.mode && resource.type === change.type && resource.name === change.name
  )
}

/** Whether an aws_kms_key_policy in the same module refers to this key (its key_id references aws_kms_key.<name>). */
function setBySeparatePolicy(plan: Record<string, unknown>, change: ResourceChange): boolean {
  const key = `aws_kms_key.${change.name}`
  return configResources(configModule(plan, change.module_address)).some(resource => {
    if (resource.type !== 'aws_kms_key_policy' || !isPlainObject(resource.expressions)) return false
    const keyId = resource.expressions.key_id
    const references = isPlainObject(keyId) && Array.isArray(keyId.references) ? keyId.references : []
    return references.some(ref => ref === key || (typeof ref === 'string' && ref.startsWith(`${key}.`)))
  })
}
