// The IAM calls, loaded only by runs that need them (the IAM client is not part of a plain start's cold start):
// the IAM half of ALLOW_IF_IAM via iam:SimulatePrincipalPolicy, and the role's path via iam:GetRole.
import { GetRoleCommand, paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { Caller } from '../kms/types.js'
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

export async function simulateCreateGrant(
  iam: IAMClient,
  roleArn: string,
  keyArns: readonly string[],
  region: string,
  accountId: string
): Promise<SimulationResult> {
  const decisions = new Map<string, IamSimulation>()
  try {
    const pages = paginateSimulatePrincipalPolicy(
      { client: iam },
      {
        PolicySourceArn: roleArn,
        ActionNames: ['kms:CreateGrant'],
        ResourceArns: [...keyArns],
        ContextEntries: [
          {
            ContextKeyName: 'kms:ViaService',
            ContextKeyType: 'string',
            ContextKeyValues: [`ec2.${region}.amazonaws.com`]
          },
          {
            ContextKeyName: 'kms:GrantIsForAWSResource',
            ContextKeyType: 'boolean',
            ContextKeyValues: ['true']
          },
          { ContextKeyName: 'kms:CallerAccount', ContextKeyType: 'string', ContextKeyValues: [accountId] },
          {
            ContextKeyName: 'kms:GrantOperations',
            ContextKeyType: 'stringList',
            ContextKeyValues: ['Decrypt']
          },
          { ContextKeyName: 'aws:ViaAWSService', ContextKeyType: 'boolean', ContextKeyValues: ['true'] }
        ]
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
