// CloudFormation templates (JSON or YAML): the KeyPolicy of every AWS::KMS::Key, with intrinsics resolved.
import { isMap, isScalar, isSeq, Scalar } from 'yaml'
import { resolveCfnValue, type ResolveEnv } from './cfn-intrinsics.js'
import { createKeyDefaultPolicy } from './default-policy.js'
import { extractedPolicy } from './policy-result.js'
import {
  deref,
  findPair,
  lineOf,
  lineOfPair,
  mapEntries,
  parseJsonTree,
  statementLinesOf,
  type SourceTree
} from './source-tree.js'
import type { ExtractContext, ExtractedPolicy, ExtractResult } from './types.js'
import { isPlainObject, UnresolvedCollector } from './unresolved.js'

const KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'])

/** A template is a mapping with a Resources mapping (or at least the format version that names it one). */
export function isCloudFormationTemplate(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && (isPlainObject(value.Resources) || 'AWSTemplateFormatVersion' in value)
}

/**
 * @param template the template as plain values with Intrinsic calls (cfnValueFromYaml or liftLongForms)
 * @param tree the same template with positions
 */
export function extractFromCloudFormation(
  tree: SourceTree,
  template: Record<string, unknown>,
  ctx: ExtractContext,
  format: 'cloudformation-json' | 'cloudformation-yaml'
): ExtractResult {
  const resources = isPlainObject(template.Resources) ? template.Resources : {}
  const resourceNodes = findPair(tree, tree.root, 'Resources')?.value
  const policies: ExtractedPolicy[] = []
  for (const { key: logicalId, pair } of mapEntries(tree, resourceNodes)) {
    const resource = resources[logicalId]
    if (!isPlainObject(resource) || typeof resource.Type !== 'string' || !KEY_TYPES.has(resource.Type))
      continue
    const properties = isPlainObject(resource.Properties) ? resource.Properties : {}
    const policyPair = findPair(tree, findPair(tree, pair.value, 'Properties')?.value, 'KeyPolicy')
    if (properties.KeyPolicy === undefined || properties.KeyPolicy === null || !policyPair) {
      // CloudFormation then creates the key with the CreateKey default policy (a replica key cannot lack one).
      if (resource.Type !== 'AWS::KMS::Key') continue
      const line = lineOfPair(tree, pair)
      policies.push(
        extractedPolicy({
          name: `${logicalId} (default policy)`,
          line,
          policy: createKeyDefaultPolicy(ctx.accountId, ctx.partition),
          statementLines: [line]
        })
      )
      continue
    }
    const env: ResolveEnv = { ctx, mappings: template.Mappings, unresolved: new UnresolvedCollector() }
    policies.push(
      keyPolicy(tree, logicalId, properties.KeyPolicy, policyPair.value, lineOfPair(tree, policyPair), env)
    )
  }
  if (policies.length === 0)
    return { kind: 'skipped', reason: 'CloudFormation template has no AWS::KMS::Key resource' }
  return { kind: 'policies', format, policies }
}

function keyPolicy(
  tree: SourceTree,
  name: string,
  value: unknown,
  node: unknown,
  line: number,
  env: ResolveEnv
): ExtractedPolicy {
  const resolved = resolveCfnValue(value, env)
  const collector = env.unresolved
  if (isPlainObject(value)) {
    return extractedPolicy({
      name,
      line,
      policy: resolved,
      statementLines: statementLinesOf(tree, node, line),
      collector
    })
  }
  if (typeof resolved !== 'string' || /^\$\{ec2sg:unresolved:#\d+\}$/.test(resolved)) {
    // An intrinsic that gives the whole policy (e.g. !If, !GetAtt) or a value that is no policy at all.
    return extractedPolicy({ name, line, policy: resolved, collector })
  }
  // KeyPolicy may be a JSON string (often `!Sub |` with ${AWS::AccountId} inside).
  const parsed = parseJsonTree(resolved)
  if (!parsed.ok) {
    return extractedPolicy({
      name,
      line,
      policy: null,
      unresolved: [`KeyPolicy of ${name}: ${parsed.message}`]
    })
  }
  const textNode = policyTextNode(tree, node)
  // A literal block scalar (`|`) keeps the text's lines, one below the indicator; other styles fold them.
  const statementLines =
    textNode?.type === Scalar.BLOCK_LITERAL
      ? statementLinesOf(parsed.tree, parsed.tree.root, 1).map(inner => lineOf(tree, textNode) + inner)
      : undefined
  return extractedPolicy({ name, line, policy: parsed.value, statementLines, collector })
}

/** The scalar that holds the policy text: the value itself, or the template of a Fn::Sub / !Sub. */
function policyTextNode(tree: SourceTree, node: unknown): Scalar | undefined {
  const value = deref(tree, node)
  if (isScalar(value)) return value
  if (isSeq(value)) return policyTextNode(tree, value.items[0])
  if (isMap(value)) {
    const sub = findPair(tree, value, 'Fn::Sub')
    return sub && value.items.length === 1 ? policyTextNode(tree, sub.value) : undefined
  }
  return undefined
}
