// The documented IAM policies (docs/iam/*.json) against what the bundled action really calls.
// Each mode runs against the fake under its policy: the fake denies every AWS action the policy does not allow
// (and lets EC2 create its KMS grant only when the policy allows kms:CreateGrant). Then:
//   - every action the run called is allowed by the policy (a new AWS call without a doc update fails);
//   - every action a policy allows was called by some run, or is listed below with the reason (a stale doc
//     line fails too);
//   - every SDK command imported under src/ is covered by a policy (or needs no permission).
import { afterEach, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  policies as fakePolicies,
  startFake,
  type CallerInput,
  type Fake,
  type RequestLogEntry,
  type Scenario
} from './fake/server.mjs'
import { json, REPO, runAction, type ActionRun } from './harness.js'
import { ACCOUNT, CI_ROLE as ROLE } from './fake/ids.mjs'

// ---------------------------------------------------------------------------------------------------------
// A small IAM action matcher: Action / NotAction with * and ? wildcards, case-insensitive. Allow unless an
// unconditional Deny covers the action (a Deny with a Condition applies only sometimes, so it never hides an
// action the action's code calls). Resource and Condition are not evaluated.

type OneOrMany = string | string[]

interface Statement {
  Sid?: string
  Effect?: string
  Principal?: unknown
  Action?: OneOrMany
  NotAction?: OneOrMany
  Resource?: OneOrMany
  NotResource?: OneOrMany
  Condition?: Record<string, Record<string, unknown>>
}

interface PolicyDocument {
  Version?: string
  Statement: Statement | Statement[]
}

const list = (v: OneOrMany | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const statements = (p: PolicyDocument): Statement[] =>
  Array.isArray(p.Statement) ? p.Statement : [p.Statement]

function wildcard(pattern: string): RegExp {
  const body = [...pattern]
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 'i')
}

function covers(s: Statement, action: string): boolean {
  if (s.Action !== undefined) return list(s.Action).some(p => wildcard(p).test(action))
  if (s.NotAction !== undefined) return !list(s.NotAction).some(p => wildcard(p).test(action))
  return false
}

export function allows(policy: PolicyDocument, action: string): boolean {
  const all = statements(policy)
  const denied = all.some(s => s.Effect === 'Deny' && s.Condition === undefined && covers(s, action))
  return !denied && all.some(s => s.Effect === 'Allow' && covers(s, action))
}

// ---------------------------------------------------------------------------------------------------------

const IAM_DIR = join(REPO, 'docs', 'iam')
const readPolicy = (file: string) => JSON.parse(readFileSync(join(IAM_DIR, file), 'utf8')) as PolicyDocument

const POLICY_FILES = ['start-only.json', 'start-diagnose.json', 'fix-apply.json', 'check.json'] as const
type PolicyFile = (typeof POLICY_FILES)[number]
const policies = Object.fromEntries(POLICY_FILES.map(f => [f, readPolicy(f)])) as Record<
  PolicyFile,
  PolicyDocument
