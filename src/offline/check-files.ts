// The offline PR gate: key policies read from files in the repository, judged by the same analyzer as the live
// path, with no AWS call and no credentials.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Inputs } from '../inputs.js'
import { analyzeKeyAccess, keyStatus } from '../kms/access.js'
import { buildFixStatement, fixStatementSid } from '../kms/fix.js'
import { callerFromArn } from '../kms/principal.js'
import type { Caller, KeyFacts, KeyVerdict } from '../kms/types.js'
import { newRunReport, type KeyStatus, type PolicyFileReport, type RunReport } from '../report/model.js'
import { findPolicyFiles } from './discover.js'
import { extractKeyPolicies, type ExtractedPolicy, type ExtractContext } from './extract.js'

// Key policies are at most 32 KB; templates and plans are larger, but a file of this size is not one of them.
const MAX_FILE_BYTES = 20 * 1024 * 1024

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

async function checkFile(
  workspace: string,
  file: string,
  caller: Caller,
  ctx: ExtractContext,
  fix: Inputs['fix']
): Promise<PolicyFileReport> {
  const path = join(workspace, file)
  const size = (await stat(path)).size
  if (size > MAX_FILE_BYTES)
    return { file, error: `the file is ${size} bytes; the limit is ${MAX_FILE_BYTES}`, policies: [] }
  const extracted = extractKeyPolicies(file, await readFile(path, 'utf8'), ctx)
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
  for (const file of found.files) report.files.push(await checkFile(workspace, file, caller, ctx, inputs.fix))
  report.durationMs = performance.now() - began
  return report
}
