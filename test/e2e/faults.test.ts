// Faults must not mislead: the bundled action against a fake that answers 500, expires the credentials mid-poll,
// or never answers. Each run fails closed (or goes ahead with the start) and still writes outputs and summary.
import { afterEach, describe, expect, it } from '@jest/globals'
import { policies, startFake, type Fake, type FaultSpec, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const KEY = '2222bbbb-22bb-22bb-22bb-222222222222'
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`
const VOL = 'vol-0aaaaaaaaaaaaaaa1'

/** A key policy that names only an admin role: EC2 cannot create its grant for the CI role (DENY_IMPLICIT). */
const BLOCKING = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Admins',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KMSAdminRole` },
      Action: 'kms:*',
      Resource: '*'
    },
    {
      Sid: 'CiReads',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: ['kms:GetKeyPolicy', 'kms:DescribeKey'],
      Resource: '*'
    }
  ]
}

function oneInstance(policy: object): Scenario {
  return {
    instances: [{ id: A, name: 'ci-1', state: 'stopped', volumeIds: [VOL], bootMs: 300 }],
    volumes: [{ id: VOL, encrypted: true, kmsKeyId: KEY_ARN }],
    keys: [{ keyId: KEY, policy }],
    callers: { AKIAFAKECI: { iamAllowsCreateGrant: true } }
  }
}

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(scenario: Scenario, faults: FaultSpec[]) {
  fake = await startFake(scenario, { faults })
  return fake
}

const actions = (f: Fake) => f.log.map(e => e.action)
const KMS_500: FaultSpec = {
  action: 'GetKeyPolicy',
  kind: 'error',
  status: 500,
  code: 'KMSInternalException'
}

describe('mode check with a key policy that cannot be read', () => {
  it('fails when GetKeyPolicy answers 500 after every retry (unreadable-policy defaults to fail)', async () => {
    const f = await start(oneInstance(BLOCKING), [KMS_500])
    const run = await runAction({ inputs: { 'instance-ids': A, mode: 'check' }, env: f.env() })
    expect(f.log.filter(e => e.action === 'GetKeyPolicy').map(e => e.status)).toEqual([500, 500, 500])
    expect(run.code).not.toBe(0)
    expect(run.summary).not.toContain('are usable')
    expect(run.summary).toContain('❌')
    expect(run.summary).toContain('could not be read, so this check cannot say that EC2 may use it')
    expect(run.summary).toContain('KMSInternalException')
    const errors = run.annotations.filter(a => a.level === 'error')
    expect(errors.map(a => a.message).join('\n')).toContain('(unreadable-policy: fail)')
    // One error for the problem, not a second identical one from the step's failure.
    expect(new Set(errors.map(a => a.message)).size).toBe(errors.length)
    expect(actions(f)).not.toContain('StartInstances')
  })

  it('passes with a warning when the user opts out (unreadable-policy: warn)', async () => {
    const f = await start(oneInstance(BLOCKING), [KMS_500])
    const run = await runAction({
      inputs: { 'instance-ids': A, mode: 'check', 'unreadable-policy': 'warn' },
      env: f.env()
    })
    expect(run.code).toBe(0)
    expect(run.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(
      run.annotations.some(a => a.level === 'warning' && a.message.includes('KMSInternalException'))
    ).toBe(true)
  })

  it('rejects an unknown unreadable-policy value before any AWS call', async () => {
    const f = await start(oneInstance(BLOCKING), [])
    const run = await runAction({
      inputs: { 'instance-ids': A, mode: 'check', 'unreadable-policy': 'ignore' },
      env: f.env()
    })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain(`Input 'unreadable-policy' has "ignore"; expected one of: fail, warn.`)
    expect(f.log).toEqual([])
  })
})

describe('a fatal error still writes the outputs and the summary', () => {
  it('ExpiredToken on the first poll: started-instance-ids, failed-instance-ids and the summary say what is known', async () => {
    const expired: FaultSpec = {
      action: 'DescribeInstances',
      kind: 'error',
      status: 400,
      code: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      after: 1 // the lookup of the targets succeeds; the first poll after StartInstances does not
    }
    const f = await start(oneInstance(policies.consoleDefault(ACCOUNT, ROLE)), [expired])
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'off' }, env: f.env() })
    expect(actions(f)).toContain('StartInstances')
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['started-instance-ids'])).toEqual([A])
    expect(json(run.outputs['failed-instance-ids'])).toEqual([A])
    expect(json(run.outputs['running-instance-ids'])).toEqual([])
    expect(json<Array<{ instanceId: string }>>(run.outputs.instances).map(i => i.instanceId)).toEqual([A])
    expect(run.summary).toContain('<h2>ec2-start-guard</h2>')
    expect(run.summary).toContain('ExpiredToken')
    expect(run.summary).toContain(
      `${A} was not verified: the step ended early (DescribeInstances failed for ${A}: ExpiredToken`
    )
    expect(run.summary).toContain('last seen stopped, before StartInstances accepted it')
    expect(run.summary).toContain(`<code>${A}</code>`)
    const errors = run.annotations.filter(a => a.level === 'error').map(a => a.message)
    expect(errors).toHaveLength(2)
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DescribeInstances failed for .*ExpiredToken/),
        expect.stringContaining(`${A} was not verified: the step ended early`)
      ])
    )
  })

  it('bad input: empty outputs and a summary with the input error', async () => {
    const f = await start(oneInstance(BLOCKING), [])
    const run = await runAction({ inputs: { 'instance-ids': 'i-nothex' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['started-instance-ids'])).toEqual([])
    expect(run.summary).toContain('Bad input: Input &#39;instance-ids&#39; has &quot;i-nothex&quot;')
    expect(f.log).toEqual([])
  })
})