>

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const VOL = 'vol-0a0000000000000a1'
const KEY_ID = '3456cdef-34cd-56ef-78a0-34567890abcd'
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`

/** Actions AWS authorizes without an identity-policy statement. */
const NEEDS_NO_PERMISSION: Record<string, string> = {
  'sts:GetCallerIdentity':
    'AWS answers it for every principal, even under an explicit Deny; the policies list it only to document every call',
  'sts:AssumeRoleWithWebIdentity':
    'unsigned: authorized by the role trust policy (trust-policy.json), not by an identity policy'
}

/** Actions a policy allows that never show up in the action's own request log, with the reason. */
const NOT_IN_REQUEST_LOG: Record<string, string> = {
  'kms:CreateGrant':
    "EC2 calls it on the caller's behalf while StartInstances attaches a CMK-encrypted volume (how-ec2-uses-kms.md 1.1); the fake lets the start succeed on a key policy that delegates to IAM only when the policy allows it, so the start runs below depend on it"
}

/** Actions with no resource-level permissions: the only ones a statement may grant on Resource "*". */
const NO_RESOURCE_LEVEL = new Set([
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeVolumes',
  'kms:ListAliases',
  'sts:GetCallerIdentity'
])

/** Every AWS action the sources can call: the SDK commands and paginators imported from the four clients. */
function sdkActionsInSrc(): Set<string> {
  const found = new Set<string>()
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap(name => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : []
    })
  const importRe =
    /(?:import\s*\{([^}]*)\}\s*from\s*|const\s*\{([^}]*)\}\s*=\s*await\s+import\s*\(\s*)['"]@aws-sdk\/client-(ec2|kms|sts|iam)['"]/g
  for (const file of walk(join(REPO, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(importRe)) {
      for (const raw of (m[1] ?? m[2] ?? '').split(',')) {
        const name = raw
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+|\s*:\s*/)[0]
        const action = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1]
        if (action) found.add(`${m[3]}:${action}`)
      }
    }
  }
  return found
}

const KNOWN_ACTIONS = sdkActionsInSrc()

/** The fake's caller, restricted to what `policy` allows. */
function callerUnder(policy: PolicyDocument, extra: CallerInput = {}): CallerInput {
  const createGrant = allows(policy, 'kms:CreateGrant')
  return {
    denied: [...KNOWN_ACTIONS].filter(a => !(a in NEEDS_NO_PERMISSION) && !allows(policy, a)),
    iamAllowsCreateGrant: createGrant,
    simulate: createGrant ? 'allowed' : 'implicitDeny',
    ...extra
  }
}

const rootOnlyPolicy = fakePolicies.createKeyDefault(ACCOUNT)
const keyAdmins = {
  Sid: 'KeyAdministrators',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` },
  Action: 'kms:*',
  Resource: '*'
}
/** No delegation to IAM and nothing for the CI role: EC2 cannot create the grant, whatever IAM says. */
const adminOnlyPolicy = { Version: '2012-10-17', Statement: [keyAdmins] }
/** What a key admin sets up for fix: apply — the documented statement, and still no grant for EC2. */
const readyForFixApplyPolicy = {
  Version: '2012-10-17',
  Statement: [
    keyAdmins,
    JSON.parse(readFileSync(join(IAM_DIR, 'key-policy-statement-for-fix-apply.json'), 'utf8'))
  ]
}

function scenario(policy: PolicyDocument, keyPolicy: object, extra: Partial<Scenario> = {}): Scenario {
  return {
    instances: [{ id: A, name: 'ci-1', state: 'stopped', volumeIds: [VOL], bootMs: 300, statusOkMs: 300 }],
    volumes: [{ id: VOL, encrypted: true, kmsKeyId: KEY_ARN }],
    keys: [{ keyId: KEY_ID, policy: keyPolicy, aliases: ['alias/ci-ebs'] }],
    callers: { AKIAFAKECI: callerUnder(policy) },
    ...extra
  }
}

const DENIED_CODES = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException'])
const actionOf = (e: RequestLogEntry) => `${e.service}:${e.action}`
/** The API actions of a run: signed AWS calls only (no OIDC token request, no unsigned AssumeRoleWithWebIdentity). */
const awsCalls = (f: Fake) =>
  f.log.filter(
    e => e.service !== 'oidc' && !(e.service === 'sts' && e.action === 'AssumeRoleWithWebIdentity')
  )
const uniqueActions = (calls: RequestLogEntry[]) => [...new Set(calls.map(actionOf))].sort()

/** Actions observed per mode, for the tightness check at the end. */
const observed = new Map<string, { policy: PolicyFile; actions: string[] }>()
const EXPECTED_MODES = [
  'start, fix off',
  'start, fix off, instance fails',
  'start, fix suggest',
  'start, fix apply',
  'check',
  'start, wait-for status-ok, stop-on-post',
  'post step after a cancelled start'
]

