// Differential test: our key-policy evaluator (src/kms/evaluate.ts) against a general IAM simulator,
// @cloud-copilot/iam-simulate (AGPL-3.0-or-later, dev-only, never imported from src/ nor bundled into dist/).
// The request is EC2's on-behalf kms:CreateGrant (buildEc2GrantRequest on our side, the same facts on the oracle's);
// the compared result is the key-policy outcome: explicit deny, allowed directly (a statement naming the caller or
// "*"), allowed only through an account principal (delegation to IAM; the oracle's KMS mode, "AllowedForAccount"),
// or none of them.
// The policies come from a grammar restricted to what both sides model identically; every exclusion says why.
import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { buildEc2GrantRequest } from '../../src/kms/access.js'
import type { Caller, RequestContext } from '../../src/kms/types.js'
import {
  oracleUnsafe,
  oracleValidated,
  ourOutcome,
  type KeyPolicyOutcome,
  type OracleRequest
} from './differential-oracle.js'

const ACCOUNT = '111122223333'
const OTHER_ACCOUNT = '444455556666'
const REGION = 'us-east-1'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-run-4242`
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`
const FOREIGN_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/ci-start-role`
const ROOT = `arn:aws:iam::${ACCOUNT}:root`
const OTHER_ROOT = `arn:aws:iam::${OTHER_ACCOUNT}:root`
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`
const VOLUME = 'vol-0894f908458cca170'
const INSTANCE = 'i-0abcd1234efgh5678'
const EBS_ID = 'kms:EncryptionContext:aws:ebs:id'
/** A key neither side puts in the request (we do not declare it unknown or maybe): absent on both. */
const ABSENT = 'aws:SourceVpce'

type CallerKind = 'session' | 'role'
type VolumeKind = 'present' | 'absent'

interface Scenario {
  caller: CallerKind
  volume: VolumeKind
  principalArn?: string
  sessionArn?: string
  accountId?: string
  keyArn?: string
  region?: string
}

/** Our request (buildEc2GrantRequest) and the oracle's request for the same facts. */
function requests(s: Scenario): { ours: RequestContext; oracle: OracleRequest } {
  const accountId = s.accountId ?? ACCOUNT
  const roleArn = s.principalArn ?? ROLE
  const sessionArn = s.caller === 'session' ? (s.sessionArn ?? SESSION) : undefined
  const keyArn = s.keyArn ?? KEY
  const region = s.region ?? REGION
  const caller: Caller = { principalArn: roleArn, accountId, sessionArn }
  const volumeId = s.volume === 'present' ? VOLUME : undefined
  const ours = buildEc2GrantRequest(caller, keyArn, region, volumeId, INSTANCE)
  if (s.volume === 'absent') {
    // buildEc2GrantRequest without a volume declares the key present with an unknown value (EC2 always sends it);
    // here the request is made to carry no encryption context at all, which is what the oracle sees.
    ours.unknownKeys = (ours.unknownKeys ?? []).filter(k => k !== EBS_ID)
  }
  const context: Record<string, string | string[]> = {
    'kms:ViaService': `ec2.${region}.amazonaws.com`,
    'kms:GrantIsForAWSResource': 'true',
    'kms:CallerAccount': accountId,
    'kms:GrantOperations': ['Decrypt'],
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': accountId,
    'aws:ViaAWSService': 'true'
  }
  if (volumeId !== undefined) context[EBS_ID] = volumeId
  const oracle: OracleRequest = {
    principal: sessionArn ?? roleArn,
    action: 'kms:CreateGrant',
    resource: keyArn,
    resourceAccount: keyArn.split(':')[4] ?? '',
    context
  }
  return { ours, oracle }
}

/** The oracle's key-policy outcome, checking that it saw the request we meant it to see. */
async function oracleOutcome(
  policy: object,
  s: Scenario,
  request: OracleRequest
): Promise<KeyPolicyOutcome | string> {
  const validated = await oracleValidated(policy, request)
  if (validated.outcome === 'oracleError') return `oracleError: ${validated.detail}`
  // The validated engine drops kms:EncryptionContext:aws:ebs:id (see oracleUnsafe) and must drop nothing else.
  const expectIgnored = s.volume === 'present' ? [EBS_ID] : []
  if (JSON.stringify(validated.ignored) !== JSON.stringify(expectIgnored)) {
    return `oracle ignored context keys ${JSON.stringify(validated.ignored)}`
  }
  const sameAccount = request.principal.split(':')[4] === request.resourceAccount
  if (!sameAccount) {
    if (s.volume === 'present') return 'oracleError: a present volume ID needs a same-account request'
    return validated.outcome
  }
  const unsafe = oracleUnsafe(policy, request)
  if (s.volume === 'absent' && unsafe.outcome !== validated.outcome) {
    // Same request for both engines: a difference means our two-run reading of the unvalidated one is wrong.
    return `oracle engines disagree: validated ${validated.outcome}, unvalidated ${unsafe.outcome}`
  }
  return unsafe.outcome === 'oracleError' ? `oracleError: ${unsafe.detail}` : unsafe.outcome
}

