// Differential test of BOTH requests of a start (how-ec2-uses-kms.md 1.1) against @cloud-copilot/iam-simulate
// (AGPL-3.0-or-later, dev-only, never bundled), over the reference fixtures and the published corpus:
// 1. the caller's kms:CreateGrant through EC2, with every documented value of its context (how-ec2-uses-kms.md 1.3);
//    compared: the key-policy outcome (explicit deny / allowed directly / allowed through an account principal /
//    none);
// 2. EC2's own kms:Decrypt as the instance's identity-only role session, once per documented form of its
//    aws:PrincipalArn; compared: whether a key-policy Deny matches (the grant allows it, only a Deny can stop it).
// The oracle has no notion of an unknown value: where our evaluator says 'unknown' by design (a value that is not
// documented, or not looked up), that is a pinned difference with its reason. Every other difference fails.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import {
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
  type SingleResourceSimulationResult
} from '@cloud-copilot/iam-simulate'
import { evaluatePolicy } from '../../src/kms/evaluate.js'
import { parseKeyPolicy } from '../../src/kms/policy.js'
import { buildEc2DecryptRequests, buildEc2GrantRequest } from '../../src/kms/requests.js'
import type { Caller, KeyFacts, RequestContext } from '../../src/kms/types.js'
import { oracleUnsafe, oracleValidated, ourOutcome, type OracleRequest } from './differential-oracle.js'
import { index as corpus, keyFor } from './published-corpus.js'

