// Start first when nothing must come first: the order of the action's calls in the fake's request log.
// fix: suggest sends StartInstances before any KMS call and diagnoses while the instances boot; fix: apply edits the
// key policy first. Either way a silent stop is reported with its key.
import { afterEach, describe, expect, it } from '@jest/globals'
import { policies, startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE, keyArn as arn } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const GOOD = '1111aaaa-11aa-11aa-11aa-111111111111'
const BAD = '2222bbbb-22bb-22bb-22bb-222222222222'

/** Only admins and the CI role's own key-policy rights: no CreateGrant for the caller, so a start stops. */
const ADMIN_ONLY = policies.adminOnly(ACCOUNT, ROLE, { canWrite: true })

function scenario(instances: Array<{ id: string; key: string }>, bootMs = 1500): Scenario {
  return {
    instances: instances.map((i, n) => ({
      id: i.id,
      state: 'stopped',
      bootMs,
      volumeIds: [`vol-0${String(n + 1).repeat(16)}`]
    })),
    volumes: instances.map((i, n) => ({
      id: `vol-0${String(n + 1).repeat(16)}`,
      encrypted: true,
      kmsKeyId: arn(i.key)
    })),
    keys: [
      { keyId: GOOD, policy: policies.consoleDefault(ACCOUNT, ROLE) },
      { keyId: BAD, policy: ADMIN_ONLY, aliases: ['alias/ci-ebs'] }
    ]
  }
}

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})
const at = (f: Fake, action: string) => f.log.findIndex(e => e.action === action)

describe('the order of the calls', () => {
  it('fix: suggest sends StartInstances before any STS or KMS call, and diagnoses while the instances boot', async () => {
    fake = await startFake(scenario([{ id: A, key: GOOD }]), { latencyMs: 50 })
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'suggest' }, env: fake.env() })
    expect(run.code).toBe(0)
    const actions = fake.log.map(e => e.action)
    // The states first, then the start; the diagnosis comes after it.
    expect(actions.slice(0, 2)).toEqual(['DescribeInstances', 'StartInstances'])
    for (const later of ['GetCallerIdentity', 'DescribeVolumes', 'DescribeKey', 'GetKeyPolicy'])
      expect(at(fake, later)).toBeGreaterThan(at(fake, 'StartInstances'))
    // ...and before the instance runs: the diagnosis overlaps the boot.
    const ranAt = Number(fake.state.instances.find(i => i.id === A)?.runningAt)
    const policyRead = fake.log.find(e => e.action === 'GetKeyPolicy')
    expect(fake.t0 + Number(policyRead?.t)).toBeLessThan(ranAt)
    // The report still has the diagnosis.
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([])
    expect(run.summary).toContain(arn(GOOD))
  })

  it('fix: suggest still names the key of a silent stop, and the fix for it', async () => {
    fake = await startFake(
      scenario([
        { id: A, key: GOOD },
        { id: B, key: BAD }
      ])
    )
    const run = await runAction({ inputs: { 'instance-ids': `${A}\n${B}`, fix: 'suggest' }, env: fake.env() })
    expect(run.code).not.toBe(0)
    expect(at(fake, 'StartInstances')).toBeLessThan(at(fake, 'GetKeyPolicy'))
    expect(json(run.outputs['failed-instance-ids'])).toEqual([B])
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([arn(BAD)])
    const instances = json<Array<{ instanceId: string; keys: string[] }>>(run.outputs.instances)
    expect(instances.find(i => i.instanceId === B)?.keys).toEqual([arn(BAD)])
    // The key's error is the cause of the silent stop, and lists the instance it stopped.
    const keyError = run.annotations.find(
      a =>
        a.level === 'error' &&
        a.properties.title?.startsWith('KMS key policy does not let EC2 create a grant')
    )
    expect(keyError?.properties.title).toContain('alias/ci-ebs')
    expect(keyError?.message).toContain(B)
    expect(run.stdout).toContain('Fix: add this statement to the key policy of')
  })

  it('fix: apply writes the key policy first, then starts: the instance runs', async () => {
    fake = await startFake(scenario([{ id: A, key: BAD }]))
    const run = await runAction({
      inputs: { 'instance-ids': A, fix: 'apply', 'stop-on-post': 'false' },
      env: fake.env()
    })
    expect(run.code).toBe(0)
    expect(at(fake, 'PutKeyPolicy')).toBeGreaterThan(-1)
    expect(at(fake, 'StartInstances')).toBeGreaterThan(at(fake, 'PutKeyPolicy'))
    expect(at(fake, 'GetKeyPolicy')).toBeLessThan(at(fake, 'StartInstances'))
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
  })

  it('leaves the post step the started IDs, and no instance "being started"', async () => {
    fake = await startFake(scenario([{ id: A, key: GOOD }]))
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'suggest' }, env: fake.env() })
    expect(run.code).toBe(0)
    expect(json(run.state['starting-instance-ids'])).toEqual([])
    expect(json(run.state['started-instance-ids'])).toEqual([A])
  })
})