// ---------------------------------------------------------------------------------------------------------------
// The grammar. Left out, and why:
// - NotPrincipal: the oracle lets an account listed in NotPrincipal except every principal of it (fixture 09 below).
// - Other policy variables: they would need both requests to carry every key (ours also has aws:RequestedRegion,
//   aws:SourceIp, kms:GranteePrincipal, ... that the oracle is not given).
// - Keys our request declares unknown or maybe (aws:PrincipalOrgID, tags, ...): ours is 'unknown' by design, the
//   oracle has no such notion in Strict mode; malformed values (Null "yes"): ours is 'unknown' by design.

const VIAS = [
  'ec2.us-east-1.amazonaws.com',
  'ec2.*.amazonaws.com',
  'ec2.eu-west-1.amazonaws.com',
  'rds.us-east-1.amazonaws.com'
]
const ACTIONS = [
  'kms:CreateGrant',
  'kms:creategrant',
  'KMS:CREATEGRANT',
  'kms:Create*',
  'kms:create*',
  'kms:*Grant',
  'kms:Create?rant',
  'kms:*',
  'kms:Decrypt',
  'kms:decrypt',
  'kms:Describe*',
  '*'
]
const RESOURCES: (string | string[])[] = [
  '*',
  KEY,
  [KEY],
  `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`,
  `arn:aws:kms:*:${ACCOUNT}:key/*`,
  `arn:aws:kms:${REGION}:${ACCOUNT}:KEY/*`, // the resource part is case-sensitive: no match
  OTHER_KEY,
  [OTHER_KEY, KEY]
]

/**
 * Principals of an Allow. Account principals are included: the oracle has a KMS key-policy mode
 * (KmsServiceAuthorizer: an account principal is "AllowedForAccount", delegation, never a direct allow; a key
 * policy does not implicitly trust its account), which is our allowViaAccount.
 */
function allowPrincipals(caller: CallerKind): unknown[] {
  const common: unknown[] = [
    '*',
    { AWS: '*' },
    { Service: 'ec2.amazonaws.com' },
    { AWS: ROLE, Service: 'ec2.amazonaws.com' },
    { AWS: ROLE },
    { AWS: [ROLE] },
    { AWS: OTHER_ROLE },
    { AWS: [OTHER_ROLE, ROLE] },
    { AWS: FOREIGN_ROLE },
    { AWS: ROOT },
    { AWS: ACCOUNT },
    { AWS: OTHER_ROOT },
    { AWS: [ROOT, OTHER_ROLE] },
    { AWS: [ROOT, ROLE] },
    { AWS: [OTHER_ROOT, OTHER_ROLE] }
  ]
  // The session ARN is a principal only when the caller is that session. With a role caller (no session known) our
  // evaluator says a session of the caller's role is 'unknown' (it may be this one); the oracle says no match.
  return caller === 'session' ? [...common, { AWS: SESSION }, { AWS: [OTHER_ROLE, SESSION] }] : common
}

/**
 * Principals of a Deny: the same as an Allow's. A Deny naming an account covers every IAM principal of it, on
 * both sides (it was a disagreement, fixed in src/kms/statement.ts; see FIXED_DISAGREEMENTS).
 */
function denyPrincipals(caller: CallerKind): unknown[] {
  return allowPrincipals(caller)
}

interface GeneratedCondition {
  operator: string
  key: string
  values: (string | boolean)[]
  asArray: boolean
}

const subset = <T>(items: T[]) => fc.subarray(items, { minLength: 1, maxLength: Math.min(items.length, 3) })