const ACCOUNT = '111122223333'
const REGION = 'us-east-1'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-start-role/gha-run-4242`
const VOLUME = 'vol-0a1b2c3d4e5f60718'
const INSTANCE = 'i-0a1b2c3d4e5f60718'
/** An AWS address (the one the fake's EC2 uses): what EC2's requests come from, never a customer's range. */
const EC2_SOURCE_IP = '52.94.133.131'
const EC2_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws:ec2-infrastructure`
const EC2_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/${INSTANCE}`
const EBS_ID = 'kms:EncryptionContext:aws:ebs:id'

interface Case {
  name: string
  policy: object
  key: KeyFacts
}

function referenceCases(): Case[] {
  const folder = new URL('../fixtures/reference-key-policies/', import.meta.url)
  const index = JSON.parse(readFileSync(new URL('index.json', folder), 'utf8')) as {
    fixtures: { id: string; file: string; scenario: { keyArn: string } }[]
  }
  return index.fixtures.map(f => {
    const arn = f.scenario.keyArn
    return {
      name: `reference ${f.id}`,
      policy: JSON.parse(readFileSync(new URL(f.file, folder), 'utf8')) as object,
      key: {
        arn,
        keyId: arn.split('/').pop() ?? '',
        accountId: arn.split(':')[4] ?? ACCOUNT,
        region: REGION,
        keyManager: 'CUSTOMER',
        keyState: 'Enabled',
        aliases: []
      }
    }
  })
}

function corpusCases(): Case[] {
  const folder = new URL('../fixtures/published-key-policies/', import.meta.url)
  return corpus.policies.map(p => ({
    name: `published ${p.id}`,
    policy: JSON.parse(readFileSync(new URL(p.file, folder), 'utf8')) as object,
    key: keyFor(p)
  }))
}

const CASES = [...referenceCases(), ...corpusCases()]
const CALLER: Caller = { principalArn: ROLE, sessionArn: SESSION, accountId: ACCOUNT }

// ---------------------------------------------------------------------------------------------------------------
// Request 1: CreateGrant.

function grantRequests(c: Case): { ours: RequestContext; oracle: OracleRequest } {
  const ours = buildEc2GrantRequest(CALLER, c.key.arn, REGION, VOLUME, INSTANCE, {
    key: c.key,
    now: new Date('2026-06-01T00:00:00Z')
  })
  const oracle: OracleRequest = {
    principal: SESSION,
    action: 'kms:CreateGrant',
    resource: c.key.arn,
    resourceAccount: c.key.accountId,
    // Every value of our request model that is known, as the oracle types it.
    context: {
      'kms:ViaService': `ec2.${REGION}.amazonaws.com`,
      'kms:GrantIsForAWSResource': 'true',
      'kms:CallerAccount': ACCOUNT,
      'kms:GrantOperations': ['Decrypt'],
      'kms:GrantConstraintType': 'EncryptionContextSubset',
      'kms:GranteePrincipal': EC2_SESSION,
      'kms:RetiringPrincipal': `ec2.${REGION}.amazonaws.com`,
      'kms:EncryptionContextKeys': ['aws:ebs:id'],
      [EBS_ID]: VOLUME,
      'aws:PrincipalArn': ROLE,
      'aws:PrincipalAccount': ACCOUNT,
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalIsAWSService': 'false',
      'aws:ViaAWSService': 'true',
      'aws:SourceIp': EC2_SOURCE_IP,
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': REGION
    }
  }
  return { ours, oracle }
}

/** The oracle's key-policy outcome for CreateGrant (two-run reading of the engine that keeps every context key). */
async function oracleGrant(policy: object, request: OracleRequest): Promise<string> {
  const validated = await oracleValidated(policy, request)
  // A policy the oracle refuses to load is one our parser refuses too (KMS would refuse it in PutKeyPolicy).
  if (validated.outcome === 'oracleError' && validated.detail?.includes('resourcePolicyErrors'))
    return 'parseError'
  if (validated.outcome === 'oracleError') return `oracleError: ${validated.detail}`
  // It must have used every key we gave it but the encryption context one, which only the other engine keeps.
  if (JSON.stringify(validated.ignored) !== JSON.stringify([EBS_ID]))
    return `oracle ignored ${JSON.stringify(validated.ignored)}`
  if (request.principal.split(':')[4] !== request.resourceAccount) return validated.outcome
  const unsafe = oracleUnsafe(policy, request)
  return unsafe.outcome === 'oracleError' ? `oracleError: ${unsafe.detail}` : unsafe.outcome
}

// ---------------------------------------------------------------------------------------------------------------
// Request 2: EC2's own Decrypt, per documented form of aws:PrincipalArn.

type DenyMatch = 'denied' | 'notDenied' | 'unknown'

function ourDecryptDeny(policy: object, request: RequestContext): DenyMatch | 'parseError' {
  const parsed = parseKeyPolicy(policy)
  if (!parsed.ok) return 'parseError'
  const denies = evaluatePolicy(parsed.policy, request).statements.filter(s => s.ref.effect === 'Deny')
  if (denies.some(s => s.match === true)) return 'denied'
  return denies.some(s => s.match === 'unknown') ? 'unknown' : 'notDenied'
}

function decryptOracleContext(principalArn: string): Record<string, string | string[]> {
  return {
    'aws:PrincipalArn': principalArn,
    'aws:PrincipalAccount': ACCOUNT,
    'kms:CallerAccount': ACCOUNT,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SourceIp': EC2_SOURCE_IP,
    'aws:SecureTransport': 'true',
    'kms:EncryptionContextKeys': ['aws:ebs:id'],
    [EBS_ID]: VOLUME
  }
}

/** Whether a key-policy Deny matches EC2's Decrypt, in the oracle (the engine that keeps every context key). */
function oracleDecryptDeny(policy: object, key: KeyFacts, principalArn: string): DenyMatch | string {
  const simulation: Simulation = {
    request: {
      principal: EC2_SESSION,
      action: 'kms:Decrypt',
      resource: { resource: key.arn, accountId: key.accountId },
      contextVariables: decryptOracleContext(principalArn)
    },
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: {
      __validated: true,
      policyDocument: policy,
      metadata: { name: 'key-policy' },
      errors: []
    }
  } as unknown as Simulation
  try {
    return runUnsafeSimulation(simulation, { simulationMode: 'Strict' }) === 'ExplicitlyDenied'
      ? 'denied'
      : 'notDenied'
  } catch (e) {
    return `oracleError: ${String(e)}`
  }
}

/**
 * The validated engine's view of the Decrypt request: whether it refuses the policy, and which context keys it
 * ignores (it must use all but the encryption context one, which only the other engine keeps).
 */
async function oracleChecksDecrypt(
  policy: object,
  key: KeyFacts
): Promise<{ refused: boolean; ignored: string[] }> {
  const response = await runSimulation(
    {
      request: {
        principal: EC2_SESSION,
        action: 'kms:Decrypt',
        resource: { resource: key.arn, accountId: key.accountId },
        contextVariables: decryptOracleContext(EC2_ROLE)
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy
    },
    { simulationMode: 'Strict' }
  )
  if (response.resultType === 'error') {
    const text = JSON.stringify(response.errors)
    return text.includes('resourcePolicyErrors')
      ? { refused: true, ignored: [EBS_ID] }
      : { refused: false, ignored: [`error ${text}`] }
  }
  return {
    refused: false,
    ignored: (response as SingleResourceSimulationResult).result.ignoredContextKeys ?? []
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pinned differences: where the oracle and we differ by design. Each says why ours is right (or why neither is
// decidable); a new difference, or a pinned one that goes away, fails the test.

/**
 * EnforceIdentityPerimeter denies unless aws:PrincipalOrgID is the organization (StringNotEqualsIfExists). The
 * caller's (and EC2's role's) organization is not looked up, so ours is unknown by design (how-ec2-uses-kms.md 1.1).
 * The oracle, not given the key, takes it as absent, where IfExists makes the condition true: it denies as if the
 * account were in no organization. In AWS it is denied or not depending on the account's organization.
 */
const ORG_UNKNOWN =
  'aws:PrincipalOrgID is not looked up: ours unknown by design, the oracle takes it as absent (IfExists: denied).'

/** CreateGrant outcomes that differ: case -> { ours, oracle, why }. */
const GRANT_DIFFERS: Record<string, { ours: string; oracle: string; why: string }> = {
  'reference 09-notprincipal-deny': {
    ours: 'explicitDeny',
    oracle: 'allowDirect',
    why:
      'Deny with NotPrincipal [KMSAdminRole, account root]: the oracle lets a listed account except every principal ' +
      'of it; AWS evaluates each identity of the caller (account, role, session) and denies unless all are listed ' +
      '[NOTPRIN, how-ec2-uses-kms.md 4.1].'
  },
  'published p28-dp-kms-key-policy-as-published': {
    ours: 'unknown',
    oracle: 'explicitDeny',
    why: ORG_UNKNOWN + ' The verdict is DENY_IMPLICIT either way: nothing allows the CreateGrant.'
  },
  'published p29-dp-kms-key-policy-with-root': {
    ours: 'unknown',
    oracle: 'explicitDeny',
    why: ORG_UNKNOWN + ' The verdict is CANNOT_EVALUATE, never an all-clear.'
  }
}

/** Decrypt Deny matches that differ, per form: `${case} / ${form}` -> { ours, oracle, why }. */
const NOTPRINCIPAL =
  'Deny with NotPrincipal [KMSAdminRole, account root]: EC2\u2019s session is of the listed account but neither the ' +
  'role nor the session is listed, so AWS denies it [NOTPRIN, how-ec2-uses-kms.md 4.1]; the oracle lets a listed ' +
  'account except every principal of it.'
const DECRYPT_DIFFERS: Record<string, { ours: string; oracle: string; why: string }> = {
  'reference 09-notprincipal-deny / role': { ours: 'denied', oracle: 'notDenied', why: NOTPRINCIPAL },
  'reference 09-notprincipal-deny / role-with-instance-id': {
    ours: 'denied',
    oracle: 'notDenied',
    why: NOTPRINCIPAL
  },
  'published p28-dp-kms-key-policy-as-published / role': {
    ours: 'unknown',
    oracle: 'denied',
    why: ORG_UNKNOWN
  },
  'published p28-dp-kms-key-policy-as-published / role-with-instance-id': {
    ours: 'unknown',
    oracle: 'denied',
    why: ORG_UNKNOWN
  },
  'published p29-dp-kms-key-policy-with-root / role': { ours: 'unknown', oracle: 'denied', why: ORG_UNKNOWN },
  'published p29-dp-kms-key-policy-with-root / role-with-instance-id': {
    ours: 'unknown',
    oracle: 'denied',
    why: ORG_UNKNOWN
  },
  'published p30-dp-network-perimeter-with-root / role-with-instance-id': {
    ours: 'unknown',
    oracle: 'notDenied',
    why:
      'In the role-plus-instance-ID form the ec2-infrastructure exemption does not match, and the statement then ' +
      'rests on StringEquals aws:PrincipalTag/data-perimeter-include: the tags of EC2\u2019s identity-only role are ' +
      'not documented, so ours is unknown; the oracle takes the tag as absent (no match, not denied).'
  }
}

describe('differential, both requests: evaluator vs @cloud-copilot/iam-simulate', () => {
  it(`covers the reference set and the published corpus (${CASES.length} policies)`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12 + 40)
  })

  const results: string[] = []

  it.each(CASES.map(c => [c.name, c] as const))('CreateGrant: %s', async (name, c) => {
    const { ours, oracle } = grantRequests(c)
    const mine = ourOutcome(c.policy, ours)
    const theirs = await oracleGrant(c.policy, oracle)
    const pinned = GRANT_DIFFERS[name]
    if (pinned !== undefined) expect({ mine, theirs }).toEqual({ mine: pinned.ours, theirs: pinned.oracle })
    else expect({ name, theirs }).toEqual({ name, theirs: mine })
    results.push(`${name} CreateGrant ${mine === theirs ? 'agree' : 'pinned'}`)
  })

  it.each(CASES.map(c => [c.name, c] as const))('Decrypt as aws:ec2-infrastructure: %s', async (name, c) => {
    const checked = await oracleChecksDecrypt(c.policy, c.key)
    expect(checked.ignored).toEqual([EBS_ID])
    const forms = buildEc2DecryptRequests(ACCOUNT, 'aws', c.key.arn, VOLUME, INSTANCE, {
      key: c.key,
      now: new Date('2026-06-01T00:00:00Z')
    })
    for (const { form, request } of forms) {
      const mine = ourDecryptDeny(c.policy, request)
      const theirs = checked.refused
        ? 'parseError'
        : oracleDecryptDeny(c.policy, c.key, String(request.context['aws:PrincipalArn']))
      const pinned = DECRYPT_DIFFERS[`${name} / ${form}`]
      if (pinned !== undefined) expect({ mine, theirs }).toEqual({ mine: pinned.ours, theirs: pinned.oracle })
      else expect({ name, form, theirs }).toEqual({ name, form, theirs: mine })
      results.push(`${name} Decrypt/${form} ${mine === theirs ? 'agree' : 'pinned'}`)
    }
  })

  it('reports the score', () => {
    const agree = results.filter(r => r.endsWith('agree')).length
    console.log(
      `differential, both requests: ${agree} of ${results.length} comparisons agree, the rest pinned`
    )
    expect(results.length).toBe(CASES.length * 3)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Generated Denies of EC2's Decrypt: principals, actions and conditions on every value documented for that request.
// Left out, and why: NotPrincipal (the oracle lets a listed account except all of it, see 09 above); keys our
// request declares maybe or unknown (aws:PrincipalOrgID, tags, kms:ViaService): ours is unknown by design; AWS's own
// address ranges (EC2's source address is an undocumented AWS address; ours is never in a customer range).

const DECRYPT_PRINCIPALS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: ACCOUNT },
  { AWS: EC2_ROLE },
  { AWS: EC2_SESSION },
  { AWS: ROLE },
  { AWS: 'arn:aws:iam::444455556666:root' }
]
const DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:*', 'kms:Decrypt*', 'kms:Encrypt', '*', 'kms:ReEncrypt*']
const decryptCondition = fc.oneof(
  fc.record({
    op: fc.constantFrom('NotIpAddress', 'IpAddress', 'NotIpAddressIfExists'),
    key: fc.constant('aws:SourceIp'),
    values: fc.constantFrom(['192.0.2.0/24'], ['203.0.113.0/24', '192.0.2.0/24'], ['10.0.0.0/8'])
  }),
  fc.record({
    op: fc.constantFrom('StringNotEquals', 'StringNotEqualsIfExists', 'StringEquals', 'StringEqualsIfExists'),
    key: fc.constantFrom('aws:SourceVpce', 'aws:SourceVpc'),
    values: fc.constantFrom(['vpce-1a2b3c4d'], ['vpc-12345678'])
  }),
  fc.record({
    op: fc.constantFrom('Bool', 'BoolIfExists'),
    key: fc.constantFrom('aws:ViaAWSService', 'aws:PrincipalIsAWSService', 'aws:SecureTransport'),
    values: fc.constantFrom(['true'], ['false'])
  }),
  fc.record({
    op: fc.constantFrom('ArnNotLike', 'ArnNotLikeIfExists', 'ArnLike', 'ArnNotEquals', 'StringNotLike'),
    key: fc.constant('aws:PrincipalArn'),
    values: fc.constantFrom(
      ['arn:aws:iam::*:role/aws:ec2-infrastructure'],
      [EC2_ROLE, `${EC2_ROLE}/*`],
      [`arn:aws:iam::${ACCOUNT}:role/KMSAdminRole`],
      [`arn:aws:iam::${ACCOUNT}:role/*`]
    )
  }),
  fc.record({
    op: fc.constantFrom('StringEquals', 'StringNotEquals'),
    key: fc.constantFrom('aws:PrincipalAccount', 'kms:CallerAccount'),
    values: fc.constantFrom([ACCOUNT], ['444455556666'])
  }),
  fc.record({
    op: fc.constantFrom('StringEquals', 'StringLike', 'StringNotEquals'),
    key: fc.constant(EBS_ID),
    values: fc.constantFrom([VOLUME], ['vol-*'], ['vol-00000000000000000'])
  })
)
const decryptDeny = fc
  .record({
    principal: fc.constantFrom(...DECRYPT_PRINCIPALS),
    actions: fc.subarray(DECRYPT_ACTIONS, { minLength: 1, maxLength: 2 }),
    conditions: fc.array(decryptCondition, { maxLength: 3 })
  })
  .map(({ principal, actions, conditions }) => {
    const block: Record<string, Record<string, readonly string[]>> = {}
    for (const c of conditions) (block[c.op] ??= {})[c.key] = c.values
    return {
      Effect: 'Deny',
      Principal: principal,
      Action: actions,
      Resource: '*',
      ...(conditions.length > 0 ? { Condition: block } : {})
    }
  })

const DECRYPT_SEED = Number(process.env.DIFF_SEED ?? 20261201)
const DECRYPT_RUNS = Number(process.env.DIFF_RUNS ?? 300)

describe("differential, generated Denies of EC2's own Decrypt", () => {
  it(`agrees on whether ${DECRYPT_RUNS} generated Denies match, in both aws:PrincipalArn forms (seed ${DECRYPT_SEED})`, () => {
    const key = CASES[0]?.key as KeyFacts
    const forms = buildEc2DecryptRequests(ACCOUNT, 'aws', key.arn, VOLUME, INSTANCE, {
      key,
      now: new Date('2026-06-01T00:00:00Z')
    })
    const seen = new Map<string, number>()
    fc.assert(
      fc.property(fc.array(decryptDeny, { minLength: 1, maxLength: 3 }), denies => {
        const policy = {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Root',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
              Action: 'kms:*',
              Resource: '*'
            },
            ...denies
          ]
        }
        for (const { form, request } of forms) {
          const mine = ourDecryptDeny(policy, request)
          const theirs = oracleDecryptDeny(policy, key, String(request.context['aws:PrincipalArn']))
          if (mine !== theirs)
            throw new Error(
              `form ${form}: ours ${mine}, oracle ${theirs}\n${JSON.stringify(policy, null, 1)}`
            )
          seen.set(mine, (seen.get(mine) ?? 0) + 1)
        }
      }),
      { seed: DECRYPT_SEED, numRuns: DECRYPT_RUNS }
    )
    // Both outcomes must occur, or the agreement says little.
    expect([...seen.keys()].sort()).toEqual(['denied', 'notDenied'])
  })
})
