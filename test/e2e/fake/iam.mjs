// @ts-check
// IAM (awsQuery XML, Version 2010-05-08): SimulatePrincipalPolicy, answered per the caller's `simulate` setting,
// and GetRole.
import { FakeError, listParam, structList } from './common.mjs'
import { IAM_NS, el, members, queryOk, raw } from './xml.mjs'

/**
 * @typedef {{ action: string, params: Record<string, string>, caller: import('./scenario.mjs').Caller,
 *   state: import('./scenario.mjs').State }} Ctx
 */

export const IAM_ACTIONS = {
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  GetRole: getRole
}

/**
 * GetRole by name over every role the scenario knows (callers and OIDC roles); role names are unique per account
 * whatever their path, which is what the action relies on to find a role's path.
 * @param {Ctx} ctx
 */
function getRole({ params, state }) {
  const name = params.RoleName ?? ''
  const known = [
    ...Object.values(state.callers).map(c => c.roleArn),
    ...Object.keys(/** @type {any} */ (state).oidc?.roles ?? {})
  ]
  const arn = known.find(
    a => a.startsWith(`arn:aws:iam::${state.accountId}:role/`) && a.split('/').pop() === name
  )
  if (!arn) throw new FakeError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`)
  const path = arn.slice(arn.indexOf(':role') + 5, arn.length - name.length)
  const role =
    el('Path', path) +
    el('RoleName', name) +
    el('RoleId', `AROA${name.length.toString(16).padStart(17, '0').toUpperCase()}`) +
    el('Arn', arn) +
    el('CreateDate', '2026-01-15T10:00:00Z') +
    el('AssumeRolePolicyDocument', encodeURIComponent('{"Version":"2012-10-17","Statement":[]}')) +
    el('MaxSessionDuration', 3600)
  return queryOk(IAM_NS, 'GetRole', raw('Role', role))
}

/**
 * The request as the SDK meant it: lists and context entries decoded from `X.member.N` fields.
 * @param {Record<string, string>} p
 */
export function decodeSimulate(p) {
  return {
    PolicySourceArn: p.PolicySourceArn,
    ActionNames: listParam(p, 'ActionNames.member'),
    ResourceArns: listParam(p, 'ResourceArns.member'),
    CallerArn: p.CallerArn,
    ResourcePolicy: p.ResourcePolicy,
    ContextEntries: structList(p, 'ContextEntries.member').map(e => ({
      ContextKeyName: e.ContextKeyName,
      ContextKeyValues: listParam(e, 'ContextKeyValues.member'),
      ContextKeyType: e.ContextKeyType
    })),
    MaxItems: p.MaxItems,
    Marker: p.Marker
  }
}

/** @param {Ctx} ctx */
function simulatePrincipalPolicy({ params, caller }) {
  const req = decodeSimulate(params)
  if (!req.PolicySourceArn || !req.ActionNames.length) {
    const missing = req.PolicySourceArn ? 'actionNames' : 'policySourceArn'
    throw new FakeError(
      400,
      'ValidationError',
      `1 validation error detected: Value null at '${missing}' failed to satisfy constraint: Member must not be null`
    )
  }
  if (caller.simulate === 'AccessDenied') {
    throw new FakeError(
      403,
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${req.PolicySourceArn} because no identity-based policy allows the iam:SimulatePrincipalPolicy action`
    )
  }
  const decision = caller.simulate
  const resources = req.ResourceArns.length ? req.ResourceArns : ['*']
  const matched =
    decision === 'implicitDeny'
      ? ''
      : `<member>${el('SourcePolicyId', 'ci-start-policy')}${el('SourcePolicyType', 'role')}` +
        `${raw('StartPosition', el('Line', 1) + el('Column', 1))}${raw('EndPosition', el('Line', 12) + el('Column', 2))}</member>`
  const results = req.ActionNames.flatMap(action =>
    resources.map(
      resource =>
        el('EvalActionName', action) +
        el('EvalResourceName', resource) +
        el('EvalDecision', decision) +
        raw('MatchedStatements', matched) +
        '<MissingContextValues/>'
    )
  )
  return queryOk(
    IAM_NS,
    'SimulatePrincipalPolicy',
    members('EvaluationResults', results) + el('IsTruncated', false)
  )
}
