// KMS diagnosis through the bundled action: verdicts, the fix, mode check, key states, the IAM half.
import { afterEach, describe, expect, it } from '@jest/globals'
import { policies, startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE, keyArn as arn } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const GOOD = '1111aaaa-11aa-11aa-11aa-111111111111'
const BAD = '2222bbbb-22bb-22bb-22bb-222222222222'

const ADMIN_ONLY = policies.adminOnly(ACCOUNT, ROLE, { canWrite: true })
const ROOT_ONLY = policies.createKeyDefault(ACCOUNT)

function fleetWith(
  keys: Scenario['keys'],
  instances: Array<{ id: string; key: string; account?: string }>
): Scenario {
  return {
    instances: instances.map((i, n) => ({
      id: i.id,
      name: `app-${n + 1}`,
      state: 'stopped',
      volumeIds: [`vol-0${String(n + 1).repeat(16)}`]
    })),
    volumes: instances.map((i, n) => ({
      id: `vol-0${String(n + 1).repeat(16)}`,
      encrypted: true,
      kmsKeyId: arn(i.key, i.account)
    })),
    keys
  }
}

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})
async function start(scenario: Scenario) {
  fake = await startFake(scenario)
  return fake
}
const calls = (f: Fake, action: string) => f.log.filter(e => e.action === action)

