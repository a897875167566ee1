// The published key-policy corpus (__tests__/fixtures/published-key-policies) through the bundle, two ways, one run
// each: key-policy-files over a folder holding every policy, and live mode: check against ONE fake world with an
// instance, a volume and a key per policy. Each policy's verdict is read from the key-verdicts output and compared
// with index.json; the other outputs, the annotations and the summary must agree with those verdicts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startFake, type Fake } from './fake/server.mjs'
import { json, runAction, type ActionRun, verdictsOf } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

const FOLDER = new URL('../../__tests__/fixtures/published-key-policies/', import.meta.url)

interface Entry {
  id: string
  file: string
  scenario?: { keyAccount?: string }
  expected: { verdict: string; deniedRequest?: string; decidingSids: (string | null)[] }
  live?: { verdict: string; finding?: string }
  offline?: { verdict: string }
}
const entries = (JSON.parse(readFileSync(new URL('index.json', FOLDER), 'utf8')) as { policies: Entry[] })
  .policies

const FAILING = ['DENY_EXPLICIT', 'DENY_IMPLICIT', 'KEY_STATE']

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
const instanceOf = (n: number) => `i-0${hex(n + 1, 16)}`
const volumeOf = (n: number) => `vol-0${hex(n + 1, 16)}`
const keyIdOf = (n: number) => `0000${hex(n + 1, 4)}-1111-2222-3333-444455556666`
const keyAccountOf = (e: Entry) => e.scenario?.keyAccount ?? ACCOUNT
const keyArnOf = (e: Entry, n: number) => `arn:aws:kms:us-east-1:${keyAccountOf(e)}:key/${keyIdOf(n)}`
const liveOf = (e: Entry) => verdictsOf(live).find(v => v.keyArn === keyArnOf(e, entries.indexOf(e)))
const offlineOf = (e: Entry) => verdictsOf(offline).find(v => v.file === e.file)
const liveVerdict = (e: Entry) => e.live?.verdict ?? e.expected.verdict
const offlineVerdict = (e: Entry) => e.offline?.verdict ?? e.expected.verdict

let fake: Fake
let offline: ActionRun
let live: ActionRun

beforeAll(async () => {
  fake = await startFake({
    instances: entries.map((e, n) => ({
      id: instanceOf(n),
      name: e.id,
      state: 'stopped',
      volumeIds: [volumeOf(n)]
    })),
    volumes: entries.map((e, n) => ({ id: volumeOf(n), encrypted: true, kmsKeyId: keyArnOf(e, n) })),
    keys: entries.map((e, n) => ({
      keyId: keyIdOf(n),
      accountId: keyAccountOf(e),
      policy: readFileSync(new URL(e.file, FOLDER), 'utf8'),
      aliases: [`alias/${e.id}`]
    }))
  })
  const offlineEnv = fake.env()
  delete offlineEnv.AWS_ACCESS_KEY_ID
  delete offlineEnv.AWS_SECRET_ACCESS_KEY
  // The two runs are independent: run them side by side to keep the wall time to one bundle run.
  ;[offline, live] = await Promise.all([
    runAction({
      workspaceFrom: fileURLToPath(FOLDER),
      env: offlineEnv,
      inputs: { 'key-policy-files': 'p*.json', 'principal-arn': ROLE, region: 'us-east-1' }
    }),
    runAction({ inputs: { filters: 'tag-key=Name', mode: 'check' }, env: fake.env() })
  ])
  console.log(
    `published corpus through the bundle: key-policy-files ${Math.round(offline.durationMs)} ms, ` +
      `live mode: check ${Math.round(live.durationMs)} ms for ${entries.length} keys`
  )
})

afterAll(async () => {
  await fake.close()
})

