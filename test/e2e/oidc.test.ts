// role-to-assume through GitHub OIDC, with no AWS credentials in the environment: the token comes from the
// fake's OIDC endpoint, STS AssumeRoleWithWebIdentity (unsigned) turns it into role credentials, and every later
// call is signed with them. No credential may appear in the logs except in the ::add-mask:: lines that hide them.
import { afterEach, describe, expect, it } from '@jest/globals'
import { startFake, type Fake, type RequestLogEntry, type Scenario } from './fake/server.mjs'
import { json, runAction, type ActionRun } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const DEFAULT_KEY = 'AKIAFAKECI'

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

function scenario(extra: Partial<Scenario> = {}): Scenario {
  return {
    instances: [
      { id: A, name: 'ci-1', state: 'stopped' },
      { id: B, name: 'ci-2', state: 'stopped' }
    ],
    oidc: { roles: { [ROLE]: { subjectPattern: 'repo:octo-org/octo-repo:ref:refs/heads/*' } } },
    ...extra
  }
}

async function startWith(sc: Scenario) {
  fake = await startFake(sc)
  return fake
}

/** The runner's environment for an OIDC job: the token request URL and bearer, and no AWS credentials. */
function oidcEnv(f: Fake, drop: string[] = []): Record<string, string> {
  const env = f.env()
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', ...drop])
    delete env[name]
  return env
}

const awsRequests = (f: Fake) => f.log.filter(e => e.service !== 'oidc')
const isAssume = (e: RequestLogEntry) => e.service === 'sts' && e.action === 'AssumeRoleWithWebIdentity'

/** Every credential the fake handed out in this test: the OIDC tokens, secret keys, session tokens, key IDs. */
function credentialValues(f: Fake): string[] {
  const keyIds = f.log.flatMap(e => (e.accessKeyId && e.accessKeyId !== DEFAULT_KEY ? [e.accessKeyId] : []))
  return [...new Set([...f.oidc.issued.keys(), ...f.issuedSecrets, ...keyIds])]
}

/** No credential outside an ::add-mask:: line, each one masked, and masked before the role is used. */
function expectCredentialsMasked(run: ActionRun, values: string[]) {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n')
  for (const value of values) {
    const leaks = lines.filter(l => l.includes(value) && !l.startsWith('::add-mask::'))
    expect(leaks).toEqual([])
    const maskAt = run.stdout.indexOf(`::add-mask::${value}\n`)
    expect(maskAt).toBeGreaterThanOrEqual(0)
    // "Assumed ..." is logged when the credentials come back, before the first call signed with them.
    const assumedAt = run.stdout.indexOf(`Assumed ${ROLE}`)
    if (assumedAt >= 0) expect(maskAt).toBeLessThan(assumedAt)
  }
}

function errorMessages(run: ActionRun): string {
  return run.annotations
    .filter(a => a.level === 'error')
    .map(a => a.message)
    .join('\n')
}

