// Credentials: GitHub OIDC -> STS AssumeRoleWithWebIdentity when role-to-assume is set, else the SDK's
// default chain (so runs after aws-actions/configure-aws-credentials keep working). Every secret is masked
// before anything could print it.
import * as core from '@actions/core'
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts'
import type { STSClient } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types'
import { registerSecret } from '../secrets.js'
import { AwsCallError, errorName } from './errors.js'
import { createClients } from './clients.js'

export interface OidcRequest {
  roleArn: string
  sessionName: string
  audience: string
}

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CredentialsError'
  }
}

// STS answers these when GitHub's OIDC provider was briefly unreachable from AWS.
const TRANSIENT = new Set(['IDPCommunicationError', 'IDPCommunicationErrorException'])
const ATTEMPTS = 3

/** Masks a secret in the runner's log and registers it, so messages are redacted before they are ever cut. */
function maskSecret(value: string): void {
  core.setSecret(value)
  registerSecret(value)
}

/** Masks the credentials the runner's environment already holds, in case an earlier step did not. */
export function maskEnvironmentCredentials(env: NodeJS.ProcessEnv): void {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = env[name]
    if (value) maskSecret(value)
  }
}

function subjectHint(env: NodeJS.ProcessEnv): string {
  const repo = env.GITHUB_REPOSITORY || 'OWNER/REPO'
  const ref = env.GITHUB_REF || 'refs/heads/BRANCH'
  return `repo:${repo}:ref:${ref}`
}

function explainStsError(err: unknown, request: OidcRequest, env: NodeJS.ProcessEnv): string {
  const name = errorName(err)
  const base = new AwsCallError(
    'AssumeRoleWithWebIdentity',
    request.roleArn,
    'sts:AssumeRoleWithWebIdentity',
    err
  ).message
  switch (name) {
    case 'AccessDenied':
      return `${base}. Check the role's trust policy: it must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com with "token.actions.githubusercontent.com:aud" = "${request.audience}" and a "token.actions.githubusercontent.com:sub" that matches this run, e.g. "${subjectHint(env)}" (format repo:OWNER/REPO:ref:refs/heads/BRANCH, or repo:OWNER/REPO:environment:NAME for jobs with an environment). See docs/iam/trust-policy.json.`
    case 'InvalidIdentityToken':
    case 'InvalidIdentityTokenException': // the SDK's name for the wire code InvalidIdentityToken
      return `${base}. STS rejected the GitHub OIDC token: the account needs an IAM OIDC identity provider for https://token.actions.githubusercontent.com whose audience (client ID) list includes "${request.audience}".`
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return `${base}. The GitHub OIDC token expired before STS checked it; re-run the job.`
    default:
      return base
  }
}

async function getToken(audience: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new CredentialsError(
      `role-to-assume is set, but this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set). Add "permissions: id-token: write" to the job or workflow. (Pull requests from forks never get one.)`
    )
  }
  try {
    return await core.getIDToken(audience)
  } catch (err) {
    throw new CredentialsError(
      `Could not get the GitHub OIDC token for audience "${audience}": ${(err as Error).message}`
    )
  }
}

/** OIDC: a GitHub ID token exchanged for role credentials, all three parts masked at once. */
export async function assumeRoleWithOidc(
  sts: STSClient,
  request: OidcRequest,
  env: NodeJS.ProcessEnv = process.env,
  /** A token already fetched for this audience (several roles, one token); else one is fetched now. */
  fetched?: Promise<string>
): Promise<AwsCredentialIdentity> {
  const token = await (fetched ?? getToken(request.audience, env))
  maskSecret(token)
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: request.roleArn,
          RoleSessionName: request.sessionName,
          WebIdentityToken: token,
          DurationSeconds: 3600
        })
      )
      const c = out.Credentials
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
        throw new CredentialsError(
          `AssumeRoleWithWebIdentity for ${request.roleArn} returned no credentials.`
        )
      }
      maskSecret(c.AccessKeyId)
      maskSecret(c.SecretAccessKey)
      maskSecret(c.SessionToken)
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration
      }
    } catch (err) {
      if (err instanceof CredentialsError) throw err
      if (TRANSIENT.has(errorName(err)) && attempt < ATTEMPTS) {
        await new Promise(resolve => setTimeout(resolve, 500 * attempt))
        continue
      }
      throw new CredentialsError(explainStsError(err, request, env))
    }
  }
}