describe('a KMS endpoint that never answers', () => {
  const hang: FaultSpec = { action: 'DescribeKey', kind: 'hang' }

  it('mode start: StartInstances does not wait for it, and the step ends at diagnosis-timeout-seconds', async () => {
    const f = await start(oneInstance(policies.consoleDefault(ACCOUNT, ROLE)), [hang])
    const run = await runAction({
      inputs: { 'instance-ids': A, 'diagnosis-timeout-seconds': '2' },
      env: f.env(),
      timeoutMs: 30_000
    })
    expect(f.log.some(e => e.action === 'DescribeKey' && e.held)).toBe(true)
    expect(actions(f)).toContain('StartInstances')
    // fix: suggest (the default) starts first and diagnoses while the instance boots.
    expect(actions(f).indexOf('StartInstances')).toBeLessThan(actions(f).indexOf('DescribeKey'))
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    const warning = run.annotations.find(a => a.level === 'warning' && a.message.includes('timed out'))
    expect(warning?.message).toContain('The KMS diagnosis timed out after 2 s (diagnosis-timeout-seconds)')
    expect(warning?.message).toContain('#diagnosis-timed-out')
    // 2 s of diagnosis, then the start and a 300 ms boot: the step is bounded, not hung.
    expect(run.durationMs).toBeGreaterThan(2_000)
    expect(run.durationMs).toBeLessThan(15_000)
    console.log(
      `KMS hang, mode start, diagnosis-timeout-seconds 2: step took ${Math.round(run.durationMs)} ms`
    )
  })

  it('mode check: the check fails with "diagnosis timed out"', async () => {
    const f = await start(oneInstance(BLOCKING), [hang])
    const run = await runAction({
      inputs: { 'instance-ids': A, mode: 'check', 'diagnosis-timeout-seconds': '2' },
      env: f.env(),
      timeoutMs: 30_000
    })
    expect(run.code).not.toBe(0)
    expect(run.summary).toContain('The KMS diagnosis timed out after 2 s')
    expect(run.summary).toContain('so the check fails')
    expect(run.summary).toContain('#diagnosis-timed-out')
    expect(run.summary).not.toContain('are usable')
    expect(actions(f)).not.toContain('StartInstances')
    expect(run.durationMs).toBeLessThan(15_000)
    console.log(
      `KMS hang, mode check, diagnosis-timeout-seconds 2: step took ${Math.round(run.durationMs)} ms`
    )
  })

  it('a poll that never answers is cut by the request timeout and the next attempt goes on', async () => {
    const f = await start(oneInstance(policies.consoleDefault(ACCOUNT, ROLE)), [
      { action: 'DescribeInstances', kind: 'hang', after: 1, times: 1 }
    ])
    const run = await runAction({
      inputs: { 'instance-ids': A, fix: 'off' },
      env: f.env(),
      timeoutMs: 55_000
    })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    expect(f.log.filter(e => e.action === 'DescribeInstances' && e.held)).toHaveLength(1)
    // The SDK's 15 s request timeout, then the retry answers.
    expect(run.durationMs).toBeGreaterThan(15_000)
    expect(run.durationMs).toBeLessThan(40_000)
    console.log(`DescribeInstances hang once: step took ${Math.round(run.durationMs)} ms`)
  }, 60_000)
})
