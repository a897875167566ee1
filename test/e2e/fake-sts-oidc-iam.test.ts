// The fake's identity side, driven by the real SDK v3 clients: STS callers, GitHub OIDC tokens and web identity
// federation, IAM policy simulation and GetRole.
import { describe, expect, it } from '@jest/globals'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam'
import { startFake, type Fake } from './fake/server.mjs'
import { ACCT, KEY_ARN, ROLE, config, errorOf, fakePerTest } from './fake-test-helpers.js'

const start = fakePerTest()

describe('STS, OIDC, IAM', () => {
  const fetchToken = async (f: Fake, audience: string, bearer = f.env().ACTIONS_ID_TOKEN_REQUEST_TOKEN) => {
    const res = await fetch(
      `${f.env().ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`,
      {
        headers: { Authorization: `Bearer ${bearer}` }
      }
    )
    return { status: res.status, body: (await res.json()) as { value?: string } }
  }

  it('GetCallerIdentity names the caller of the access key; unknown keys are InvalidClientTokenId', async () => {
    const f = await start()
    const out = await new STSClient(config(f)).send(new GetCallerIdentityCommand({}))
    expect(out).toMatchObject({ Account: ACCT, Arn: `arn:aws:sts::${ACCT}:assumed-role/ci-start-role/gha` })
    expect(out.UserId).toMatch(/^AROA[0-9A-F]+:gha$/)
    const sts = new STSClient(config(f, 1, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }))
    expect((await errorOf(sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
  })

  it('OIDC token via @actions/core, AssumeRoleWithWebIdentity, and the fresh credentials work', async () => {
    const f = await start()
    expect((await fetchToken(f, 'sts.amazonaws.com', 'wrong')).status).toBe(401)
    const saved = { ...process.env }
    const write = process.stdout.write
    Object.assign(process.env, f.env())
    process.stdout.write = (() => true) as typeof write // silence ::debug:: and ::add-mask::
    let token: string
    try {
      const core = await import('@actions/core')
      token = await core.getIDToken('sts.amazonaws.com')
    } finally {
      process.env = saved
      process.stdout.write = write
    }
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main'
    })
    const sts = new STSClient({ region: 'us-east-1', endpoint: f.url, maxAttempts: 1 })
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'run-42',
        WebIdentityToken: token
      })
    )
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-start-role/run-42`)
    expect(out.SubjectFromWebIdentityToken).toBe(claims.sub)
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date)
    const creds = out.Credentials!
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(f.issuedSecrets).toEqual([creds.SecretAccessKey, creds.SessionToken])
    expect(f.log.find(e => e.action === 'AssumeRoleWithWebIdentity')?.accessKeyId).toBeNull()

    const session = {
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!
    }
    const who = await new STSClient(config(f, 1, session)).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-start-role/run-42`)
    const noToken = { accessKeyId: session.accessKeyId, secretAccessKey: 'x' }
    const err = await errorOf(new STSClient(config(f, 1, noToken)).send(new GetCallerIdentityCommand({})))
    expect(err.name).toBe('InvalidClientTokenId')
    expect(f.log.at(-2)?.accessKeyId).toBe(session.accessKeyId)
  })

  it('rejects foreign, expired, mis-addressed and unauthorised web identities', async () => {
    const f = await start({
      oidc: {
        roles: {
          [ROLE]: { subjectPattern: 'repo:octo-org/octo-repo:*' },
          'arn:aws:iam::111122223333:role/other': { subjectPattern: 'repo:other/*' }
        }
      }
    })
    const sts = new STSClient({ region: 'us-east-1', endpoint: f.url, maxAttempts: 1 })
    const assume = (WebIdentityToken: string, RoleArn = ROLE) =>
      errorOf(
        sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn, RoleSessionName: 'sess', WebIdentityToken }))
      )
    const good = (await fetchToken(f, 'sts.amazonaws.com')).body.value!
    // Wire code InvalidIdentityToken; the SDK names its modeled class InvalidIdentityTokenException.
    expect((await assume(`${good.split('.').slice(0, 2).join('.')}.forged`)).name).toBe(
      'InvalidIdentityTokenException'
    )
    expect(f.log.at(-1)?.errorCode).toBe('InvalidIdentityToken')
    expect((await assume(f.oidc.issue('sts.amazonaws.com', { ttlSeconds: -10 }))).name).toBe(
      'ExpiredTokenException'
    )
    expect((await assume(f.oidc.issue('https://github.com/octo-org'))).name).toBe(
      'InvalidIdentityTokenException'
    )
    const denied = await assume(good, 'arn:aws:iam::111122223333:role/nope')
    expect(denied.name).toBe('AccessDenied')
    expect(denied.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity')
    expect((await assume(good, 'arn:aws:iam::111122223333:role/other')).name).toBe('AccessDenied')
  })

  it('SimulatePrincipalPolicy: AccessDenied by default, EvaluationResults when the scenario allows', async () => {
    const input = {
      PolicySourceArn: ROLE,
      ActionNames: ['kms:CreateGrant'],
      ResourceArns: [KEY_ARN],
      ContextEntries: [
        {
          ContextKeyName: 'kms:ViaService',
          ContextKeyValues: ['ec2.us-east-1.amazonaws.com'],
          ContextKeyType: 'string' as const
        },
        {
          ContextKeyName: 'kms:GrantIsForAWSResource',
          ContextKeyValues: ['true'],
          ContextKeyType: 'boolean' as const
        }
      ]
    }
    const f = await start()
    const err = await errorOf(new IAMClient(config(f)).send(new SimulatePrincipalPolicyCommand(input)))
    expect(err.name).toBe('AccessDenied')
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403)
    expect(f.log.at(-1)?.params).toMatchObject({
      PolicySourceArn: ROLE,
      ActionNames: ['kms:CreateGrant'],
      ResourceArns: [KEY_ARN],
      ContextEntries: [
        {
          ContextKeyName: 'kms:ViaService',
          ContextKeyValues: ['ec2.us-east-1.amazonaws.com'],
          ContextKeyType: 'string'
        },
        { ContextKeyName: 'kms:GrantIsForAWSResource', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }
      ]
    })
    await f.close()
    const g = await start({ callers: { AKIAFAKECI: { simulate: 'allowed' } } })
    const out = await new IAMClient(config(g)).send(new SimulatePrincipalPolicyCommand(input))
    expect(out.IsTruncated).toBe(false)
    expect(out.EvaluationResults).toEqual([
      expect.objectContaining({
        EvalActionName: 'kms:CreateGrant',
        EvalResourceName: KEY_ARN,
        EvalDecision: 'allowed'
      })
    ])
  })
})

describe('IAM GetRole', () => {
  it('finds a role by name whatever its path, and answers NoSuchEntity otherwise', async () => {
    const { IAMClient, GetRoleCommand } = await import('@aws-sdk/client-iam')
    const f = await startFake({
      callers: {
        AKIAPATHED: {
          arn: 'arn:aws:sts::111122223333:assumed-role/deploy/s',
          roleArn: 'arn:aws:iam::111122223333:role/ops/ci/deploy'
        }
      }
    })
    try {
      const iam = new IAMClient({
        region: 'us-east-1',
        endpoint: f.url,
        credentials: { accessKeyId: 'AKIAPATHED', secretAccessKey: 'x' },
        maxAttempts: 1
      })
      const out = await iam.send(new GetRoleCommand({ RoleName: 'deploy' }))
      expect(out.Role).toMatchObject({
        Path: '/ops/ci/',
        RoleName: 'deploy',
        Arn: 'arn:aws:iam::111122223333:role/ops/ci/deploy'
      })
      await expect(iam.send(new GetRoleCommand({ RoleName: 'nobody' }))).rejects.toMatchObject({
        name: 'NoSuchEntityException'
      })
    } finally {
      await f.close()
    }
  })
})