// Role credentials last an hour, and timeout-seconds allows six. The SDK asks its provider again as expiry nears;
// this provider then assumes the role anew, with a fresh GitHub token, so a long wait never dies of ExpiredToken.
export const REFRESH_BEFORE_MS = 5 * 60_000

export function refreshingCredentials(
  initial: AwsCredentialIdentity,
  renew: () => Promise<AwsCredentialIdentity>,
  now: () => number = Date.now
): AwsCredentialIdentityProvider {
  let current = initial
  let renewal: Promise<AwsCredentialIdentity> | undefined
  return async () => {
    const expires = current.expiration?.getTime()
    if (expires === undefined || expires - now() > REFRESH_BEFORE_MS) return current
    renewal ??= renew()
      .then(fresh => (current = fresh))
      .finally(() => (renewal = undefined))
    return renewal
  }
}

/** OIDC credentials for every client of a run: assumed now (so errors surface up front), renewed when due. */
export async function oidcCredentials(
  sts: STSClient,
  request: OidcRequest,
  env: NodeJS.ProcessEnv = process.env,
  token?: Promise<string>
): Promise<AwsCredentialIdentityProvider> {
  // A renewal fetches a fresh token: the first one may have expired by then.
  const first = await assumeRoleWithOidc(sts, request, env, token)
  return refreshingCredentials(first, () => assumeRoleWithOidc(sts, request, env))
}

/**
 * The action's credentials, per role: the environment's own masked, then for each role of role-to-assume the OIDC
 * exchange, with one GitHub token per audience for all of them (fetched on first use); without a role, undefined
 * (the SDK's default chain, e.g. after aws-actions/configure-aws-credentials).
 */
export function actionCredentials(
  inputs: { roleSessionName: string; audience: string; region: string },
  env: NodeJS.ProcessEnv,
  info: (message: string) => void
): (roleArn: string | undefined) => Promise<AwsCredentialIdentityProvider | undefined> {
  maskEnvironmentCredentials(env)
  const tokens = new Map<string, Promise<string>>()
  // One exchange per role, shared by every region of its account.
  const byRole = new Map<string, Promise<AwsCredentialIdentityProvider>>()
  return async roleArn => {
    if (!roleArn) return undefined
    const known = byRole.get(roleArn)
    if (known) return known
    const exchanged = exchange(roleArn)
    byRole.set(roleArn, exchanged)
    return exchanged
  }

  async function exchange(roleArn: string): Promise<AwsCredentialIdentityProvider> {
    let token = tokens.get(inputs.audience)
    if (!token) {
      token = getToken(inputs.audience, env)
      // A failed fetch is reported by each exchange that awaits it; keep it from being an unhandled rejection.
      token.catch(() => undefined)
      tokens.set(inputs.audience, token)
    }
    // STS is global, but its regional endpoint in the run's region keeps the exchange inside the partition.
    const sts = await createClients({ region: inputs.region }).sts()
    const credentials = await oidcCredentials(
      sts,
      { roleArn, sessionName: inputs.roleSessionName, audience: inputs.audience },
      env,
      token
    )
    info(`Assumed ${roleArn} with the GitHub OIDC token`)
    return credentials
  }
}

/** The post step's credentials: one GitHub token per audience and one exchange per role, however many regions. */
export function postStepCredentials(
  request: { sessionName: string; audience: string },
  env: NodeJS.ProcessEnv,
  sts: () => Promise<STSClient>
): (roleArn: string) => Promise<AwsCredentialIdentity> {
  let token: Promise<string> | undefined
  const byRole = new Map<string, Promise<AwsCredentialIdentity>>()
  return roleArn => {
    const known = byRole.get(roleArn)
    if (known) return known
    if (!token) {
      token = getToken(request.audience, env)
      token.catch(() => undefined)
    }
    const fetched = token
    const credentials = sts().then(client =>
      assumeRoleWithOidc(client, { roleArn, ...request }, env, fetched)
    )
    byRole.set(roleArn, credentials)
    return credentials
  }
}
