// Issue 10's "Done when", through the bundled action against the fake, read the way the runner reads stdout:
// the key that stops instances is the one error (listing them), the symptoms never crowd it out, wait-for: none
// is not evidence, the post step needs no summary file, and a refused fix: apply is in the summary.
import { afterEach, describe, expect, it } from '@jest/globals'
import { fleet, policies, startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'
import { annotationsOf, readAsRunner, type WorkflowCommand } from './workflow-commands.js'
import { ACCOUNT, CI_ROLE as ROLE, keyArn as arn } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const BAD = '2222bbbb-22bb-22bb-22bb-222222222222'
const GOOD = '1111aaaa-11aa-11aa-11aa-111111111111'
// Key administrators and the CI role's reads, no grant for anyone: EC2 cannot create its grant (DENY_IMPLICIT).
const ADMIN_ONLY = policies.adminOnly(ACCOUNT, ROLE)

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})
async function start(scenario: Scenario) {
  fake = await startFake(scenario)
  return fake
}

/** The error annotations the runner would create from this stdout. */
function errorsOf(stdout: string): WorkflowCommand[] {
  return annotationsOf(readAsRunner(stdout)).filter(c => c.name === 'error')
}

/** One stopped instance per entry, each on its own volume encrypted with the given key. */
function onKeys(keys: Scenario['keys'], instances: Array<{ id: string; key: string; bootMs?: number }>) {
  return {
    instances: instances.map((i, n) => ({
      id: i.id,
      name: `app-${n + 1}`,
      state: 'stopped',
      volumeIds: [`vol-0${String(n + 1).repeat(16)}`],
      bootMs: i.bootMs ?? 0
    })),
    volumes: instances.map((i, n) => ({
      id: `vol-0${String(n + 1).repeat(16)}`,
      encrypted: true,
      kmsKeyId: arn(i.key)
    })),
    keys
  } satisfies Scenario
}

