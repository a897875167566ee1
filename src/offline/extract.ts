// Reads the key policies of one repository file. The format is told by content, not by name: a .json file may be a
// key policy, a CloudFormation template or a Terraform plan.
import { cfnValueFromYaml, cfnYamlTags, liftLongForms } from './cfn-intrinsics.js'
import { extractFromCloudFormation, isCloudFormationTemplate } from './cloudformation.js'
import { extractRawPolicy, isRawPolicy } from './raw-policy.js'
import { parseJsonTree, parseYamlTree } from './source-tree.js'
import { extractFromTerraformPlan, isTerraformPlan } from './terraform.js'
import type { ExtractContext, ExtractResult } from './types.js'

export type { ExtractContext, ExtractedPolicy, ExtractResult, PolicyFileFormat } from './types.js'
export { UNRESOLVED_MARKER } from './unresolved.js'

const YAML_EXTENSIONS = ['.yaml', '.yml', '.template']

export function extractKeyPolicies(relPath: string, text: string, ctx: ExtractContext): ExtractResult {
  const body = text.replace(/^\uFEFF/, '') // editors on Windows may save a byte order mark; JSON.parse refuses it
  if (body.trim() === '') return { kind: 'skipped', reason: 'the file is empty' }
  const extension = /\.[^./]+$/.exec(relPath.toLowerCase())?.[0] ?? ''
  // A document that opens with { or [ is JSON, whatever its name; so is every .json file.
  if (/^\s*[{[]/.test(body) || extension === '.json') return extractFromJson(body, ctx)
  return extractFromYaml(body, ctx, YAML_EXTENSIONS.includes(extension))
}

function extractFromJson(text: string, ctx: ExtractContext): ExtractResult {
  const parsed = parseJsonTree(text)
  if (!parsed.ok) return { kind: 'error', message: parsed.message }
  const { tree, value } = parsed
  if (isTerraformPlan(value)) return extractFromTerraformPlan(tree, value, ctx)
  if (isCloudFormationTemplate(value)) {
    return extractFromCloudFormation(
      tree,
      liftLongForms(value) as Record<string, unknown>,
      ctx,
      'cloudformation-json'
    )
  }
  if (isRawPolicy(value)) return extractRawPolicy(tree, value)
  return {
    kind: 'skipped',
    reason:
      'JSON is neither a key policy (no Statement), a CloudFormation template (no Resources) ' +
      'nor a Terraform plan (no resource_changes)'
  }
}

function extractFromYaml(text: string, ctx: ExtractContext, namedAsYaml: boolean): ExtractResult {
  const parsed = parseYamlTree(text, cfnYamlTags)
  if (!parsed.ok) {
    // A broken template must fail the gate; a README caught by a broad glob is only not a policy file.
    if (namedAsYaml || /^(AWSTemplateFormatVersion|Resources)\s*:/m.test(text)) {
      return { kind: 'error', message: parsed.message }
    }
    return { kind: 'skipped', reason: 'neither JSON nor YAML' }
  }
  const template = cfnValueFromYaml(parsed.tree, parsed.tree.root)
  if (isCloudFormationTemplate(template)) {
    return extractFromCloudFormation(parsed.tree, template, ctx, 'cloudformation-yaml')
  }
  return { kind: 'skipped', reason: 'YAML is not a CloudFormation template (no Resources)' }
}