describe('diagnosis in mode start', () => {
  it('attaches the key diagnosis and the least-privilege fix to a silent stop', async () => {
    const f = await start(
      fleetWith([{ keyId: BAD, policy: ADMIN_ONLY, aliases: ['alias/ci-ebs'] }], [{ id: A, key: BAD }])
    )
    const run = await runAction({ inputs: { 'instance-ids': A }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([arn(BAD)])
    expect(json<Array<{ keys: string[] }>>(run.outputs.instances)[0].keys).toEqual([arn(BAD)])
    const errors = run.annotations.filter(a => a.level === 'error')
    // Root cause first: one error, for the key, naming the instance it stopped; none for the instance itself.
    // (The step's own failure line is the one untitled error.)
    expect(errors.filter(a => a.properties.title)).toHaveLength(1)
    const keyError = errors.find(
      a => a.properties.title === 'KMS key policy does not let EC2 create a grant: alias/ci-ebs'
    )
    expect(keyError?.message).toContain(arn(BAD))
    expect(keyError?.message).toContain(`It stopped 1 instance right after the start: ${A} (app-1).`)
    expect(keyError?.message).toContain('Missing permission: kms:CreateGrant.')
    expect(keyError?.message).toMatch(
      /Fix: add statement Ec2StartGuardCreateGrantCiStartRole[0-9a-f]{8} to the key policy/
    )
    expect(run.summary).toContain('<h3>KMS keys</h3>')
    expect(run.summary).toContain('alias/ci-ebs')
    expect(run.summary).toContain(`&quot;AWS&quot;: &quot;${ROLE}&quot;`)
    expect(run.summary).toContain('&quot;kms:GrantIsForAWSResource&quot;: &quot;true&quot;')
    expect(run.summary).toContain('account principal only delegates to IAM')
    expect(calls(f, 'PutKeyPolicy')).toEqual([])
    // The statement is in the log too, but the key policy itself never is.
    expect(run.stdout).toContain(`Fix: add this statement to the key policy of ${arn(BAD)}:`)
    expect(run.stdout).not.toContain('Allow access for Key Administrators')
  })

  it('fix: apply repairs the key before the start; the instance runs; a second run writes nothing', async () => {
    const f = await start(fleetWith([{ keyId: BAD, policy: ADMIN_ONLY }], [{ id: A, key: BAD }]))
    const run = await runAction({
      inputs: { 'instance-ids': A, fix: 'apply', 'stop-on-post': 'false' },
      env: f.env()
    })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([])
    const puts = calls(f, 'PutKeyPolicy')
    expect(puts).toHaveLength(1)
    expect(puts[0].params.BypassPolicyLockoutSafetyCheck).toBeUndefined()
    // Every original statement kept, in order and unchanged; the new one appended.
    const after = JSON.parse(f.state.keys.find(k => k.keyId === BAD)?.policy as string)
    expect(after.Statement.slice(0, 2)).toEqual(ADMIN_ONLY.Statement)
    expect(after.Statement).toHaveLength(3)
    expect(after.Statement[2]).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'kms:CreateGrant'
    })
    expect(after.Id).toBe('admin-only')
    // Read back after the put, and the fix is reported.
    const order = f.log
      .filter(e => e.action === 'PutKeyPolicy' || e.action === 'GetKeyPolicy')
      .map(e => e.action)
    // diagnosis, fresh read right before the write, the write, the read-back
    expect(order).toEqual(['GetKeyPolicy', 'GetKeyPolicy', 'PutKeyPolicy', 'GetKeyPolicy'])
    expect(run.stdout).toMatch(
      /fix: apply — added: Added statement Ec2StartGuardCreateGrant\w+ at the end of the key policy/
    )
    expect(run.summary).toContain('fix: apply</strong> — added')

    // The key works now, so a second run has nothing to write.
    f.state.instances[0].state = 'stopped'
    const again = await runAction({ inputs: { 'instance-ids': A, fix: 'apply' }, env: f.env() })
    expect(again.code).toBe(0)
    expect(calls(f, 'PutKeyPolicy')).toHaveLength(1)
  })

  it('never edits a disabled key, and reports its state', async () => {
    const f = await start(
      fleetWith([{ keyId: BAD, policy: ADMIN_ONLY, keyState: 'Disabled' }], [{ id: A, key: BAD }])
    )
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'apply' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(calls(f, 'PutKeyPolicy')).toEqual([])
    expect(
      run.annotations.find(a => a.properties.title?.startsWith('KMS key is not usable (Disabled)'))?.message
    ).toContain(arn(BAD))
    expect(run.summary).toMatch(/KEY_STATE/)
    expect(run.stdout).toMatch(/fix: apply — not applied to arn:aws:kms:\S+: it is Disabled/)
    // The refusal is in the summary, not only in the log.
    expect(run.summary).toContain('<strong>fix: apply</strong> did not edit')
    expect(run.stdout).toContain('Client.InvalidKMSKey.InvalidState')
  })

  it('warns, without failing, when the verdict depends on IAM and the simulation is denied', async () => {
    const f = await start({
      ...fleetWith([{ keyId: GOOD, policy: ROOT_ONLY }], [{ id: A, key: GOOD }]),
      callers: { AKIAFAKECI: { iamAllowsCreateGrant: true } }
    })
    const run = await runAction({ inputs: { 'instance-ids': A }, env: f.env() })
    expect(run.code).toBe(0)
    expect(calls(f, 'SimulatePrincipalPolicy')).toHaveLength(1)
    expect(run.annotations.filter(a => a.level === 'error')).toEqual([])
    const warning = run.annotations.find(a => a.level === 'warning' && a.message.includes(arn(GOOD)))
    expect(warning?.message).toMatch(/IAM side could not be simulated/)
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([])
  })

  it('turns ALLOW_IF_IAM into a failure, with the IAM statement, when the simulation says implicitDeny', async () => {
    const f = await start({
      ...fleetWith([{ keyId: GOOD, policy: ROOT_ONLY }], [{ id: A, key: GOOD }]),
      callers: { AKIAFAKECI: { simulate: 'implicitDeny' } }
    })
    const run = await runAction({ inputs: { 'instance-ids': A, mode: 'check' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([arn(GOOD)])
    expect(
      run.annotations.find(a => a.properties.title?.startsWith('IAM policy does not allow kms:CreateGrant'))
    ).toBeDefined()
    expect(run.summary).toContain('Add this statement to the caller&#39;s IAM identity policy:')
    const sim = calls(f, 'SimulatePrincipalPolicy')[0].params
    expect(JSON.stringify(sim)).toContain('ec2.us-east-1.amazonaws.com')
  })
})

describe('mode check', () => {
  it('fails on the bad key only, and starts, stops and changes nothing', async () => {
    const f = await start(
      fleetWith(
        [{ keyId: GOOD }, { keyId: BAD, policy: ADMIN_ONLY }],
        [
          { id: A, key: GOOD },
          { id: B, key: BAD }
        ]
      )
    )
    const run = await runAction({ inputs: { 'instance-ids': `${A} ${B}`, mode: 'check' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([arn(BAD)])
    expect(json(run.outputs['started-instance-ids'])).toEqual([])
    expect(f.log.filter(e => /^(Start|Stop|Put|Create)/.test(e.action))).toEqual([])
    const keyErrors = run.annotations.filter(
      a => a.level === 'error' && a.properties.title?.startsWith('KMS')
    )
    expect(keyErrors).toHaveLength(1)
    expect(keyErrors[0].message).toContain(arn(BAD))
    expect(run.summary).toContain('❌ 2 instances checked · 2 KMS keys: 1 misconfigured, 0 unverified.')
    // One DescribeKey and one GetKeyPolicy per unique key.
    expect(calls(f, 'DescribeKey')).toHaveLength(2)
    expect(calls(f, 'GetKeyPolicy')).toHaveLength(2)
  })

  it('passes AWS managed keys and warns on a cross-account key it cannot read', async () => {
    const OTHER = '444455556666'
    const f = await start({
      ...fleetWith(
        [
          { keyId: GOOD, keyManager: 'AWS', aliases: ['alias/aws/ebs'] },
          { keyId: BAD, accountId: OTHER }
        ],
        [
          { id: A, key: GOOD },
          { id: B, key: BAD, account: OTHER }
        ]
      )
    })
    const run = await runAction({ inputs: { 'instance-ids': `${A} ${B}`, mode: 'check' }, env: f.env() })
    expect(run.code).toBe(0)
    expect(run.summary).toMatch(/AWS_MANAGED/)
    expect(run.summary).toMatch(/CROSS_ACCOUNT_UNREADABLE/)
    expect(calls(f, 'GetKeyPolicy')).toEqual([]) // neither policy is readable or needed
    expect(run.annotations.some(a => a.level === 'warning' && a.message.includes(arn(BAD, OTHER)))).toBe(true)
  })
})
