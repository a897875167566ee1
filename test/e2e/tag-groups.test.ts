// Tag groups through the bundled action: groups ORed, lines within a group ANDed, the union described in the summary.
import { afterEach, describe, expect, it } from '@jest/globals'
import { startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, runAction } from './harness.js'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const C = 'i-0ccccccccccccccc3'
const D = 'i-0ddddddddddddddd4'

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const world: Scenario = {
  instances: [
    { id: A, state: 'stopped', tags: { env: 'ci', team: 'qa' } },
    { id: B, state: 'stopped', tags: { env: 'ci', team: 'web' } },
    { id: C, state: 'stopped', tags: { role: 'db' } },
    { id: D, state: 'stopped', tags: { env: 'prod', team: 'qa' } }
  ]
}

describe('filters with tag groups', () => {
  it('starts the union of two groups (one DescribeInstances each) and says how in the summary', async () => {
    fake = await startFake(world)
    const run = await runAction({
      inputs: { filters: 'tag:env=ci\ntag:team=qa\n\n---\ntag:role=db\n' },
      env: fake.env()
    })
    expect(run.code).toBe(0)
    expect(json<string[]>(run.outputs['started-instance-ids']).sort()).toEqual([A, C])
    const starts = fake.log.filter(e => e.action === 'StartInstances')
    expect(starts).toHaveLength(1)
    expect(JSON.stringify(starts[0].params)).not.toMatch(new RegExp(`${B}|${D}`))
    expect(run.summary).toContain(
      'filters <code>group 1: tag:env=ci AND tag:team=qa; group 2: tag:role=db</code> (the union of the groups)'
    )
  })

  it('fails before any start when one group matches nothing, naming that group', async () => {
    fake = await startFake(world)
    const run = await runAction({ inputs: { filters: 'tag:env=ci\n---\ntag:role=cache' }, env: fake.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      /::error title=ec2-start-guard::filters: no instance matches group 2 \(tag:role=cache\)/
    )
    expect(fake.log.filter(e => /^(Start|Stop|Put)/.test(e.action))).toEqual([])
  })

  it('rejects a malformed line naming its group, with no AWS call at all', async () => {
    fake = await startFake(world)
    const run = await runAction({ inputs: { filters: 'tag:env=ci\n\ntag:role' }, env: fake.env() })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/Bad input: Input 'filters': group 2: "tag:role" is not Name=Value1,Value2/)
    expect(fake.log).toEqual([])
  })
})