const conditionArb: fc.Arbitrary<GeneratedCondition> = fc
  .oneof(
    fc.record({
      operator: fc.constantFrom(
        'StringEquals',
        'StringNotEquals',
        'StringLike',
        'StringNotLike',
        'StringEqualsIfExists',
        'StringNotEqualsIfExists',
        'StringLikeIfExists',
        'StringEqualsIgnoreCase',
        'StringNotEqualsIgnoreCase',
        // A set operator on a single-valued key behaves as on a one-element set (how-ec2-uses-kms.md 4.1, fixture 19).
        'ForAnyValue:StringEquals',
        'ForAllValues:StringLike'
      ),
      key: fc.constantFrom('kms:ViaService', 'kms:viaservice', 'KMS:VIASERVICE'),
      values: subset<string | boolean>([
        ...VIAS,
        'EC2.us-east-1.amazonaws.com',
        'ec2.?s-east-1.amazonaws.com'
      ])
    }),
    fc.record({
      operator: fc.constantFrom('Bool', 'BoolIfExists'),
      key: fc.constantFrom('kms:GrantIsForAWSResource', 'aws:ViaAWSService'),
      values: fc.constantFrom<(string | boolean)[]>(['true'], ['false'], [true], [false], ['True'], ['FALSE'])
    }),
    fc.record({
      operator: fc.constantFrom('StringEquals', 'StringNotEquals'),
      key: fc.constantFrom('kms:CallerAccount', 'aws:PrincipalAccount'),
      values: subset<string | boolean>([ACCOUNT, OTHER_ACCOUNT])
    }),
    fc.record({
      operator: fc.constantFrom(
        'ForAnyValue:StringEquals',
        'ForAllValues:StringEquals',
        'ForAnyValue:StringLike',
        'ForAllValues:StringLike'
      ),
      // Only set operators on the multi-valued kms:GrantOperations: with a plain operator the oracle never matches
      // an array ("a set operator is required for a multi-value key"), ours compares each value; AWS documents
      // neither for this key, so that shape stays out.
      key: fc.constant('kms:GrantOperations'),
      values: subset<string | boolean>(['Decrypt', 'Encrypt', 'RetireGrant', 'GenerateDataKey*'])
    }),
    fc.record({
      // IfExists and plain operators on a key the request may lack: the volume ID (present or absent by scenario)
      // and a key absent from every request here.
      operator: fc.constantFrom(
        'StringEquals',
        'StringNotEquals',
        'StringLike',
        'StringEqualsIfExists',
        'StringNotEqualsIfExists',
        'StringLikeIfExists',
        'StringNotLikeIfExists'
      ),
      key: fc.constantFrom(EBS_ID, ABSENT),
      values: subset<string | boolean>([VOLUME, 'vol-*', 'vol-00000000000000000', 'vpce-1a2b3c4d'])
    }),
    fc.record({
      operator: fc.constant('Null'),
      key: fc.constantFrom('kms:ViaService', EBS_ID, ABSENT, 'kms:GrantOperations'),
      values: fc.constantFrom<(string | boolean)[]>(['true'], ['false'], [true], [false])
    }),
    fc.record({
      operator: fc.constantFrom('ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike'),
      key: fc.constant('aws:PrincipalArn'),
      values: subset<string | boolean>([ROLE, `arn:aws:iam::${ACCOUNT}:role/ci-*`, OTHER_ROLE])
    })
  )
  .chain(c => fc.boolean().map(asArray => ({ ...c, asArray: asArray || c.values.length > 1 })))

function conditionBlock(conditions: GeneratedCondition[]): Record<string, Record<string, unknown>> {
  const block: Record<string, Record<string, unknown>> = {}
  for (const c of conditions) {
    block[c.operator] ??= {}
    block[c.operator]![c.key] = c.asArray ? c.values : c.values[0]
  }
  return block
}

/** Mostly from `likely` (what names the caller, its action and key), so that the outcomes are not mostly "neither". */
function biased<T>(likely: T[], all: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...likely), weight: 3 },
    { arbitrary: fc.constantFrom(...all), weight: 2 }
  )
}

const rarely = fc.oneof(
  { arbitrary: fc.constant(false), weight: 4 },
  { arbitrary: fc.constant(true), weight: 1 }
)