function record(mode: string, policy: PolicyFile, calls: RequestLogEntry[]) {
  const actions = uniqueActions(calls)
  observed.set(mode, { policy, actions })
  return actions
}

function expectAllAllowed(policy: PolicyFile, calls: RequestLogEntry[]) {
  const notAllowed = uniqueActions(calls).filter(
    a => !(a in NEEDS_NO_PERMISSION) && !allows(policies[policy], a)
  )
  expect(notAllowed).toEqual([])
  expect(calls.filter(e => e.errorCode && DENIED_CODES.has(e.errorCode)).map(actionOf)).toEqual([])
}

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function startWith(sc: Scenario) {
  fake = await startFake(sc)
  return fake
}

describe('the IAM action matcher', () => {
  it.each([
    [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }, 'EC2:describeinstances', true],
    [{ Effect: 'Allow', Action: ['kms:Get?eyPolicy'], Resource: '*' }, 'kms:GetKeyPolicy', true],
    [{ Effect: 'Allow', Action: 'kms:Get*', Resource: '*' }, 'kms:PutKeyPolicy', false],
    [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, 'ec2:StartInstances', true],
    [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }, 'IAM:GetRole', false],
    [{ Effect: 'Deny', Action: '*', Resource: '*' }, 'ec2:StartInstances', false]
  ])('%j on %s -> %s', (statement, action, expected) => {
    const policy: PolicyDocument = {
      Statement: [statement as Statement, { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }]
    }
    expect(allows(policy, action)).toBe(expected)
  })

  it('ignores a conditional Deny and honours an unconditional one', () => {
    const allow = { Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: '*' }
    const deny = { Effect: 'Deny', Action: 'kms:PutKeyPolicy', Resource: '*' }
    expect(
      allows({ Statement: [allow, { ...deny, Condition: { Bool: { x: 'true' } } }] }, 'kms:PutKeyPolicy')
    ).toBe(true)
    expect(allows({ Statement: [allow, deny] }, 'kms:PutKeyPolicy')).toBe(false)
  })
})