describe('role-to-assume with GitHub OIDC', () => {
  it('starts the instances with the role credentials only, and masks every credential', async () => {
    const f = await startWith(scenario())
    const run = await runAction({
      inputs: { 'instance-ids': `${A},${B}`, 'role-to-assume': ROLE },
      env: oidcEnv(f)
    })
    expect(run.code).toBe(0)
    expect(json<string[]>(run.outputs['running-instance-ids']).sort()).toEqual([A, B])
    expect(f.state.instances.map(i => i.state)).toEqual(['running', 'running'])

    // The token request carried the default audience.
    const tokenRequests = f.log.filter(e => e.service === 'oidc')
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0].params.audience).toBe('sts.amazonaws.com')
    expect([...f.oidc.issued.values()].map(c => c.aud)).toEqual(['sts.amazonaws.com'])

    // First AWS request: AssumeRoleWithWebIdentity, unsigned, for the role and the default session name.
    const requests = awsRequests(f)
    expect(isAssume(requests[0])).toBe(true)
    expect(requests[0].accessKeyId).toBeNull()
    expect(requests[0].status).toBe(200)
    expect(requests[0].params).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'GitHubActions' })
    expect(requests.filter(isAssume)).toHaveLength(1)

    // Every later call is signed with the issued key, never the default one.
    const signed = requests.slice(1)
    expect(signed.map(e => e.action)).toEqual(expect.arrayContaining(['DescribeInstances', 'StartInstances']))
    const issuedKey = signed[0].accessKeyId
    expect(issuedKey).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(issuedKey).not.toBe(DEFAULT_KEY)
    expect(signed.every(e => e.accessKeyId === issuedKey)).toBe(true)
    expect(signed.every(e => e.status === 200)).toBe(true)

    const values = credentialValues(f)
    expect(values).toHaveLength(4) // token, secret key, session token, access key ID
    expectCredentialsMasked(run, values)
  })

  it('fails without ACTIONS_ID_TOKEN_REQUEST_URL, asks for id-token: write, and calls nothing', async () => {
    const f = await startWith(scenario())
    const run = await runAction({
      inputs: { 'instance-ids': A, 'role-to-assume': ROLE },
      env: oidcEnv(f, ['ACTIONS_ID_TOKEN_REQUEST_URL'])
    })
    expect(run.code).not.toBe(0)
    expect(errorMessages(run)).toContain('id-token: write')
    expect(f.log).toEqual([])
    expect(f.state.instances[0].state).toBe('stopped')
  })

  it('explains the trust policy when the role does not trust this repository', async () => {
    const untrusted = `arn:aws:iam::${ACCOUNT}:role/other-role`
    const f = await startWith(scenario())
    const run = await runAction({
      inputs: { 'instance-ids': A, 'role-to-assume': untrusted },
      env: oidcEnv(f)
    })
    expect(run.code).not.toBe(0)
    const message = errorMessages(run)
    expect(message).toContain('AssumeRoleWithWebIdentity failed for')
    expect(message).toContain(untrusted)
    expect(message).toContain('AccessDenied')
    expect(message).toContain('trust policy')
    expect(message).toContain('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(message).toContain('"token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"')
    expect(awsRequests(f).map(e => e.action)).toEqual(['AssumeRoleWithWebIdentity'])
    expectCredentialsMasked(run, credentialValues(f))
  })

  it('says plainly that STS rejected the token when the audience is not registered', async () => {
    const f = await startWith(scenario({ oidc: { roles: { [ROLE]: {} }, audiences: ['sts.example.com'] } }))
    const run = await runAction({
      inputs: { 'instance-ids': A, 'role-to-assume': ROLE },
      env: oidcEnv(f)
    })
    expect(run.code).not.toBe(0)
    expect(f.log.find(isAssume)?.errorCode).toBe('InvalidIdentityToken')
    const message = errorMessages(run)
    expect(message).toContain(`AssumeRoleWithWebIdentity failed for ${ROLE}: InvalidIdentityToken`)
    expect(message).toContain('STS rejected the GitHub OIDC token')
    expect(message).toContain('"sts.amazonaws.com"')
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m)
    expect(awsRequests(f).map(e => e.action)).toEqual(['AssumeRoleWithWebIdentity'])
    expectCredentialsMasked(run, credentialValues(f))
  })

  it('says plainly that the token expired', async () => {
    const f = await startWith(scenario({ oidc: { roles: { [ROLE]: {} }, tokenTtlSeconds: -60 } }))
    const run = await runAction({
      inputs: { 'instance-ids': A, 'role-to-assume': ROLE },
      env: oidcEnv(f)
    })
    expect(run.code).not.toBe(0)
    expect(f.log.find(isAssume)?.errorCode).toBe('ExpiredTokenException')
    expect(errorMessages(run)).toContain(
      'The GitHub OIDC token expired before STS checked it; re-run the job.'
    )
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m)
    expectCredentialsMasked(run, credentialValues(f))
  })

  it('stops the instances in the post step through OIDC too', async () => {
    const f = await startWith(scenario())
    const inputs = { 'instance-ids': A, 'role-to-assume': ROLE, 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: oidcEnv(f) })
    expect(main.code).toBe(0)
    const mainLog = f.log.length
    const post = await runAction({ inputs, env: oidcEnv(f), state: main.state })
    expect(post.code).toBe(0)
    expect(post.summary).toContain('Stopped the 1 instance(s) this job started')

    const postRequests = f.log.slice(mainLog).filter(e => e.service !== 'oidc')
    expect(postRequests.map(e => e.action)).toEqual(['AssumeRoleWithWebIdentity', 'StopInstances'])
    expect(postRequests[0].accessKeyId).toBeNull()
    const stopKey = postRequests[1].accessKeyId
    expect(stopKey).toMatch(/^ASIA/)
    expect(f.state.callers[stopKey ?? '']?.roleArn).toBe(ROLE)
    expect(postRequests[1].status).toBe(200)
    expect(['stopping', 'stopped']).toContain(f.state.instances[0].state)
    // The post step assumed the role afresh: a different key than the main step's.
    const mainKeys = new Set(f.log.slice(0, mainLog).map(e => e.accessKeyId))
    expect(mainKeys.has(stopKey)).toBe(false)
    expect(mainKeys.has(DEFAULT_KEY)).toBe(false)
    const values = credentialValues(f)
    expect(values).toHaveLength(8)
    for (const run of [main, post]) {
      const lines = `${run.stdout}\n${run.stderr}`.split('\n')
      for (const value of values)
        expect(lines.filter(l => l.includes(value) && !l.startsWith('::add-mask::'))).toEqual([])
    }
    expect(post.stdout).toContain(`::add-mask::${stopKey}\n`)
  })
})
