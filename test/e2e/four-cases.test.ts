// Issue 9's four cases, each a policy published by others (__tests__/fixtures/published-key-policies), through the
// three paths a user has: live mode: check, key-policy-files, and mode: start, where the fake's oracle makes the
// instance silently stop as AWS does and the key's error must name the request and the statement.
//   1. p11: the KMS guide's Deny outside a VPC endpoint catches EC2's own Decrypt      -> DENY_EXPLICIT (Decrypt)
//   2. p19: CreateGrant allowed only for a named grantee, which EC2's grant never is  -> DENY_IMPLICIT
//   3. p38: "everyone but the key admin" by aws:PrincipalArn, role path unreadable     -> DENY_EXPLICIT, path / assumed
//   4. p29 / p40: nothing can decide them                                              -> a headline without ✅
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, runAction, type ActionRun, verdictsOf } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

const FOLDER = new URL('../../__tests__/fixtures/published-key-policies/', import.meta.url)

const CASES = [
  {
    file: 'p11-kms-vpce-restrict-usage.json',
    verdict: 'DENY_EXPLICIT',
    sid: 'Restrict usage to my VPC endpoint'
  },
  { file: 'p19-kms-cond-granteeprincipal.json', verdict: 'DENY_IMPLICIT' },
  {
    file: 'p38-iam-arnnotequals-instead-of-notprincipal.json',
    verdict: 'DENY_EXPLICIT',
    sid: 'DenyAllButKeyAdmin'
  }
] as const
const UNDECIDABLE = ['p29-dp-kms-key-policy-with-root.json', 'p40-kms-vpce-with-dp-exemption.json']