describe('published corpus, key-policy-files over the whole folder in one run', () => {
  it('judges every file as index.json expects', () => {
    expect(verdictsOf(offline)).toHaveLength(entries.length)
    const got = Object.fromEntries(entries.map(e => [e.id, offlineOf(e)?.verdict]))
    const want = Object.fromEntries(entries.map(e => [e.id, offlineVerdict(e)]))
    const agree = entries.filter(e => got[e.id] === want[e.id]).length
    console.log(`published corpus, key-policy-files: ${agree} of ${entries.length} agree`)
    expect(got).toEqual(want)
  })

  it('fails the step, and every error annotation is a policy expected to fail', () => {
    expect(offline.code).not.toBe(0)
    const errors = offline.annotations.filter(a => a.level === 'error' && a.properties.file)
    expect(errors.length).toBeGreaterThan(0)
    for (const a of errors) {
      const entry = entries.find(e => e.file === a.properties.file)
      expect(a.properties.title).toMatch(/^Key policy would stop EC2: /)
      expect(FAILING).toContain(entry && offlineVerdict(entry))
      expect(entry && offlineOf(entry)?.blocks).toBe(true)
    }
  })

  it("names EC2's own Decrypt and the statement where a Deny stops it", () => {
    for (const e of entries.filter(x => x.expected.deniedRequest === 'Decrypt')) {
      const verdict = offlineOf(e)
      expect(verdict?.deniedRequest).toBe('Decrypt')
      expect(verdict?.reason).toContain("EC2's own Decrypt")
      const sid = e.expected.decidingSids[0]
      expect(verdict?.reason).toContain(sid === null ? 'statement #' : `"${sid}"`)
      // The summary shows the same reason, escaped.
      expect(offline.summary).toContain(
        (verdict?.reason ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
      )
    }
  })
})

describe('published corpus, live mode: check over one fake world', () => {
  it('judges every key as index.json expects', () => {
    expect(verdictsOf(live)).toHaveLength(entries.length)
    const got = Object.fromEntries(entries.map(e => [e.id, liveOf(e)?.verdict]))
    const want = Object.fromEntries(entries.map(e => [e.id, liveVerdict(e)]))
    const agree = entries.filter(e => got[e.id] === want[e.id]).length
    console.log(`published corpus, live mode: check: ${agree} of ${entries.length} agree`)
    expect(got).toEqual(want)
  })

  it('outputs exactly the keys expected to fail as misconfigured, and fails the step', () => {
    expect(live.code).not.toBe(0)
    const failing = entries.flatMap((e, n) => (FAILING.includes(liveVerdict(e)) ? [keyArnOf(e, n)] : []))
    expect(json<string[]>(live.outputs['misconfigured-key-ids']).sort()).toEqual(failing.sort())
  })

  it('starts, stops and changes nothing, and reads each readable policy once', () => {
    expect(fake.log.filter(e => /^(Start|Stop|Put|Create)/.test(e.action))).toEqual([])
    const sameAccount = entries.filter(e => keyAccountOf(e) === ACCOUNT).length
    expect(fake.log.filter(e => e.action === 'GetKeyPolicy')).toHaveLength(sameAccount)
    expect(json<string[]>(live.outputs['started-instance-ids'])).toEqual([])
  })

  it("names EC2's own Decrypt where a Deny stops it", () => {
    const decryptDenied = entries.filter(x => x.expected.deniedRequest === 'Decrypt')
    expect(decryptDenied.length).toBeGreaterThanOrEqual(2)
    for (const e of decryptDenied) {
      expect(liveOf(e)?.deniedRequest).toBe('Decrypt')
      expect(liveOf(e)?.reason).toContain("EC2's own Decrypt of vol-")
      expect(liveOf(e)?.finding).toBe('EC2_DECRYPT_DENIED')
    }
  })

  it('states the role-path assumption where the verdict rests on it', () => {
    const assumed = entries.filter(x => x.live?.finding === 'ROLE_PATH_ASSUMED')
    expect(assumed.length).toBeGreaterThan(0)
    for (const e of assumed) {
      expect(liveOf(e)?.finding).toBe('ROLE_PATH_ASSUMED')
      expect(liveOf(e)?.reason).toContain('on path "/"')
    }
    for (const e of entries.filter(x => x.live?.finding === undefined)) {
      expect(liveOf(e)?.reason).not.toContain('on path "/"')
    }
  })
})