function statementArb(caller: CallerKind): fc.Arbitrary<Record<string, unknown>> {
  const namesCaller = (p: unknown) =>
    /"\*"|ci-start-role"|assumed-role|:root"|"\d{12}"/.test(JSON.stringify(p))
  const allows = allowPrincipals(caller)
  const denies = denyPrincipals(caller)
  const actions = fc
    .tuple(
      fc.array(biased(['kms:CreateGrant', 'KMS:CREATEGRANT', 'kms:Create*', 'kms:*', '*'], ACTIONS), {
        minLength: 1,
        maxLength: 2
      }),
      fc.boolean()
    )
    .map(([list, asArray]) => (asArray || list.length > 1 ? list : list[0]))
  return fc
    .oneof(
      {
        arbitrary: fc.record({
          Effect: fc.constant('Allow'),
          Principal: biased(allows.filter(namesCaller), allows)
        }),
        weight: 3
      },
      {
        arbitrary: fc.record({
          Effect: fc.constant('Deny'),
          Principal: biased(denies.filter(namesCaller), denies)
        }),
        weight: 1
      }
    )
    .chain(head =>
      fc
        .record({
          notAction: rarely,
          actions,
          notResource: rarely,
          resources: biased(RESOURCES.slice(0, 4), RESOURCES),
          conditions: fc.array(conditionArb, { maxLength: 2 })
        })
        .map(({ notAction, actions: list, notResource, resources, conditions }) => ({
          ...head,
          [notAction ? 'NotAction' : 'Action']: list,
          [notResource ? 'NotResource' : 'Resource']: resources,
          ...(conditions.length > 0 ? { Condition: conditionBlock(conditions) } : {})
        }))
    )
}

const caseArb = fc
  .record({
    caller: fc.constantFrom<CallerKind>('session', 'role'),
    volume: fc.constantFrom<VolumeKind>('present', 'absent')
  })
  .chain(scenario =>
    fc.array(statementArb(scenario.caller), { minLength: 1, maxLength: 4 }).map(statements => ({
      scenario,
      policy: { Version: '2012-10-17', Statement: statements.map((s, i) => ({ Sid: `S${i}`, ...s })) }
    }))
  )

/** Both outcomes, or a message naming the counterexample (policy, request and outcomes) when they differ. */
async function disagreement(policy: object, scenario: Scenario): Promise<string | undefined> {
  const { ours, oracle } = requests(scenario)
  const mine = ourOutcome(policy, ours)
  const theirs = await oracleOutcome(policy, scenario, oracle)
  if (mine === theirs) return undefined
  return [
    `ours: ${mine}, oracle: ${theirs}`,
    `scenario: ${JSON.stringify(scenario)}`,
    `oracle request: ${JSON.stringify(oracle)}`,
    `policy: ${JSON.stringify(policy, null, 1)}`
  ].join('\n')
}

// Fixed seed so that CI is deterministic; DIFF_SEED / DIFF_RUNS explore further locally.
const SEED = Number(process.env.DIFF_SEED ?? 20260611)
const RUNS = Number(process.env.DIFF_RUNS ?? 300)

