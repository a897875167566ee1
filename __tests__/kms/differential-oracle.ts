// Test-only adapter around @cloud-copilot/iam-simulate, a general IAM simulator used as a differential oracle for
// src/kms/evaluate.ts. It is AGPL-3.0-or-later and a devDependency: it must never be imported from src/ (so it is
// never bundled into dist/). Only the resource-policy (key-policy) half of its analysis is compared.
import {
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
  type SingleResourceSimulationResult
} from '@cloud-copilot/iam-simulate'
import { evaluatePolicy, outcomeRange, type Outcome } from '../../src/kms/evaluate.js'
import { parseKeyPolicy } from '../../src/kms/policy.js'
import type { RequestContext } from '../../src/kms/types.js'

/** The key-policy outcome for the request, as both sides can express it. */
export type KeyPolicyOutcome = Outcome | 'unknown' | 'parseError'

/** The request as the oracle takes it: principal, action, resource, and context values already typed. */
export interface OracleRequest {
  principal: string
  action: string
  resource: string
  resourceAccount: string
  context: Record<string, string | string[]>
}

/** Our evaluator: the outcome when every unknown is resolved either way, or 'unknown' when that matters. */
export function ourOutcome(policy: object, request: RequestContext): KeyPolicyOutcome {
  const parsed = parseKeyPolicy(policy)
  if (!parsed.ok) return 'parseError'
  const evaluation = evaluatePolicy(parsed.policy, request)
  const { permissive, restrictive } = outcomeRange(evaluation.statements)
  return permissive === restrictive ? permissive : 'unknown'
}

const ALLOW_EVERYTHING = {
  name: 'allow-everything',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
}

function simulation(
  policy: object,
  request: OracleRequest,
  { withIdentityAllow = false, unvalidated = false } = {}
): Simulation {
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: request.context
    },
    identityPolicies: withIdentityAllow ? [ALLOW_EVERYTHING] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    // runUnsafeSimulation loads the resource policy without a name and then fails reading it (0.1.173); a policy in
    // iam-policy's ValidatedPolicy shape carries one. oracleValidated has validated this document already.
    resourcePolicy: unvalidated
      ? { __validated: true, policyDocument: policy, metadata: { name: 'key-policy' }, errors: [] }
      : policy
  }
}

export interface OracleResult {
  outcome: KeyPolicyOutcome | 'oracleError'
  /** Validation errors, or a note on how the outcome was obtained. */
  detail?: string
}

/**
 * The validated engine: it checks the policy and the context keys, then reports the resource-policy analysis
 * (ExplicitlyDenied / DeniedForAccount / Allowed / AllowedForAccount / ImplicitlyDenied) with its KMS key-policy
 * trust behaviour (KmsServiceAuthorizer: an account principal is "AllowedForAccount", i.e. delegation to IAM).
 * It drops context keys it does not know for the action; `ignored` lists them.
 */
export async function oracleValidated(
  policy: object,
  request: OracleRequest
): Promise<OracleResult & { ignored: string[] }> {
  const response = await runSimulation(simulation(policy, request), { simulationMode: 'Strict' })
  if (response.resultType === 'error') {
    return { outcome: 'oracleError', detail: JSON.stringify(response.errors), ignored: [] }
  }
  const single = response as SingleResourceSimulationResult
  const ignored = single.result.ignoredContextKeys ?? []
  switch (single.result.analysis.resourceAnalysis?.result) {
    case 'ExplicitlyDenied':
    case 'DeniedForAccount': // a Deny naming the caller's account: applies to every principal in it
      return { outcome: 'explicitDeny', ignored }
    case 'Allowed':
      return { outcome: 'allowDirect', ignored }
    case 'AllowedForAccount':
      return { outcome: 'allowViaAccount', ignored }
    case 'ImplicitlyDenied':
      return { outcome: 'implicitDeny', ignored }
    default:
      return { outcome: 'oracleError', detail: 'no resource analysis', ignored }
  }
}

/**
 * The unvalidated engine, which takes the context as given. Needed for kms:EncryptionContext:<key>: the validated
 * engine only expands variable keys after a '/', so it drops kms:EncryptionContext:aws:ebs:id as unknown for
 * kms:CreateGrant (0.1.173). It returns only the overall decision, so the key-policy outcome is read from two runs on a
 * same-account request: without identity policies (Allowed only through a key-policy statement naming the caller
 * or "*"), and with an identity policy allowing everything (Allowed also through an account principal, which KMS
 * requires before it honours IAM).
 */
export function oracleUnsafe(policy: object, request: OracleRequest): OracleResult {
  if (request.principal.split(':')[4] !== request.resourceAccount) {
    return { outcome: 'oracleError', detail: 'the two-run reading needs a same-account request' }
  }
  const alone = runUnsafeSimulation(simulation(policy, request, { unvalidated: true }), {
    simulationMode: 'Strict'
  })
  if (alone === 'ExplicitlyDenied') return { outcome: 'explicitDeny' }
  if (alone === 'Allowed') return { outcome: 'allowDirect' }
  const withIam = runUnsafeSimulation(
    simulation(policy, request, { unvalidated: true, withIdentityAllow: true }),
    {
      simulationMode: 'Strict'
    }
  )
  if (withIam === 'ExplicitlyDenied')
    return { outcome: 'oracleError', detail: 'an identity Allow made it a Deny' }
  return { outcome: withIam === 'Allowed' ? 'allowViaAccount' : 'implicitDeny' }
}
