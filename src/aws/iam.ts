// The IAM calls, loaded only by runs that need them (the IAM client is not part of a plain start's cold start):
// the IAM half of ALLOW_IF_IAM via iam:SimulatePrincipalPolicy, and the role's path via iam:GetRole.
import { GetRoleCommand, paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam'
import type { IAMClient } from '@aws-sdk/client-iam'
import { AWS_INTERNAL } from '../kms/ip.js'
import { CREATE_GRANT } from '../kms/requests.js'
import type { Caller, RequestContext } from '../kms/types.js'
import type { IamSimulation } from '../report/model.js'
import { awsCall, classifyError, AwsCallError } from './errors.js'

/** The role's real ARN, path included; on AccessDenied the path-less ARN stays, with a note why. */
export async function resolveRolePath(
  iam: IAMClient,
  caller: Caller
): Promise<{ caller: Caller; note?: string }> {
  if (!caller.pathUnknown) return { caller }
  const roleName = caller.principalArn.split('/').pop() as string
  try {
    const out = await awsCall('GetRole', roleName, 'iam:GetRole', () =>
      iam.send(new GetRoleCommand({ RoleName: roleName }))
    )
    const arn = out.Role?.Arn
    return arn ? { caller: { ...caller, principalArn: arn, pathUnknown: false } } : { caller }
  } catch (err) {
    return {
      caller,
      note: `${(err as Error).message}. The fix names ${caller.principalArn}; if the role has a path, set principal-arn to its full ARN.`
    }
  }
}

/** One call covers every key that needs it: the context is the same, only the resource ARNs differ. */
export interface SimulationResult {
  decisions: Map<string, IamSimulation>
  /** Why the simulation could not run (AccessDenied is the common case), when it could not. */
  unavailable?: string
}

/** The value types SimulatePrincipalPolicy takes for a context entry. */
type EntryType = 'string' | 'stringList' | 'boolean' | 'date' | 'numeric'

export interface SimulationContextEntry {
  ContextKeyName: string
  ContextKeyType: EntryType
  ContextKeyValues: string[]
}

/**
 * The context entries of the simulation, from the same request model the key-policy verdict uses (requests.ts):
 * every value the requests share (one call covers all keys), typed as IAM expects. The AWS-internal source
 * address is no IP a simulation could take, so it is left out.
 */
export function simulationContextEntries(requests: readonly RequestContext[]): SimulationContextEntry[] {
  const [first, ...rest] = requests
  if (first === undefined) return []
  const entries: SimulationContextEntry[] = []
  for (const [name, value] of Object.entries(first.context)) {
    if (value === AWS_INTERNAL) continue
    const same = rest.every(r => JSON.stringify(r.context[name]) === JSON.stringify(value))
    if (!same) continue
    const type: EntryType = Array.isArray(value)
      ? 'stringList'
      : typeof value === 'boolean'
        ? 'boolean'
        : name === 'aws:CurrentTime'
          ? 'date'
          : name === 'aws:EpochTime'
            ? 'numeric'
            : 'string'
    const values = Array.isArray(value) ? value.map(String) : [String(value)]
    if (values.length === 0) continue
    entries.push({ ContextKeyName: name, ContextKeyType: type, ContextKeyValues: values })
  }
  return entries
}

/** One call for every key that needs it: kms:CreateGrant in EC2's context, one request per key. */
export async function simulateCreateGrant(
  iam: IAMClient,
  roleArn: string,
  requests: readonly RequestContext[]
): Promise<SimulationResult> {
  const decisions = new Map<string, IamSimulation>()
  try {
    const pages = paginateSimulatePrincipalPolicy(
      { client: iam },
      {
        PolicySourceArn: roleArn,
        ActionNames: [CREATE_GRANT],
        ResourceArns: requests.map(r => r.resourceArn),
        ContextEntries: simulationContextEntries(requests)
      }
    )
    for await (const page of pages) {
      for (const r of page.EvaluationResults ?? []) {
        const decision = r.EvalDecision
        const arn = r.EvalResourceName
        if (!arn || !decision) continue
        decisions.set(
          arn,
          decision === 'allowed' ? 'allowed' : decision === 'explicitDeny' ? 'explicitDeny' : 'implicitDeny'
        )
      }
    }
    return { decisions }
  } catch (err) {
    const error = new AwsCallError('SimulatePrincipalPolicy', roleArn, 'iam:SimulatePrincipalPolicy', err)
    if (classifyError(err) === 'credentials') throw error
    return { decisions, unavailable: error.message }
  }
}
