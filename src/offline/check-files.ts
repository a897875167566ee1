// The offline PR gate: key policies read from files in the repository, judged by the same analyzer as the live
// path, with no AWS call and no credentials.
import { readFile, realpath, stat } from 'node:fs/promises'
import { join, posix } from 'node:path'
import type { Inputs } from '../inputs.js'
import { analyzeKeyAccess, keyStatus } from '../kms/access.js'
import { buildFixStatement, fixStatementSid } from '../kms/fix.js'
import { callerFromArn } from '../kms/principal.js'
import type { Caller, KeyFacts, KeyVerdict } from '../kms/types.js'
import { newRunReport, type KeyStatus, type PolicyFileReport, type RunReport } from '../report/model.js'
import { MAX_DOCUMENT_BYTES, tooLarge } from './bounds.js'
import { findPolicyFiles } from './discover.js'
import {
  extractKeyPolicies,
  type ExtractedPolicy,
  type ExtractContext,
  type ExtractResult
} from './extract.js'

function offlineKey(policy: ExtractedPolicy, ctx: ExtractContext): KeyFacts {
  // The key does not exist yet: judge the policy of an enabled customer key in the principal's account.
  return {
    arn: `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${policy.name.replace(/[^\w.-]+/g, '-')}`,
    keyId: policy.name,
    accountId: ctx.accountId,
    region: ctx.region,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    aliases: []
  }
}

function judge(policy: ExtractedPolicy, caller: Caller, ctx: ExtractContext): KeyVerdict {
  const statements = (policy.policy as { Statement?: unknown }).Statement
  if (statements === undefined && policy.unresolved.length > 0) {
    return {
      verdict: 'UNRESOLVED',
      usable: false,
      reason: `The policy cannot be known before deployment: ${policy.unresolved.join('; ')}.`
    }
  }
  return analyzeKeyAccess({ key: offlineKey(policy, ctx), policy: policy.policy, caller, region: ctx.region })
}

/** Offline, IAM is out of scope: a policy that delegates to IAM passes (with a notice). */
function offlineStatus(verdict: KeyVerdict): KeyStatus {
  return verdict.verdict === 'ALLOW_IF_IAM' ? 'ok' : keyStatus(verdict)
}

async function extractFile(workspace: string, file: string, ctx: ExtractContext): Promise<ExtractResult> {
  const path = join(workspace, file)
  const size = (await stat(path)).size
  // Checked before reading: the file is never loaded whole.
  if (size > MAX_DOCUMENT_BYTES) return { kind: 'error', message: tooLarge(size).message }
  return extractKeyPolicies(file, await readFile(path, 'utf8'), ctx)
}

function judgeFile(
  file: string,
  extracted: ExtractResult,
  caller: Caller,
  ctx: ExtractContext,
  fix: Inputs['fix']
): PolicyFileReport {
  if (extracted.kind === 'error') return { file, error: extracted.message, policies: [] }
  if (extracted.kind === 'skipped') return { file, skipped: extracted.reason, policies: [] }
  return {
    file,
    format: extracted.format,
    policies: extracted.policies.map(policy => {
      const verdict = judge(policy, caller, ctx)
      const index = verdict.deciding?.index
      return {
        name: policy.name,
        line: policy.line,
        decidingLine: index === undefined ? undefined : policy.statementLines[index],
        verdict,
        status: offlineStatus(verdict),
        unresolved: policy.unresolved,
        fix:
          fix !== 'off' && verdict.verdict === 'DENY_IMPLICIT'
            ? {
                target: 'key-policy' as const,
                sid: fixStatementSid(caller.principalArn),
                statement: buildFixStatement(caller, ctx.region)
              }
            : undefined
      }
    })
  }
}

export async function checkPolicyFiles(inputs: Inputs, workspace: string): Promise<RunReport> {
  const began = performance.now()
  const caller = callerFromArn(inputs.principalArn as string)
  const ctx: ExtractContext = {
    accountId: caller.accountId,
    region: inputs.region,
    partition: caller.partition ?? 'aws'
  }
  const report: RunReport = { ...newRunReport(inputs), caller: caller.principalArn }
  const found = await findPolicyFiles(inputs.keyPolicyFiles, workspace)
  for (const glob of found.unmatched)
    report.problems.push(`key-policy-files: the glob "${glob}" matched no file in the workspace.`)
  const terraform = await terraformResults(inputs, workspace, found.files, ctx, report.problems)
  for (const file of found.files) {
    const extracted = terraform.get(file) ?? (await extractFile(workspace, file, ctx))
    report.files.push(judgeFile(file, extracted, caller, ctx, inputs.fix))
  }
  report.durationMs = performance.now() - began
  return report
}

/** .tf files are read per folder, as Terraform reads a module; the HCL parser is loaded only when there are some. */
async function terraformResults(
  inputs: Inputs,
  workspace: string,
  files: string[],
  ctx: ExtractContext,
  problems: string[]
): Promise<Map<string, ExtractResult>> {
  const results = new Map<string, ExtractResult>()
  const byFolder = new Map<string, string[]>()
  for (const file of files.filter(f => f.endsWith('.tf'))) {
    const folder = posix.dirname(file)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file])
  }
  if (byFolder.size === 0) return results
  const { extractTerraformModule } = await import('./terraform-source.js')
  const found = await findPolicyFiles(inputs.terraformVarFiles, workspace, 'terraform-var-files')
  for (const glob of found.unmatched)
    problems.push(`terraform-var-files: the glob "${glob}" matched no file in the workspace.`)
  const varFiles = found.files
  const root = await realpath(workspace)
  for (const [folder, reported] of byFolder) {
    for (const [file, result] of await extractTerraformModule(root, folder, reported, ctx, varFiles))
      results.set(file, result)
  }
  return results
}
