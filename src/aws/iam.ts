// The IAM half of ALLOW_IF_IAM: iam:SimulatePrincipalPolicy for kms:CreateGrant in EC2's context.
// One call covers every key that needs it: the context is the same, only the resource ARNs differ.
import { paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { IamSimulation } from '../report/model.js'
import { classifyError, AwsCallError } from './errors.js'

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