describe('differential: evaluatePolicy vs @cloud-copilot/iam-simulate on EC2 CreateGrant', () => {
  it(`agrees on the key-policy outcome of ${RUNS} generated policies (seed ${SEED})`, async () => {
    const seen = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ scenario, policy }) => {
        const problem = await disagreement(policy, scenario)
        if (problem !== undefined) throw new Error(`the evaluators disagree\n${problem}`)
        const { ours } = requests(scenario)
        const outcome = String(ourOutcome(policy, ours))
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1)
      }),
      { seed: SEED, numRuns: RUNS }
    )
    // The grammar must exercise every outcome, or the agreement says little.
    expect([...seen.keys()].sort()).toEqual([
      'allowDirect',
      'allowViaAccount',
      'explicitDeny',
      'implicitDeny'
    ])
  })

  it('agrees on hand-picked edge cases of the grammar', async () => {
    const allow = (extra: Record<string, unknown>) => ({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:CreateGrant', Resource: '*', ...extra }
      ]
    })
    const cases: [Record<string, unknown>, VolumeKind][] = [
      [{}, 'present'],
      [{ Condition: { StringEqualsIfExists: { [EBS_ID]: 'vol-00000000000000000' } } }, 'present'],
      [{ Condition: { StringEqualsIfExists: { [EBS_ID]: 'vol-00000000000000000' } } }, 'absent'],
      [{ Condition: { Null: { [EBS_ID]: 'true' } } }, 'present'],
      [{ Condition: { Null: { [EBS_ID]: 'true' } } }, 'absent'],
      [{ Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Encrypt'] } } }, 'present'],
      [{ Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } }, 'present'],
      [{ Principal: { AWS: ROOT } }, 'present'],
      [{ Principal: { AWS: ACCOUNT } }, 'absent'],
      [
        { Effect: 'Deny', Principal: '*', Condition: { StringNotLike: { 'kms:ViaService': 'ec2.*' } } },
        'present'
      ]
    ]
    for (const [extra, volume] of cases) {
      for (const caller of ['session', 'role'] as const) {
        expect(await disagreement(allow(extra), { caller, volume })).toBeUndefined()
      }
    }
  })

  // Disagreements this test found where OUR evaluator was wrong, now fixed in src/kms: kept as regressions.
  const FIXED_DISAGREEMENTS: [string, object, KeyPolicyOutcome][] = [
    [
      // A Deny naming the caller's account applies to every IAM principal of that account: the account principal
      // is one of the caller's identities (S3 aligned its bucket policies on this in October 2023, "consistent with
      // how similar policies are evaluated across AWS"). statement.ts used to ignore it and report the Allow.
      'a Deny naming the caller account applies to the caller',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:CreateGrant', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: ROOT }, Action: 'kms:CreateGrant', Resource: '*' }
        ]
      },
      'explicitDeny'
    ],
    [
      // Policy variables in a Resource ARN are substituted only in its resource part: "You can't use a variable to
      // replace parts of the ARN before the fifth colon, such as the service or account" (IAM User Guide, policy
      // variables). We used to substitute it there. Variables stay out of the grammar for the reasons above.
      'a variable in the account segment of Resource is not substituted',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: ROLE },
            Action: 'kms:CreateGrant',
            Resource: 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*'
          }
        ]
      },
      'implicitDeny'
    ]
  ]
  it.each(FIXED_DISAGREEMENTS)('agrees again where it once did not: %s', async (_name, policy, expected) => {
    const scenario: Scenario = { caller: 'session', volume: 'present' }
    const { ours, oracle } = requests(scenario)
    expect({ ours: ourOutcome(policy, ours), oracle: await oracleOutcome(policy, scenario, oracle) }).toEqual(
      {
        ours: expected,
        oracle: expected
      }
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------
// The reference fixtures.

interface FixtureScenario {
  callerArn: string
  callerRoleArn: string
  callerAccount: string
  region: string
  keyArn: string
}
interface FixtureEntry {
  id: string
  file: string
  scenario: FixtureScenario
}

const FIXTURES = new URL('../fixtures/reference-key-policies/', import.meta.url)
const index = JSON.parse(readFileSync(new URL('index.json', FIXTURES), 'utf8')) as {
  fixtures: FixtureEntry[]
}

/**
 * Fixtures the oracle models differently by design; the outcome it gives is pinned so a change shows.
 * 09: Deny with NotPrincipal [KMSAdminRole, account root]. The oracle treats listing the caller's account as
 * excepting everyone in it (its principal.ts says this needs research). AWS evaluates each of the caller's identities
 * (account, role, session) against NotPrincipal and denies unless all are listed [NOTPRIN, how-ec2-uses-kms.md 4.1]: the role
 * session is denied, as we say.
 */
const ORACLE_DIFFERS: Record<string, { ours: KeyPolicyOutcome; oracle: string }> = {
  '09-notprincipal-deny': { ours: 'explicitDeny', oracle: 'allowDirect' }
}

describe('differential: the reference key-policy fixtures', () => {
  it.each(index.fixtures.map(f => [f.id, f] as const))('%s', async (id, fixture) => {
    const policy = JSON.parse(readFileSync(new URL(fixture.file, FIXTURES), 'utf8')) as object
    // No fixture conditions on the encryption context, so the request carries none (which the oracle models).
    // 21 (aws:SourceIp): the oracle gets no aws:SourceIp, ours carries an AWS-internal address; IpAddress is false on
    // both, which is what EC2's on-behalf call gives (its source is ec2-frontend-api.amazonaws.com, not an IP).
    const scenario: Scenario = {
      caller: 'session',
      volume: 'absent',
      principalArn: fixture.scenario.callerRoleArn,
      sessionArn: fixture.scenario.callerArn,
      accountId: fixture.scenario.callerAccount,
      keyArn: fixture.scenario.keyArn,
      region: fixture.scenario.region
    }
    const { ours, oracle } = requests(scenario)
    const mine = ourOutcome(policy, ours)
    const theirs = await oracleOutcome(policy, scenario, oracle)
    const known = ORACLE_DIFFERS[id]
    if (known !== undefined) expect({ mine, theirs }).toEqual({ mine: known.ours, theirs: known.oracle })
    else expect({ id, theirs }).toEqual({ id, theirs: mine })
  })
})
