// One step over two regions of two accounts (two OIDC roles), against a fake world per (account, region) behind
// one endpoint (fake/worlds.mjs): every pair resolved, diagnosed, started and verified; a pair's failure named and
// failing the step while the others run to the end; the post step stopping, in each pair, what it started there.
import { afterEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import type { Scenario } from './fake/server.mjs'
import { startWorlds, type Worlds } from './fake/worlds.mjs'
import { json, runAction } from './harness.js'

const ACCT_A = '111122223333'
const ACCT_B = '444455556666'
const ROLE_A = `arn:aws:iam::${ACCT_A}:role/ci-start-role`
const ROLE_B = `arn:aws:iam::${ACCT_B}:role/ci-start-role`
const REGIONS = ['us-east-1', 'eu-west-1'] as const
const BLOCKED = '9999cccc-99cc-99cc-99cc-999999999999'

/** Instance IDs are unique across worlds, as in AWS: account digit, region digit, serial. */
const idOf = (account: string, region: string, n: number) =>
  `i-0${account === ACCT_A ? 'a' : 'b'}${region === 'us-east-1' ? '1' : '2'}${String(n).repeat(14)}`

const ADMIN_ONLY = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Admins',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:role/KMSAdminRole` },
      Action: 'kms:*',
      Resource: '*'
    },
    {
      Sid: 'Read',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:role/ci-start-role` },
      Action: ['kms:GetKeyPolicy', 'kms:DescribeKey'],
      Resource: '*'
    }
  ]
})

function scenario(
  account: string,
  region: string,
  opts: { blocked?: boolean; empty?: boolean; denied?: string[] } = {}
): Scenario {
  const role = `arn:aws:iam::${account}:role/ci-start-role`
  const plain = [1, 2].map(n => ({
    id: idOf(account, region, n),
    name: `${region}-${n}`,
    state: 'stopped' as const,
    tags: { env: opts.empty ? 'prod' : 'ci' },
    bootMs: 800
  }))
  const blocked = opts.blocked
    ? [
        {
          id: idOf(account, region, 3),
          name: `${region}-db`,
          state: 'stopped' as const,
          tags: { env: 'ci' },
          volumeIds: ['vol-0c000000000000003'],
          bootMs: 800
        }
      ]
    : []
  return {
    instances: [...plain, ...blocked],
    volumes: opts.blocked
      ? [
          {
            id: 'vol-0c000000000000003',
            encrypted: true,
            kmsKeyId: `arn:aws:kms:${region}:${account}:key/${BLOCKED}`
          }
        ]
      : [],
    keys: opts.blocked ? [{ keyId: BLOCKED, policy: ADMIN_ONLY(account), aliases: ['alias/db-ebs'] }] : [],
    oidc: {
      roles: {
        [role]: { subjectPattern: 'repo:octo-org/octo-repo:*', caller: { denied: opts.denied ?? [] } }
      }
    }
  }
}

let worlds: Worlds | undefined
afterEach(async () => {
  await worlds?.close()
  worlds = undefined
})

async function fleet(special: { blocked?: string; empty?: string; deniedAccount?: string } = {}) {
  worlds = await startWorlds(
    [ACCT_A, ACCT_B].flatMap(accountId =>
      REGIONS.map(region => ({
        accountId,
        region,
        scenario: scenario(accountId, region, {
          blocked: special.blocked === `${accountId}/${region}`,
          empty: special.empty === `${accountId}/${region}`,
          denied: special.deniedAccount === accountId ? ['ec2:StartInstances'] : []
        })
      }))
    )
  )
  return worlds
}

const inputs = {
  filters: 'tag:env=ci',
  regions: REGIONS.join(', '),
  'role-to-assume': `${ROLE_A}\n${ROLE_B}`
}

describe('regions × accounts in one step', () => {
  it('starts the fleet of two regions in two accounts; a blocked key fails the step, naming its region', async () => {
    const w = await fleet({ blocked: `${ACCT_B}/eu-west-1` })
    const run = await runAction({ inputs, env: w.env() })
    expect(run.code).not.toBe(0)
    const bad = idOf(ACCT_B, 'eu-west-1', 3)
    expect(json(run.outputs['failed-instance-ids'])).toEqual([bad])
    const good = [ACCT_A, ACCT_B].flatMap(a => REGIONS.flatMap(r => [1, 2].map(n => idOf(a, r, n))))
    expect(json<string[]>(run.outputs['running-instance-ids']).sort()).toEqual(good.sort())
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([
      `arn:aws:kms:eu-west-1:${ACCT_B}:key/${BLOCKED}`
    ])
    const listed = json<Array<{ instanceId: string; region: string; account: string; state: string }>>(
      run.outputs.instances
    )
    expect(listed).toHaveLength(9)
    expect(listed.find(i => i.instanceId === idOf(ACCT_A, 'eu-west-1', 1))).toMatchObject({
      region: 'eu-west-1',
      account: ACCT_A,
      state: 'running'
    })
    expect(listed.find(i => i.instanceId === bad)).toMatchObject({
      region: 'eu-west-1',
      account: ACCT_B,
      state: 'stopped'
    })
    // Each world started only its own instances, as its own account's role.
    for (const account of [ACCT_A, ACCT_B])
      for (const region of REGIONS) {
        const starts = w.world(account, region).log.filter(e => e.action === 'StartInstances')
        expect(starts.length).toBeGreaterThanOrEqual(1)
        const ids = starts.flatMap(e => Object.values(e.params).filter(v => String(v).startsWith('i-')))
        expect(ids.every(id => String(id).startsWith(idOf(account, region, 1).slice(0, 5)))).toBe(true)
      }
    // One GitHub token for the audience, exchanged for each role.
    const oidcCalls = w.worlds.flatMap(x => x.fake.log.filter(e => e.service === 'oidc'))
    expect(oidcCalls).toHaveLength(1)
    const exchanges = w.worlds.flatMap(x => x.fake.log.filter(e => e.action === 'AssumeRoleWithWebIdentity'))
    expect(exchanges.map(e => e.params.RoleArn).sort()).toEqual([ROLE_A, ROLE_B])
    // The report: a row per pair under the total, the failing one named.
    expect(run.summary).toContain('<h3>Accounts and regions</h3>')
    expect(run.summary).toMatch(
      new RegExp(
        `<td><code>${ACCT_B}</code></td><td><code>eu-west-1</code></td><td>❌ 3 instance\\(s\\): 2 running, 1 failed`
      )
    )
    expect(run.summary).toMatch(
      new RegExp(
        `<td><code>${ACCT_A}</code></td><td><code>us-east-1</code></td><td>✅ 2 instance\\(s\\): 2 running, 0 failed`
      )
    )
    // One section per pair, with that pair's instances only.
    const sections = run.summary.split(/(?=<h3>[✅❌] <code>)/).slice(1)
    expect(sections).toHaveLength(4)
    const blocked = sections.find(x =>
      x.startsWith(`<h3>❌ <code>eu-west-1</code> · account <code>${ACCT_B}</code></h3>`)
    )
    expect(blocked).toContain(bad)
    expect(blocked).not.toContain(idOf(ACCT_A, 'eu-west-1', 1))
    expect(sections.filter(x => x.startsWith('<h3>✅'))).toHaveLength(3)
    const errors = run.annotations.filter(a => a.level === 'error')
    expect(errors.some(a => a.message.includes(`arn:aws:kms:eu-west-1:${ACCT_B}:key/${BLOCKED}`))).toBe(true)
  })

  it('a pair with no instance fails the step, named; the other pairs still start and run', async () => {
    const w = await fleet({ empty: `${ACCT_A}/eu-west-1` })
    const run = await runAction({ inputs, env: w.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=ec2-start-guard::eu-west-1 \\(account ${ACCT_A}\\): filters: no instance matches tag:env=ci`
      )
    )
    expect(json<string[]>(run.outputs['running-instance-ids'])).toHaveLength(6)
    expect(w.world(ACCT_A, 'eu-west-1').log.filter(e => e.action === 'StartInstances')).toEqual([])
  })

  it('a role denied StartInstances fails both its pairs, each named; the other account still starts', async () => {
    const w = await fleet({ deniedAccount: ACCT_B })
    const run = await runAction({ inputs, env: w.env() })
    expect(run.code).not.toBe(0)
    for (const region of REGIONS) {
      const named = run.annotations.filter(
        a => a.level === 'error' && a.message.includes(`${region} (account ${ACCT_B})`)
      )
      expect(named.length).toBeGreaterThanOrEqual(1)
      expect(named.map(a => a.message).join(' ')).toMatch(/ec2:StartInstances/)
    }
    const running = json<string[]>(run.outputs['running-instance-ids']).sort()
    expect(running).toEqual(REGIONS.flatMap(r => [1, 2].map(n => idOf(ACCT_A, r, n))).sort())
    expect(json<string[]>(run.outputs['failed-instance-ids']).sort()).toEqual(
      REGIONS.flatMap(r => [1, 2].map(n => idOf(ACCT_B, r, n))).sort()
    )
  })

  it('a pair that EC2 throttles recovers with the retries; every pair starts and runs', async () => {
    const w = await fleet()
    const throttled = w.world(ACCT_A, 'eu-west-1')
    // Three throttled answers: the SDK backs off (from 500 ms, how-ec2-uses-kms.md 5) and the fourth call passes.
    throttled.setFaults([
      {
        action: 'DescribeInstances',
        kind: 'error',
        status: 400,
        code: 'RequestLimitExceeded',
        message: 'Request limit exceeded.',
        times: 3
      }
    ])
    const run = await runAction({ inputs, env: w.env() })
    expect(run.code).toBe(0)
    expect(throttled.log.filter(e => e.action === 'DescribeInstances' && e.status === 400)).toHaveLength(3)
    const all = [ACCT_A, ACCT_B].flatMap(a => REGIONS.flatMap(r => [1, 2].map(n => idOf(a, r, n))))
    expect(json<string[]>(run.outputs['running-instance-ids']).sort()).toEqual(all.sort())
  })

  it('the post step stops, in each pair, exactly what the main step started there', async () => {
    const w = await fleet()
    const withStop = { ...inputs, 'stop-on-post': 'true' }
    const main = await runAction({ inputs: withStop, env: w.env() })
    expect(main.code).toBe(0)
    const saved = json<Array<{ region: string; roleArn: string; started: string[] }>>(main.state.pairs)
    expect(saved).toHaveLength(4)
    const tokensBefore = w.worlds.flatMap(x => x.fake.log.filter(e => e.service === 'oidc')).length
    const post = await runAction({ inputs: withStop, env: w.env(), state: main.state })
    expect(post.code).toBe(0)
    // The post step too: one token, one exchange per role, for the four pairs.
    expect(w.worlds.flatMap(x => x.fake.log.filter(e => e.service === 'oidc')).length - tokensBefore).toBe(1)
    expect(
      w.worlds.flatMap(x => x.fake.log.filter(e => e.action === 'AssumeRoleWithWebIdentity')).length
    ).toBe(4)
    for (const account of [ACCT_A, ACCT_B])
      for (const region of REGIONS) {
        const stops = w.world(account, region).log.filter(e => e.action === 'StopInstances')
        expect(stops).toHaveLength(1)
        expect(
          Object.values(stops[0].params)
            .filter(v => String(v).startsWith('i-'))
            .sort()
        ).toEqual([1, 2].map(n => idOf(account, region, n)))
      }
  })

  it("SIGTERM while one pair's StartInstances is in flight: the post step still stops, per pair, what launched", async () => {
    const w = await fleet()
    // Account B's eu-west-1 performs the start and never answers: the step is cancelled while waiting for it.
    const held = w.world(ACCT_B, 'eu-west-1')
    held.setFaults([{ action: 'StartInstances', kind: 'hang' }])
    const withStop = { ...inputs, 'stop-on-post': 'true' }
    const cancelDuringStart = (child: ChildProcess) => {
      const timer = setInterval(() => {
        // Once the held start is in flight and every other pair's start has been answered.
        const othersStarted = w.worlds
          .filter(x => x.fake !== held)
          .every(x => x.fake.log.some(e => e.action === 'StartInstances' && e.status === 200))
        if (othersStarted && held.log.some(e => e.action === 'StartInstances' && e.held)) {
          clearInterval(timer)
          child.kill('SIGTERM')
        }
      }, 10)
      child.on('close', () => clearInterval(timer))
    }
    const main = await runAction({ inputs: withStop, env: w.env(), onSpawn: cancelDuringStart })
    expect(main.code).not.toBe(0)
    const saved = json<Array<{ region: string; roleArn: string; started: string[]; starting: string[] }>>(
      main.state.pairs
    )
    const heldPair = saved.find(p => p.region === 'eu-west-1' && p.roleArn === ROLE_B)
    expect(heldPair?.starting.sort()).toEqual([1, 2].map(n => idOf(ACCT_B, 'eu-west-1', n)))
    expect(heldPair?.started).toEqual([])

    held.setFaults([])
    const post = await runAction({ inputs: withStop, env: w.env(), state: main.state })
    expect(post.code).toBe(0)
    for (const account of [ACCT_A, ACCT_B])
      for (const region of REGIONS) {
        // Every pair launched its two instances (the held call was performed): each stops exactly those, in its
        // own account and region, whether the step saw the answer or not.
        const stopped = w
          .world(account, region)
          .log.filter(e => e.action === 'StopInstances')
          .flatMap(e => Object.values(e.params).filter(v => String(v).startsWith('i-')))
        expect(stopped.sort()).toEqual([1, 2].map(n => idOf(account, region, n)))
      }
  })
})
