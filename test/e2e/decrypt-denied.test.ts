// mode: start against a key whose policy denies EC2's own Decrypt: the KMS guide's VPC-endpoint example
// (vpce-policy-condition.html, example-key-1), with its Deny given the Sid DenyOutsideVpce. The caller's CreateGrant
// is allowed (root statement plus an IAM allow), so only the second request of the start fails: the fake's oracle
// (grants.mjs, mayEc2Decrypt) lets the instance go pending and then stop with Client.InternalError, as AWS does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startFake, type Fake } from './fake/server.mjs'
import { json, runAction, type ActionRun } from './harness.js'
import { ACCOUNT } from './fake/ids.mjs'

const INSTANCE = 'i-0dec0dec0dec0dec0'
const VOLUME = 'vol-0dec0dec0dec0dec0'
const KEY_ID = 'dec0dec0-1111-2222-3333-444455556666'
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`

interface Statement {
  Sid?: string
  Effect: string
  Condition?: Record<string, Record<string, unknown>>
}
const published = JSON.parse(
  readFileSync(
    new URL(
      '../../__tests__/fixtures/published-key-policies/p11-kms-vpce-restrict-usage.json',
      import.meta.url
    ),
    'utf8'
  )
) as { Statement: Statement[] }
const deny = { ...(published.Statement[1] as Statement), Sid: 'DenyOutsideVpce' }
const POLICY = { ...published, Statement: [published.Statement[0], deny] }

let fake: Fake
let run: ActionRun

beforeAll(async () => {
  fake = await startFake({
    instances: [{ id: INSTANCE, name: 'behind-vpce', state: 'stopped', volumeIds: [VOLUME] }],
    volumes: [{ id: VOLUME, encrypted: true, kmsKeyId: KEY }],
    keys: [{ keyId: KEY_ID, policy: POLICY, aliases: ['alias/vpce-only'] }],
    // The root statement delegates to IAM and the IAM policy allows CreateGrant: the grant itself succeeds.
    callers: { AKIAFAKECI: { iamAllowsCreateGrant: true, simulate: 'allowed' } }
  })
  run = await runAction({ inputs: { 'instance-ids': INSTANCE, fix: 'apply' }, env: fake.env() })
})

afterAll(async () => {
  await fake.close()
})

describe("mode: start, a Deny of EC2's own Decrypt (DenyOutsideVpce)", () => {
  it('the instance goes pending and silently stops with Client.InternalError; the step fails', () => {
    expect(run.code).not.toBe(0)
    expect(fake.log.filter(e => e.action === 'StartInstances')).toHaveLength(1)
    const [instance] = json<Array<{ state: string; stateReason: string | null }>>(run.outputs.instances)
    expect(instance?.state).toBe('stopped')
    expect(instance?.stateReason).toContain('Client.InternalError')
    expect(json(run.outputs['failed-instance-ids'])).toEqual([INSTANCE])
    expect(run.stdout).toContain(
      `${INSTANCE} went pending -> stopped (Client.InternalError: Client error on launch)`
    )
    // The oracle's decision: the grant passed, the Decrypt was denied by the statement.
    expect(fake.state.instances[0]?.lastLaunch).toEqual([
      { keyArn: KEY, volumeId: VOLUME, allowed: false, why: 'decryptDenied' }
    ])
  })

  it("names EC2's own Decrypt of the volume and the statement in the key's error, which lists the instance", () => {
    const errors = run.annotations.filter(a => a.level === 'error')
    // Root cause first: the key explains the silent stop, so the instance has no error of its own.
    expect(errors.filter(a => a.properties.title === 'Instance stopped right after start')).toEqual([])
    const key = errors.find(a => a.properties.title?.startsWith("KMS key policy denies EC2's own Decrypt"))
    expect(key?.properties.title).toContain('alias/vpce-only')
    expect(key?.message).toContain(
      `EC2's own Decrypt of ${VOLUME} (as aws:ec2-infrastructure) is denied by statement "DenyOutsideVpce"`
    )
    expect(key?.message).toContain(INSTANCE)
    expect(key?.message).toContain('Denied permission: kms:Decrypt.')
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([KEY])
    const [verdict] = json<Array<{ finding: string; deniedRequest: string }>>(run.outputs['key-verdicts'])
    expect(verdict).toMatchObject({ finding: 'EC2_DECRYPT_DENIED', deniedRequest: 'Decrypt' })
  })

  it('shows the amended Deny as advice in the summary, and fix: apply writes nothing', () => {
    expect(run.summary).toContain('<summary>Amend the Deny in alias/vpce-only</summary>')
    expect(run.summary).toContain('&quot;Sid&quot;: &quot;DenyOutsideVpce&quot;')
    expect(run.summary).toContain('&quot;ArnNotLikeIfExists&quot;')
    expect(run.summary).toContain(`arn:aws:iam::${ACCOUNT}:role/aws:ec2-infrastructure`)
    expect(run.summary).toContain('never edits a Deny')
    expect(fake.log.filter(e => e.action === 'PutKeyPolicy')).toEqual([])
    expect(run.stdout).toContain('Deny statements are reported, never edited.')
    // The key policy is exactly what it was.
    expect(JSON.parse(fake.state.keys[0]?.policy as string)).toEqual(POLICY)
  })
})
