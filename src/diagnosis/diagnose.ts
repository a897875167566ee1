// The KMS diagnosis: instance -> volume -> key -> key policy -> caller, with the fewest calls.
// DescribeVolumes per 500 volumes; DescribeKey, GetKeyPolicy and ListAliases once per unique key, 8 at a time;
// one SimulatePrincipalPolicy for all keys whose verdict depends on IAM.
import type { EC2Client } from '@aws-sdk/client-ec2'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { KMSClient } from '@aws-sdk/client-kms'
import { analyzeKeyAccess, buildEc2GrantRequest, combineWithIamSimulation, keyStatus } from '../kms/access.js'
import { buildFixStatement, buildIamFixStatement, fixStatementSid } from '../kms/fix.js'
import type { Caller, KeyFacts, KeyVerdict } from '../kms/types.js'
import type { FixMode } from '../inputs.js'
import type { InstanceSnapshot } from '../aws/instances.js'
import type { FixReport, IamSimulation, KeyReport } from '../report/model.js'
import { createLimiter, KEY_CALL_CONCURRENCY, type Limiter } from '../aws/concurrency.js'
import { arnParts, describeKey, getKeyPolicy, listAliases } from '../aws/keys.js'
import { describeVolumes } from '../aws/volumes.js'

export interface DiagnosisDeps {
  ec2: EC2Client
  kms: KMSClient
  /** Built only when a verdict needs the IAM half or a fix needs the role's path. */
  iam: () => Promise<IAMClient>
}

export interface KeyEvidence {
  facts?: KeyFacts
  /** The key policy as GetKeyPolicy returned it, when it could be read. */
  policy?: string
  /** The first volume seen with this key, for conditions on kms:EncryptionContext:aws:ebs:id. */
  volumeId: string
  /** Why DescribeKey or GetKeyPolicy failed, naming the call and the permission. */
  readError?: string
}

export interface Diagnosis {
  caller: Caller
  keys: KeyReport[]
  evidence: Map<string, KeyEvidence>
  instanceKeys: Map<string, string[]>
  warnings: string[]
}

interface KeyUse {
  arn: string
  instances: string[]
  volumes: string[]
}

function collectKeyUses(
  targets: readonly InstanceSnapshot[],
  volumes: Map<string, { encrypted: boolean; kmsKeyId?: string }>
) {
  const uses = new Map<string, KeyUse>()
  const instanceKeys = new Map<string, string[]>()
  for (const t of targets) {
    const keys: string[] = []
    for (const volumeId of t.volumeIds) {
      const v = volumes.get(volumeId)
      if (!v?.encrypted || !v.kmsKeyId) continue
      const use = uses.get(v.kmsKeyId) ?? { arn: v.kmsKeyId, instances: [], volumes: [] }
      if (!use.instances.includes(t.instanceId)) use.instances.push(t.instanceId)
      use.volumes.push(volumeId)
      uses.set(v.kmsKeyId, use)
      if (!keys.includes(v.kmsKeyId)) keys.push(v.kmsKeyId)
    }
    instanceKeys.set(t.instanceId, keys)
  }
  return { uses: [...uses.values()], instanceKeys }
}

async function gatherEvidence(
  kms: KMSClient,
  limit: Limiter,
  use: KeyUse,
  caller: Caller
): Promise<KeyEvidence> {
  const evidence: KeyEvidence = { volumeId: use.volumes[0] }
  try {
    evidence.facts = await limit(() => describeKey(kms, use.arn))
  } catch (err) {
    evidence.readError = (err as Error).message
    return evidence
  }
  const facts = evidence.facts
  // GetKeyPolicy and ListAliases cannot cross accounts (how-ec2-uses-kms.md 4.2), and AWS managed keys need neither.
  if (facts.accountId !== caller.accountId || facts.keyManager === 'AWS') return evidence
  const [policy, aliases] = await Promise.allSettled([
    limit(() => getKeyPolicy(kms, facts.arn)),
    limit(() => listAliases(kms, facts.keyId))
  ])
  if (aliases.status === 'fulfilled') facts.aliases = aliases.value
  if (policy.status === 'fulfilled') evidence.policy = policy.value
  else evidence.readError = (policy.reason as Error).message
  return evidence
}

function verdictFor(evidence: KeyEvidence, use: KeyUse, caller: Caller, region: string): KeyVerdict {
  if (!evidence.facts) return { verdict: 'CANNOT_EVALUATE', usable: false, reason: `${evidence.readError}.` }
  const verdict = analyzeKeyAccess({
    key: evidence.facts,
    policy: evidence.policy,
    caller,
    region,
    volumeId: evidence.volumeId,
    instanceId: use.instances[0]
  })
  // A policy that could not be read is worth the exact call and permission that failed.
  if (verdict.verdict === 'CANNOT_EVALUATE' && evidence.readError)
    return { ...verdict, reason: `${evidence.readError}.` }
  return verdict
}

