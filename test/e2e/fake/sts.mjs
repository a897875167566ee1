// @ts-check
// STS (awsQuery XML): GetCallerIdentity and AssumeRoleWithWebIdentity (unsigned; tokens from the fake's OIDC
// endpoint only). Successful assumptions register a new caller for the fresh access key.
import { randomBytes } from 'node:crypto'
import { FakeError, accountOf, hashHex, randomAlnum, wildcardMatch } from './common.mjs'
import { makeCaller } from './scenario.mjs'
import { STS_NS, el, iso, queryOk, raw } from './xml.mjs'

/**
 * @typedef {{ action: string, params: Record<string, string>, caller: import('./scenario.mjs').Caller | null,
 *   state: import('./scenario.mjs').State, oidc: import('./oidc.mjs').OidcIssuer, issuedSecrets: string[] }} Ctx
 */

export const STS_ACTIONS = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity
}

/** Actions answered without a signature. */
export const UNSIGNED_ACTIONS = ['AssumeRoleWithWebIdentity']

/** @param {Ctx} ctx */
function getCallerIdentity({ caller }) {
  if (!caller)
    throw new FakeError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
  return queryOk(
    STS_NS,
    'GetCallerIdentity',
    el('Arn', caller.arn) + el('UserId', caller.userId) + el('Account', caller.accountId)
  )
}

const DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity'

/** @param {Ctx} ctx */
function assumeRoleWithWebIdentity({ params, state, oidc, issuedSecrets }) {
  const { RoleArn: roleArn, RoleSessionName: session, WebIdentityToken: token } = params
  for (const [name, value] of [
    ['roleArn', roleArn],
    ['roleSessionName', session],
    ['webIdentityToken', token]
  ]) {
    if (!value) {
      throw new FakeError(
        400,
        'ValidationError',
        `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`
      )
    }
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(session)) {
    throw new FakeError(
      400,
      'ValidationError',
      `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
    )
  }
  const claims = oidc.issued.get(token)
  if (!claims) {
    throw new FakeError(
      400,
      'InvalidIdentityToken',
      "Couldn't verify the web identity token: not issued by the provider."
    )
  }
  const now = Math.floor(Date.now() / 1000)
  if (claims.exp <= now) {
    throw new FakeError(
      400,
      'ExpiredTokenException',
      `Token expired: current date/time ${now} must be before the expiration date/time${claims.exp}`
    )
  }
  if (!state.oidc.audiences.includes(claims.aud)) {
    throw new FakeError(400, 'InvalidIdentityToken', 'Incorrect token audience')
  }
  const role = state.oidc.roles[roleArn]
  if (!role) throw new FakeError(403, 'AccessDenied', DENIED)
  if (role.subjectPattern && !wildcardMatch(role.subjectPattern, claims.sub)) {
    throw new FakeError(403, 'AccessDenied', DENIED)
  }
  const account = accountOf(roleArn)
  const roleName = roleArn.split('/').pop()
  const duration = state.oidc.credentialTtlSeconds ?? Number(params.DurationSeconds ?? 3600)
  const accessKeyId = `ASIA${randomAlnum(16)}`
  const secretAccessKey = randomBytes(30).toString('base64')
  const sessionToken = `IQoJb3JpZ2luX2Vj${randomBytes(96).toString('base64')}`
  const roleId = `AROA${hashHex(roleArn, 17).toUpperCase()}`
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`
  const base = Object.values(state.callers).find(c => c.roleArn === roleArn) ?? {}
  state.callers[accessKeyId] = makeCaller(
    accessKeyId,
    {
      ...base,
      ...(role.caller ?? {}),
      arn,
      roleArn,
      userId: `${roleId}:${session}`,
      secretAccessKey,
      sessionToken
    },
    account
  )
  issuedSecrets.push(secretAccessKey, sessionToken)
  return queryOk(
    STS_NS,
    'AssumeRoleWithWebIdentity',
    el('SubjectFromWebIdentityToken', claims.sub) +
      el('Audience', claims.aud) +
      raw('AssumedRoleUser', el('Arn', arn) + el('AssumedRoleId', `${roleId}:${session}`)) +
      raw(
        'Credentials',
        el('SessionToken', sessionToken) +
          el('SecretAccessKey', secretAccessKey) +
          el('Expiration', iso(Date.now() + duration * 1000).replace(/\.\d{3}Z$/, 'Z')) +
          el('AccessKeyId', accessKeyId)
      ) +
      el('Provider', `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`)
  )
}
