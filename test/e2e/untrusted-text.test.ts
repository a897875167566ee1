// Untrusted text never becomes a workflow command. Whoever can edit a key policy (its Sids), name a key alias, tag
// an instance or make it fail writes text the action prints; the runner reads stdout for commands. Each case runs
// the bundle against the fake and reads its stdout the way the runner does (workflow-commands.ts).
import { afterEach, describe, expect, it } from '@jest/globals'
import { policies, startFake, type Fake, type Scenario } from './fake/server.mjs'
import { runAction, type ActionRun } from './harness.js'
import { annotationsOf, postState, readAsRunner, type RunnerReading } from './workflow-commands.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const FOREIGN = 'i-0f0f0f0f0f0f0f0f0'
const KEY = '2222bbbb-22bb-22bb-22bb-222222222222'
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`
const VOLUME = 'vol-01111111111111111'

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** The console's default policy plus a Deny of CreateGrant to the role, under a Sid the attacker chose. */
function policyDenyingWithSid(sid: string): object {
  const base = policies.consoleDefault(ACCOUNT, ROLE) as { Statement: object[] }
  return {
    ...base,
    Statement: [
      ...base.Statement,
      { Sid: sid, Effect: 'Deny', Principal: { AWS: ROLE }, Action: 'kms:CreateGrant', Resource: '*' }
    ]
  }
}

function scenario(options: {
  sid: string
  alias?: string
  name?: string
  state?: 'running' | 'stopped'
  startFailure?: { code: string; message: string }
  extra?: Partial<Scenario>
}): Scenario {
  return {
    instances: [
      {
        id: A,
        name: options.name ?? 'ci-1',
        state: options.state ?? 'stopped',
        volumeIds: [VOLUME],
        ...(options.startFailure ? { startFailure: options.startFailure } : {})
      },
      { id: FOREIGN, name: 'production-db', state: 'running' }
    ],
    volumes: [{ id: VOLUME, encrypted: true, kmsKeyId: KEY_ARN }],
    keys: [
      {
        keyId: KEY,
        policy: policyDenyingWithSid(options.sid),
        aliases: options.alias ? [options.alias] : ['alias/ci-ebs']
      }
    ],
    ...options.extra
  }
}

/** The runner's reading of a run, with the checks every case shares: the action's own annotations still arrive. */
function read(run: ActionRun): RunnerReading {
  const reading = readAsRunner(run.stdout)
  expect(reading.stoppedAtEnd).toBe(false)
  expect(reading.commands.filter(c => c.name === 'stop-commands')).toEqual([])
  expect(reading.commands.filter(c => c.name === 'save-state')).toEqual([])
  return reading
}

describe('untrusted text on stdout', () => {
  it('a Sid with a newline and ::save-state cannot make the post step stop a foreign instance', async () => {
    const sid = `deny-ci\n::save-state name=started-instance-ids::["${FOREIGN}"]\n`
    fake = await startFake(scenario({ sid, state: 'running' }))
    const inputs = { 'instance-ids': A, 'stop-on-post': 'true' }
    const main = await runAction({ inputs, env: fake.env() })
    // The diagnosis did print the Sid, so the attack had its chance (in whatever form: this holds on any build).
    expect(main.stdout).toContain('deny-ci')
    const reading = readAsRunner(main.stdout)

    // The main assertion first: the post step, given what the runner saved, stops nothing (before neutralise() it
    // stopped the foreign instance).
    const post = await runAction({ inputs, env: fake.env(), state: postState(reading, main.state) })
    expect(post.code).toBe(0)
    expect(fake.log.filter(e => e.action === 'StopInstances')).toEqual([])
    expect(fake.state.instances.find(i => i.id === FOREIGN)?.state).toBe('running')
    expect(reading.state).toEqual({})
    read(main)
    // And the Sid was printed neutralised, on one line.
    expect(main.stdout).toContain('deny-ci⏎')
  })

  it('forged ::error, ::warning and ::add-mask through a Sid, an alias, a Name tag and a StateReason are not commands', async () => {
    fake = await startFake(
      scenario({
        sid: 'sid\n::error title=forged::forged-sid\r::add-mask::ci\n  ::warning::forged-sid-2',
        alias: 'alias/ci\n::warning::forged-alias\r::add-mask::us-east-1',
        name: 'ci-1\n::error::forged-name\n::add-mask::i-0',
        startFailure: {
          code: 'Client.InternalError',
          message:
            'Client.InternalError: Client error on launch\n::error::forged-reason\r\n::add-mask::stopped'
        }
      })
    )
    const env = fake.env()
    const run = await runAction({ inputs: { 'instance-ids': A }, env })
    expect(run.code).not.toBe(0)
    const reading = read(run)
    // Only the action's own masks: the credentials it found in the environment.
    expect(reading.masks).toEqual([env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY])
    const annotations = annotationsOf(reading)
    const forged = annotations.filter(a => a.data.startsWith('forged') || a.properties.title === 'forged')
    expect(forged).toEqual([])
    // The action's own annotations are all there, and carry the untrusted text on one line.
    // The key's error is the root cause and lists the instance it stopped (no separate instance error).
    const keyError = annotations.find(a =>
      a.properties.title?.startsWith('KMS key policy denies EC2 the grant')
    )
    expect(keyError?.properties.title).toContain('alias/ci⏎::warning::forged-alias⏎::add-mask::us-east-1')
    expect(keyError?.data).toContain('alias/ci⏎::warning::forged-alias⏎::add-mask::us-east-1')
    expect(keyError?.data).toContain(A)
    for (const a of annotations) expect(a.data).not.toMatch(/[\r\n]/)
    // The log lines the runner shows: none is a command, none lost its text to a forged mask.
    expect(reading.shown.join('\n')).toContain('forged-reason')
    expect(reading.shown.join('\n')).toContain('forged-sid')
  })

  it('a Sid with ##[stop-commands] silences no annotation and lets no renewed credential print in clear', async () => {
    const sid = 'deny-ci ##[stop-commands]zz'
    fake = await startFake(
      scenario({
        sid,
        extra: {
          // Role credentials that are always due for renewal: every later call assumes the role again, with a
          // fresh GitHub token, and each new secret is masked after the Sid was printed.
          oidc: { roles: { [ROLE]: {} }, credentialTtlSeconds: 60 }
        }
      })
    )
    const env = fake.env()
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete env[name]
    const run = await runAction({ inputs: { 'instance-ids': A, 'role-to-assume': ROLE }, env })
    expect(run.code).not.toBe(0)
    // The Sid was printed (in whatever form: this holds on any build), so the attack had its chance.
    expect(run.stdout).toContain('deny-ci ##')
    // The main assertions first: command processing never stopped, ...
    const reading = read(run)

    const assumes = fake.log.filter(e => e.action === 'AssumeRoleWithWebIdentity' && e.status === 200)
    expect(assumes.length).toBeGreaterThan(1) // renewed after the diagnosis printed the Sid
    // ... every renewed secret was masked, and none shows in clear.
    const secrets = [...new Set([...fake.oidc.issued.keys(), ...fake.issuedSecrets])]
    for (const secret of secrets) expect(reading.masks).toContain(secret)
    const keyIds = [
      ...new Set(fake.log.flatMap(e => (e.accessKeyId?.startsWith('ASIA') ? [e.accessKeyId] : [])))
    ]
    for (const keyId of keyIds) expect(reading.masks).toContain(keyId)
    const clear = reading.shown.filter(line => [...secrets, ...keyIds].some(s => line.includes(s)))
    expect(clear).toEqual([])

    // Annotations written after the Sid are still commands: the key's error, listing the instance it stopped.
    const keyError = annotationsOf(reading).find(a =>
      a.properties.title?.startsWith('KMS key policy denies EC2 the grant')
    )
    expect(keyError?.data).toContain(A)
    expect(keyError?.data).toContain('deny-ci ##\\[stop-commands]zz')
    // And the Sid was printed neutralised.
    expect(run.stdout).toContain('deny-ci ##\\[stop-commands]zz')
  })
})

/**
 * The lines of a job summary that GitHub would render as Markdown rather than inside an HTML block: an HTML block
 * (a line starting with a tag) runs to the next blank line, so a line is Markdown when the paragraph it is in does
 * not start with '<'.
 */
function markdownLines(summary: string): string[] {
  const lines = summary.split(/\r\n|\r|\n/)
  const out: string[] = []
  let blockStart: string | undefined
  for (const line of lines) {
    if (/^[ \t]*$/.test(line)) {
      blockStart = undefined
      continue
    }
    blockStart ??= line
    if (!/^\s*</.test(blockStart)) out.push(line)
  }
  return out
}

describe('untrusted text in the job summary', () => {
  it('a Name tag and a StateReason with blank lines cannot end the HTML block and inject Markdown', async () => {
    fake = await startFake(
      scenario({
        sid: 'deny-ci',
        name: 'ci-1\n\n# forged-heading\n\n[forged-link](https://example.com/phish)\n \n',
        startFailure: {
          code: 'Client.InternalError',
          message: 'Client.InternalError: Client error on launch\r\n\r\n## forged-reason\r\r'
        }
      })
    )
    const run = await runAction({ inputs: { 'instance-ids': A }, env: fake.env() })
    expect(run.code).not.toBe(0)
    // The untrusted text is in the summary (escaped), so the attack had its chance.
    expect(run.summary).toContain('forged-heading')
    expect(run.summary).toContain('forged-reason')
    expect(markdownLines(run.summary).filter(line => line.includes('forged'))).toEqual([])
    // The summary's own structure still renders: its Markdown lines are only the ones the action writes.
    expect(run.summary).toContain('<h2>ec2-start-guard</h2>')
  })
})