function fixFor(
  verdict: KeyVerdict,
  iam: IamSimulation | undefined,
  caller: Caller,
  keyArn: string,
  region: string,
  fix: FixMode
): FixReport | undefined {
  if (fix === 'off') return undefined
  if (verdict.verdict === 'DENY_IMPLICIT') {
    return {
      target: 'key-policy',
      sid: fixStatementSid(caller.principalArn),
      statement: buildFixStatement(caller, region)
    }
  }
  if (verdict.verdict === 'ALLOW_IF_IAM' && (iam === 'implicitDeny' || iam === 'explicitDeny')) {
    const statement = buildIamFixStatement(keyArn, region)
    return { target: 'iam-policy', sid: String(statement.Sid), statement }
  }
  return undefined
}

export async function diagnoseKeys(
  deps: DiagnosisDeps,
  targets: readonly InstanceSnapshot[],
  initialCaller: Caller,
  region: string,
  fix: FixMode
): Promise<Diagnosis> {
  const warnings: string[] = []
  let caller = initialCaller
  const volumes = await describeVolumes(
    deps.ec2,
    targets.flatMap(t => t.volumeIds)
  )
  const { uses, instanceKeys } = collectKeyUses(targets, volumes)
  const limit = createLimiter(KEY_CALL_CONCURRENCY)
  const gathered = await Promise.all(uses.map(use => gatherEvidence(deps.kms, limit, use, caller)))

  const verdicts = uses.map((use, i) => verdictFor(gathered[i], use, caller, region))

  const needsIam = uses.filter((_, i) => verdicts[i].verdict === 'ALLOW_IF_IAM')
  // Only a key-policy statement names the role, and a key policy must name it exactly, path included.
  const needsRolePath =
    caller.pathUnknown === true &&
    fix !== 'off' &&
    verdicts.some(v => v.verdict === 'DENY_IMPLICIT' || (fix === 'apply' && v.verdict === 'ALLOW_IF_IAM'))
  let simulation: Map<string, IamSimulation> = new Map()
  if (needsIam.length > 0 || needsRolePath) {
    const iam = await deps.iam()
    const { resolveRolePath, simulateCreateGrant } = await import('../aws/iam.js')
    // SimulatePrincipalPolicy needs the exact role ARN too.
    if (caller.pathUnknown) {
      const resolved = await resolveRolePath(iam, caller)
      caller = resolved.caller
      if (resolved.note) warnings.push(resolved.note)
    }
    if (needsIam.length > 0) {
      const now = new Date()
      const requests = needsIam.map(u => {
        const evidence = gathered[uses.indexOf(u)]
        return buildEc2GrantRequest(
          caller,
          evidence.facts?.arn ?? u.arn,
          region,
          evidence.volumeId,
          u.instances[0],
          {
            key: evidence.facts,
            now,
            assumeRootPath: true
          }
        )
      })
      const result = await simulateCreateGrant(iam, caller.principalArn, requests)
      simulation = result.decisions
      if (result.unavailable)
        warnings.push(
          `The IAM side of ${needsIam.length} key(s) could not be checked: ${result.unavailable}.`
        )
    }
  }

  const evidence = new Map<string, KeyEvidence>()
  const keys: KeyReport[] = uses.map((use, i) => {
    const facts = gathered[i].facts
    const arn = facts?.arn ?? use.arn
    evidence.set(arn, gathered[i])
    let verdict = verdicts[i]
    let status = keyStatus(verdict)
    let iamSimulation: IamSimulation | undefined
    if (verdict.verdict === 'ALLOW_IF_IAM') {
      iamSimulation = simulation.get(arn) ?? 'unavailable'
      ;({ status, verdict } = combineWithIamSimulation(verdict, iamSimulation))
    }
    return {
      arn,
      alias: facts?.aliases[0],
      manager: facts?.keyManager ?? 'unknown',
      state: facts?.keyState ?? 'unknown',
      accountId: facts?.accountId ?? arnParts(arn).accountId,
      verdict,
      status,
      iamSimulation,
      instances: use.instances,
      volumes: use.volumes,
      fix: fixFor(verdict, iamSimulation, caller, arn, region, fix)
    }
  })
  // Volume key IDs are ARNs already; DescribeKey may canonicalise them, so map instances to the canonical ARN.
  for (const [instanceId, arns] of instanceKeys) {
    instanceKeys.set(
      instanceId,
      arns.map(a => keys[uses.findIndex(u => u.arn === a)]?.arn ?? a)
    )
  }
  return { caller, keys, evidence, instanceKeys, warnings }
}