describe('the policy documents', () => {
  it.each(POLICY_FILES)('%s is a valid, tightly scoped identity policy', file => {
    const policy = policies[file]
    expect(policy.Version).toBe('2012-10-17')
    expect(Array.isArray(policy.Statement)).toBe(true)
    const sids = statements(policy).map(s => s.Sid)
    expect(new Set(sids).size).toBe(sids.length)
    for (const s of statements(policy)) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/)
      expect(['Allow', 'Deny']).toContain(s.Effect)
      expect(s.Principal).toBeUndefined()
      // Every statement names its resources; NotResource would grant more than it seems to.
      expect(s.Resource).toBeDefined()
      expect(s.NotResource).toBeUndefined()
      if (s.Effect !== 'Allow') continue
      // Allow statements name literal actions: least privilege, and the tightness check below stays exact.
      expect(s.NotAction).toBeUndefined()
      for (const action of list(s.Action)) expect(action).toMatch(/^[a-z0-9]+:[A-Za-z]+$/)
      const resources = list(s.Resource)
      for (const action of list(s.Action)) {
        if (/^ec2:(Start|Stop)Instances$/.test(action))
          expect(resources).toEqual([`arn:aws:ec2:*:${ACCOUNT}:instance/*`])
        else if (/^kms:(CreateGrant|DescribeKey|GetKeyPolicy|PutKeyPolicy)$/.test(action))
          expect(resources).toEqual([`arn:aws:kms:*:${ACCOUNT}:key/*`])
        else if (action.startsWith('iam:'))
          for (const r of resources)
            expect(r).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/[\\w+=,.@/-]+$`))
        else expect(NO_RESOURCE_LEVEL.has(action)).toBe(true)
      }
      if (resources.includes('*')) for (const a of list(s.Action)) expect(NO_RESOURCE_LEVEL.has(a)).toBe(true)
    }
  })

  it('mode check can never start, stop or change anything', () => {
    for (const a of ['ec2:StartInstances', 'ec2:StopInstances', 'kms:PutKeyPolicy', 'kms:CreateGrant'])
      expect(allows(policies['check.json'], a)).toBe(false)
  })

  it('fix: off needs no KMS read, no IAM call and no DescribeVolumes; only fix: apply may write a key policy', () => {
    const startOnly = policies['start-only.json']
    for (const a of [
      'ec2:DescribeVolumes',
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:ListAliases',
      'iam:GetRole'
    ])
      expect(allows(startOnly, a)).toBe(false)
    expect(allows(startOnly, 'iam:SimulatePrincipalPolicy')).toBe(false)
    for (const file of POLICY_FILES)
      expect([file, allows(policies[file], 'kms:PutKeyPolicy')]).toEqual([file, file === 'fix-apply.json'])
  })

  it('the policies nest: start-only within start-diagnose within fix-apply', () => {
    const granted = (p: PolicyDocument) =>
      statements(p)
        .filter(s => s.Effect === 'Allow')
        .flatMap(s => list(s.Action))
    for (const a of granted(policies['start-only.json']))
      expect(allows(policies['start-diagnose.json'], a)).toBe(true)
    for (const a of granted(policies['start-diagnose.json']))
      expect(allows(policies['fix-apply.json'], a)).toBe(true)
  })

  it('fix-apply.json denies bypassing the key-policy lockout safety check', () => {
    const deny = statements(policies['fix-apply.json']).find(s => s.Effect === 'Deny')
    expect(list(deny?.Action)).toEqual(['kms:PutKeyPolicy'])
    expect(deny?.Condition).toEqual({ Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } })
  })

  it('the key-policy statement for fix: apply lets the role read and update that key policy only', () => {
    const s = JSON.parse(
      readFileSync(join(IAM_DIR, 'key-policy-statement-for-fix-apply.json'), 'utf8')
    ) as Statement
    expect(s.Effect).toBe('Allow')
    expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/)
    expect(s.Principal).toEqual({ AWS: ROLE })
    expect(list(s.Action).sort()).toEqual(['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy'])
    expect(s.Resource).toBe('*')
  })

  it('the trust policy admits only GitHub OIDC tokens for one audience and one subject', () => {
    const trust = readPolicy('trust-policy.json')
    expect(trust.Version).toBe('2012-10-17')
    const [s, ...rest] = statements(trust)
    expect(rest).toEqual([])
    expect(s).toMatchObject({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:ref:refs/heads/main' }
      }
    })
  })

  it('every AWS call in src/ is covered by a documented policy', () => {
    expect(KNOWN_ACTIONS.size).toBeGreaterThanOrEqual(12)
    const uncovered = [...KNOWN_ACTIONS].filter(
      a => !(a in NEEDS_NO_PERMISSION) && !POLICY_FILES.some(f => allows(policies[f], a))
    )
    expect(uncovered).toEqual([])
    expect(KNOWN_ACTIONS.has('sts:AssumeRoleWithWebIdentity')).toBe(true)
  })
})

describe('each mode under its documented policy', () => {
  it('start, fix off (start-only.json): starts an instance whose key delegates to IAM', async () => {
    const f = await startWith(scenario(policies['start-only.json'], rootOnlyPolicy))
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'off' }, env: f.env() })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    const calls = awsCalls(f)
    expectAllAllowed('start-only.json', calls)
    expect(record('start, fix off', 'start-only.json', calls)).toEqual([
      'ec2:DescribeInstances',
      'ec2:StartInstances'
    ])
  })

  it('start, fix off (start-only.json): after a failure the diagnosis is denied and becomes a warning', async () => {
    const f = await startWith(scenario(policies['start-only.json'], adminOnlyPolicy))
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'off' }, env: f.env() })
    expect(run.code).not.toBe(0)
    expect(json(run.outputs['failed-instance-ids'])).toEqual([A])
    // The warning is in the job summary; the step fails for the instance, not for the diagnosis.
    expect(run.summary).toMatch(
      /Could not diagnose the KMS keys of the failed instances:.*ec2:DescribeVolumes/
    )
    const calls = awsCalls(f)
    // What the policy allows worked; the rest is the best-effort diagnosis, and was denied.
    const outside = calls.filter(
      e => !(actionOf(e) in NEEDS_NO_PERMISSION) && !allows(policies['start-only.json'], actionOf(e))
    )
    expect(outside.map(actionOf)).toEqual(['ec2:DescribeVolumes'])
    expect(outside.every(e => DENIED_CODES.has(e.errorCode ?? ''))).toBe(true)
    expectAllAllowed(
      'start-only.json',
      calls.filter(e => !outside.includes(e))
    )
    record(
      'start, fix off, instance fails',
      'start-only.json',
      calls.filter(e => !outside.includes(e))
    )
  })

  it('start, fix suggest (start-diagnose.json): simulates the IAM side and learns the role path', async () => {
    const f = await startWith(scenario(policies['start-diagnose.json'], rootOnlyPolicy))
    const run = await runAction({ inputs: { 'instance-ids': A }, env: f.env() })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    const calls = awsCalls(f)
    expectAllAllowed('start-diagnose.json', calls)
    const actions = record('start, fix suggest', 'start-diagnose.json', calls)
    expect(actions).toEqual(
      expect.arrayContaining([
        'iam:SimulatePrincipalPolicy',
        'iam:GetRole',
        'kms:GetKeyPolicy',
        'sts:GetCallerIdentity'
      ])
    )
    const simulation = calls.find(e => e.action === 'SimulatePrincipalPolicy')
    expect(simulation?.params.PolicySourceArn).toBe(ROLE)
    expect(calls.find(e => e.action === 'GetRole')?.params.RoleName).toBe('ci-start-role')
  })

  it('start, fix apply (fix-apply.json): adds the statement to a key that needs it, then starts', async () => {
    const f = await startWith(scenario(policies['fix-apply.json'], readyForFixApplyPolicy))
    const run = await runAction({ inputs: { 'instance-ids': A, fix: 'apply' }, env: f.env() })
    expect(run.code).toBe(0)
    expect(json(run.outputs['running-instance-ids'])).toEqual([A])
    const writes = f.state.keys.find(k => k.keyId === KEY_ID)?.policyWrites
    expect(writes).toHaveLength(1)
    expect(writes?.[0].bypass).toBe(false)
    const calls = awsCalls(f)
    expectAllAllowed('fix-apply.json', calls)
    const actions = record('start, fix apply', 'fix-apply.json', calls)
    expect(actions).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'iam:GetRole']))
    expect(
      calls.find(e => e.action === 'PutKeyPolicy')?.params.BypassPolicyLockoutSafetyCheck
    ).toBeUndefined()
  })

  it('check (check.json): a read-only gate role checks the start role given as principal-arn', async () => {
    const f = await startWith(
      scenario(policies['check.json'], rootOnlyPolicy, {
        callers: {
          // The simulation evaluates principal-arn (the start role, whose start policy allows kms:CreateGrant).
          AKIAFAKECHECK: callerUnder(policies['check.json'], {
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-check-role/gha`,
            simulate: 'allowed'
          })
        }
      })
    )
    const run = await runAction({
      inputs: { 'instance-ids': A, mode: 'check', 'principal-arn': ROLE },
      env: f.env()
    })
    expect(run.code).toBe(0)
    expect(json(run.outputs['misconfigured-key-ids'])).toEqual([])
    expect(f.state.instances[0].state).toBe('stopped')
    const calls = awsCalls(f)
    expectAllAllowed('check.json', calls)
    const actions = record('check', 'check.json', calls)
    expect(actions).toEqual(expect.arrayContaining(['iam:SimulatePrincipalPolicy', 'kms:DescribeKey']))
    expect(actions.filter(a => /^ec2:(Start|Stop)|PutKeyPolicy/.test(a))).toEqual([])
    expect(calls.find(e => e.action === 'SimulatePrincipalPolicy')?.params.PolicySourceArn).toBe(ROLE)
  })

  it('start, wait-for status-ok, stop-on-post (start-only.json): main and post steps', async () => {
    const sc = scenario(policies['start-only.json'], rootOnlyPolicy)
    sc.instances = [...(sc.instances ?? []), { id: B, state: 'running' }]
    const f = await startWith(sc)
    const inputs = {
      'instance-ids': `${A},${B}`,
      fix: 'off',
      'wait-for': 'status-ok',
      'stop-on-post': 'true'
    }
    const main = await runAction({ inputs, env: f.env() })
    expect(main.code).toBe(0)
    const post: ActionRun = await runAction({ inputs, env: f.env(), state: main.state })
    expect(post.code).toBe(0)
    expect(f.state.instances.find(i => i.id === B)?.state).toBe('running')
    const calls = awsCalls(f)
    expectAllAllowed('start-only.json', calls)
    expect(record('start, wait-for status-ok, stop-on-post', 'start-only.json', calls)).toEqual([
      'ec2:DescribeInstanceStatus',
      'ec2:DescribeInstances',
      'ec2:StartInstances',
      'ec2:StopInstances'
    ])
  })

  it('post step after a cancelled start (start-only.json): DescribeInstances reads LaunchTime, then StopInstances', async () => {
    // The runner cancels the job while StartInstances is in flight: the post step has only the IDs being started,
    // and must read each one's state and LaunchTime before it stops any (src/post.ts).
    const sc = scenario(policies['start-only.json'], rootOnlyPolicy)
    const f = (fake = await startFake(sc, { faults: [{ action: 'StartInstances', kind: 'hang' }] }))
    const inputs = { 'instance-ids': A, fix: 'off', 'stop-on-post': 'true' }
    const main = await runAction({
      inputs,
      env: f.env(),
      onSpawn: child => {
        const timer = setInterval(() => {
          if (f.log.some(e => e.action === 'StartInstances' && e.held)) {
            clearInterval(timer)
            child.kill('SIGTERM')
          }
        }, 10)
        child.on('close', () => clearInterval(timer))
      }
    })
    expect(main.code).not.toBe(0)
    expect(JSON.parse(main.state['starting-instance-ids'] ?? '[]')).toEqual([A])
    f.setFaults([])
    const before = f.log.length
    const post: ActionRun = await runAction({ inputs, env: f.env(), state: main.state })
    expect(post.code).toBe(0)
    const calls = awsCalls(f).filter(e => f.log.indexOf(e) >= before)
    expectAllAllowed('start-only.json', calls)
    expect(record('post step after a cancelled start', 'start-only.json', calls)).toEqual([
      'ec2:DescribeInstances',
      'ec2:StopInstances'
    ])
    // The nested policies allow it too; mode check never starts, so never stops.
    for (const file of ['start-diagnose.json', 'fix-apply.json'] as const) expectAllAllowed(file, calls)
    expect(allows(policies['check.json'], 'ec2:StopInstances')).toBe(false)
  })

  it('tightness: every action a policy grants was called by some run, or is listed here with its reason', () => {
    expect([...observed.keys()].sort()).toEqual([...EXPECTED_MODES].sort())
    const called = new Set([...observed.values()].flatMap(o => o.actions))
    for (const file of POLICY_FILES) {
      const granted = statements(policies[file])
        .filter(s => s.Effect === 'Allow')
        .flatMap(s => list(s.Action))
      const stale = granted.filter(a => !called.has(a) && !(a in NOT_IN_REQUEST_LOG))
      expect([file, stale]).toEqual([file, []])
    }
    // The allow-list itself stays honest: nothing in it is ever called by the action.
    for (const a of Object.keys(NOT_IN_REQUEST_LOG)) expect(called.has(a)).toBe(false)
  })
})