describe('root cause first', () => {
  it('300 instances, 30 on one key that blocks EC2: one error names the key and lists them; at most 5 errors', async () => {
    // Ten keys, every tenth instance on the last one (alias/fleet-9), whose policy lets no one create a grant:
    // those 30 silently stop; the fake turns instances around at once (bootMs 0).
    const scenario = fleet({ n: 300, keys: 10, badKeyEvery: 10, bootMs: 0, stopMs: 0 })
    const [badKey] = scenario.expect.badKeyArns
    const bad = scenario.keys?.find(k => badKey.endsWith(`/${k.keyId}`))
    if (bad) bad.policy = ADMIN_ONLY
    expect(scenario.expect.stoppedIds).toHaveLength(30)
    const f = await start(scenario)
    const run = await runAction({ inputs: { filters: 'tag:env=ci', fix: 'suggest' }, env: f.env() })

    expect(run.code).not.toBe(0)
    expect(json<string[]>(run.outputs['failed-instance-ids']).sort()).toEqual(
      [...scenario.expect.stoppedIds].sort()
    )
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([badKey])
    const errors = errorsOf(run.stdout)
    expect(errors.length).toBeLessThanOrEqual(5)
    const keyId = badKey.replace(/^.*:key\//, '')
    const naming = errors.filter(e => `${e.properties.title ?? ''} ${e.data}`.includes(keyId))
    expect(naming).toHaveLength(1)
    const [keyError] = naming
    expect(keyError.properties.title).toMatch(/: alias\/fleet-9$/)
    // The first ones by ID and Name, and a count of the rest.
    const first = scenario.expect.stoppedIds.slice(0, 5)
    expect(keyError.data).toContain(
      `It stopped 30 instances right after the start: ${first.map(id => `${id} (runner-${parseInt(id.slice(2), 16)})`).join(', ')} and 25 more.`
    )
    // No instance is an error of its own: the key explains every one of them.
    expect(errors.filter(e => e.properties.title === 'Instance stopped right after start')).toEqual([])
    expect(run.summary).toContain('300 instances: 270 running, 30 failed')
    expect(run.summary).toContain('10 KMS keys: 1 misconfigured, 0 unverified')
  })

  it('300 instances, 30 on one key the analysis cannot verify (IAM not simulated): one error lists them, ≤5 errors', async () => {
    // The same fleet with the bad key's root-only policy kept: whether the caller's IAM policy allows the grant is
    // unknown (the role may not simulate), so the key is a warning; AWS showed the 30 stop, so they are one error.
    const scenario = fleet({ n: 300, keys: 10, badKeyEvery: 10, bootMs: 0, stopMs: 0 })
    const f = await start(scenario)
    const run = await runAction({ inputs: { filters: 'tag:env=ci' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json<string[]>(run.outputs['failed-instance-ids'])).toHaveLength(30)
    const errors = errorsOf(run.stdout)
    expect(errors.length).toBeLessThanOrEqual(5)
    const stops = errors.filter(
      e => e.properties.title === 'Instances stopped right after start: alias/fleet-9'
    )
    expect(stops).toHaveLength(1)
    expect(stops[0].data).toContain('and 25 more: 30 instances went pending -> stopped (Client.InternalError')
    expect(stops[0].data).toContain(
      `could not be fully verified: alias/fleet-9 (${scenario.expect.badKeyArns[0]})`
    )
    const keyWarning = annotationsOf(readAsRunner(run.stdout)).filter(
      c => c.name === 'warning' && c.properties.title?.endsWith(': alias/fleet-9')
    )
    expect(keyWarning).toHaveLength(1)
  })

  it('one instance on one bad key: one titled error, for the key, naming the instance', async () => {
    const f = await start(
      onKeys([{ keyId: BAD, policy: ADMIN_ONLY, aliases: ['alias/ci-ebs'] }], [{ id: A, key: BAD }])
    )
    const run = await runAction({ inputs: { 'instance-ids': A }, env: f.env() })
    expect(run.code).not.toBe(0)
    const titled = errorsOf(run.stdout).filter(e => e.properties.title)
    expect(titled).toHaveLength(1)
    expect(titled[0].properties.title).toMatch(/: alias\/ci-ebs$/)
    expect(titled[0].data).toContain(arn(BAD))
    expect(titled[0].data).toContain(`${A} (app-1)`)
  })
})

describe('wait-for: none is not evidence', () => {
  it('a key that blocks EC2 fails the step and is in misconfigured-key-ids; the log says "start requested"', async () => {
    // A long boot: with wait-for none the step ends while the instance is pending, before the stop shows.
    const f = await start(
      onKeys(
        [{ keyId: BAD, policy: ADMIN_ONLY, aliases: ['alias/ci-ebs'] }],
        [{ id: A, key: BAD, bootMs: 30_000 }]
      )
    )
    const run = await runAction({ inputs: { 'instance-ids': A, 'wait-for': 'none' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([arn(BAD)])
    expect(json(run.outputs['started-instance-ids'])).toEqual([A])
    const shown = readAsRunner(run.stdout).shown.join('\n')
    expect(shown).toContain(`${A} start requested (wait-for: none, not verified)`)
    expect(shown).not.toMatch(/✓/)
    expect(shown).not.toMatch(/after 0\.0 s/)
    const keyErrors = errorsOf(run.stdout).filter(e => e.properties.title?.endsWith(': alias/ci-ebs'))
    expect(keyErrors).toHaveLength(1)
    expect(keyErrors[0].data).not.toMatch(/yet it started/)
    expect(run.summary).toContain('1 start requested (not verified)')
  })
})

describe('the post step and the summary file', () => {
  it('stop-on-post passes with GITHUB_STEP_SUMMARY unset: the instances are stopped and nothing fails', async () => {
    const f = await start(onKeys([{ keyId: GOOD }], [{ id: A, key: GOOD }]))
    const inputs = { 'instance-ids': A, 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: f.env(), unset: ['GITHUB_STEP_SUMMARY'] })
    expect(main.code).toBe(0)
    expect(json(main.state['started-instance-ids'])).toEqual([A])
    const post = await runAction({ inputs, env: f.env(), state: main.state, unset: ['GITHUB_STEP_SUMMARY'] })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('Stopped the 1 instance(s) this job started')
    expect(post.stdout).not.toMatch(/may still be running|could not be written/)
    expect(annotationsOf(readAsRunner(post.stdout))).toEqual([])
    expect(f.log.filter(e => e.action === 'StopInstances')).toHaveLength(1)
    expect(f.state.instances[0].state).toMatch(/^(stopping|stopped)$/)
  })

  it('a fix: apply refusal (an explicit Deny) is in the summary and in the key error, and nothing is written', async () => {
    const f = await start(
      onKeys(
        [{ keyId: BAD, policy: policies.denyCreateGrant(ACCOUNT, ROLE), aliases: ['alias/denied'] }],
        [
          { id: A, key: BAD },
          { id: B, key: BAD }
        ]
      )
    )
    const run = await runAction({ inputs: { 'instance-ids': `${A} ${B}`, fix: 'apply' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(f.log.filter(e => e.action === 'PutKeyPolicy')).toEqual([])
    expect(run.summary).toContain('<h3>Fixes</h3>')
    expect(run.summary).toContain(
      '<li><strong>fix: apply</strong> did not edit alias/denied (' +
        `${arn(BAD)}): an explicit Deny blocks EC2; Deny statements are reported, never edited.</li>`
    )
    const keyError = errorsOf(run.stdout).find(e => e.properties.title?.endsWith(': alias/denied'))
    expect(keyError?.data).toContain('fix: apply did not edit this key: an explicit Deny blocks EC2')
  })
})