const hex = (n: number) => (n + 1).toString(16).padStart(16, '0')
const keyIdOf = (n: number) => `4c45${(n + 1).toString(16).padStart(4, '0')}-1111-2222-3333-444455556666`
const keyArnOf = (n: number) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyIdOf(n)}`
const policyOf = (file: string) => readFileSync(new URL(file, FOLDER), 'utf8')

/** One instance, volume and key per policy file; the caller's IAM allows CreateGrant, iam:GetRole is denied. */
function world(files: readonly string[]): Scenario {
  return {
    instances: files.map((f, n) => ({
      id: `i-0${hex(n)}`,
      name: f,
      state: 'stopped' as const,
      volumeIds: [`vol-0${hex(n)}`]
    })),
    volumes: files.map((_f, n) => ({ id: `vol-0${hex(n)}`, encrypted: true, kmsKeyId: keyArnOf(n) })),
    keys: files.map((f, n) => ({ keyId: keyIdOf(n), policy: policyOf(f), aliases: [`alias/case-${n + 1}`] })),
    callers: { AKIAFAKECI: { iamAllowsCreateGrant: true, simulate: 'allowed', denied: ['iam:GetRole'] } }
  }
}

function folderWith(files: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'esg-four-cases-'))
  for (const f of files) copyFileSync(fileURLToPath(new URL(f, FOLDER)), path.join(dir, f))
  return dir
}

const headlineOf = (run: ActionRun) => /<p><strong>(.*?)<\/strong><\/p>/.exec(run.summary)?.[1] ?? ''

const fakes: Fake[] = []
async function fakeOf(files: readonly string[]) {
  const fake = await startFake(world(files))
  fakes.push(fake)
  return fake
}

afterAll(async () => {
  await Promise.all(fakes.map(f => f.close()))
})

/** The same world judged twice, side by side: live mode: check against the fake, and key-policy-files offline. */
async function checkAndOffline(files: readonly string[]): Promise<[ActionRun, ActionRun]> {
  const fake = await fakeOf(files)
  const offlineEnv = fake.env()
  delete offlineEnv.AWS_ACCESS_KEY_ID
  delete offlineEnv.AWS_SECRET_ACCESS_KEY
  return Promise.all([
    runAction({ inputs: { filters: 'tag-key=Name', mode: 'check' }, env: fake.env() }),
    runAction({
      workspaceFrom: folderWith(files),
      env: offlineEnv,
      inputs: { 'key-policy-files': '*.json', 'principal-arn': ROLE, region: 'us-east-1' }
    })
  ])
}

describe('cases 1 to 3: decided, in live mode: check and in key-policy-files', () => {
  const files = CASES.map(c => c.file)
  let check: ActionRun
  let offline: ActionRun
  beforeAll(async () => {
    ;[check, offline] = await checkAndOffline(files)
  })

  it('live: every verdict as published, the denied request named, the path assumption stated for case 3', () => {
    expect(check.code).not.toBe(0)
    const got = verdictsOf(check)
    CASES.forEach((c, n) => {
      const v = got.find(k => k.keyArn === keyArnOf(n))
      expect(v?.verdict).toBe(c.verdict)
      expect(v?.blocks).toBe(true)
    })
    const [decrypt, grantee, pathAssumed] = CASES.map((_c, n) => got.find(k => k.keyArn === keyArnOf(n)))
    expect(decrypt).toMatchObject({ deniedRequest: 'Decrypt', finding: 'EC2_DECRYPT_DENIED' })
    expect(decrypt?.reason).toContain(`"${CASES[0].sid}"`)
    expect(grantee).toMatchObject({ deniedRequest: 'CreateGrant' })
    expect(pathAssumed).toMatchObject({ deniedRequest: 'CreateGrant', finding: 'ROLE_PATH_ASSUMED' })
    expect(pathAssumed?.reason).toContain('on path "/"')
    expect(json<string[]>(check.outputs['misconfigured-key-ids']).sort()).toEqual(
      CASES.map((_c, n) => keyArnOf(n)).sort()
    )
    expect(headlineOf(check).startsWith('❌')).toBe(true)
  })

  it('key-policy-files: the same verdicts, with the full role ARN given (no assumption needed)', () => {
    expect(offline.code).not.toBe(0)
    const got = verdictsOf(offline)
    for (const c of CASES) expect(got.find(v => v.file === c.file)?.verdict).toBe(c.verdict)
    expect(got.find(v => v.file === CASES[0].file)?.deniedRequest).toBe('Decrypt')
    expect(got.find(v => v.file === CASES[2].file)?.finding).toBeNull()
    expect(headlineOf(offline).startsWith('❌')).toBe(true)
  })
})

describe('cases 1 to 3 in mode: start: the silent stop, and the key error names the request and statement', () => {
  const files = CASES.map(c => c.file)
  let start: ActionRun
  let fake: Fake
  beforeAll(async () => {
    fake = await fakeOf(files)
    start = await runAction({ inputs: { filters: 'tag-key=Name' }, env: fake.env() })
  })

  it('every instance goes pending and stops with Client.InternalError, and the step fails', () => {
    expect(start.code).not.toBe(0)
    expect(fake.log.filter(e => e.action === 'StartInstances').length).toBeGreaterThan(0)
    const instances = json<Array<{ instanceId: string; state: string; stateReason: string | null }>>(
      start.outputs.instances
    )
    expect(instances).toHaveLength(CASES.length)
    for (const i of instances) {
      expect(i.state).toBe('stopped')
      expect(i.stateReason).toContain('Client.InternalError')
    }
  })

  it("each key's error lists its instance and names what AWS refused and why", () => {
    const errors = start.annotations.filter(a => a.level === 'error')
    CASES.forEach((c, n) => {
      const keyError = errors.find(a => a.properties.title?.includes(`alias/case-${n + 1}`))
      expect(keyError?.message).toContain(`i-0${hex(n)}`)
      if ('sid' in c) expect(keyError?.message).toContain(`"${c.sid}"`)
    })
    expect(errors.find(a => a.properties.title?.includes('alias/case-1'))?.properties.title).toContain(
      "EC2's own Decrypt"
    )
    // Root cause first: no instance needs an error of its own, every stop is explained by its key.
    expect(errors.filter(a => a.properties.title === 'Instance stopped right after start')).toEqual([])
  })
})

describe('case 4: nothing decided is never all clear', () => {
  let check: ActionRun
  let offline: ActionRun
  beforeAll(async () => {
    ;[check, offline] = await checkAndOffline(UNDECIDABLE)
  })

  it('mode: start: the headline is ✅ only for a key AWS showed working (its instance ran), never for the verdict', async () => {
    const fake = await fakeOf(UNDECIDABLE)
    const start = await runAction({ inputs: { filters: 'tag-key=Name' }, env: fake.env() })
    const instances = json<Array<{ instanceId: string; state: string }>>(start.outputs.instances)
    expect(instances).toHaveLength(UNDECIDABLE.length)
    const allRan = instances.every(i => i.state === 'running')
    // Whatever the fake's oracle decided, the verdicts stay CANNOT_EVALUATE and the headline follows what AWS did.
    expect(verdictsOf(start).map(v => v.verdict)).toEqual(['CANNOT_EVALUATE', 'CANNOT_EVALUATE'])
    expect(headlineOf(start).startsWith('✅')).toBe(allRan)
    expect(start.code === 0).toBe(allRan)
    console.log(
      `case 4, mode: start: ${instances.map(i => i.state).join(', ')}; headline "${headlineOf(start)}"`
    )
  })

  it.each([
    ['live mode: check', () => check],
    ['key-policy-files', () => offline]
  ])(
    '%s: CANNOT_EVALUATE, a ⚠️ headline that counts them as unverified, and no ✅ anywhere',
    (_path, run) => {
      const r = run()
      expect(verdictsOf(r).map(v => v.verdict)).toEqual(['CANNOT_EVALUATE', 'CANNOT_EVALUATE'])
      expect(headlineOf(r)).toMatch(/^⚠️ .*2 unverified/)
      expect(r.summary).not.toContain('✅')
      expect(r.stdout).not.toMatch(/^✅/m)
      expect(r.annotations.filter(a => a.level === 'warning').length).toBeGreaterThanOrEqual(2)
    }
  )
})
