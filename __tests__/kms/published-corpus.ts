// The published key-policy corpus (__tests__/fixtures/published-key-policies) as the tests read it: the index, the
// scenario every policy is judged in, and the key and caller of that scenario.
import { readFileSync } from 'node:fs'
import { analyzeKeyAccess } from '../../src/kms/access.js'
import type { Caller, KeyFacts, KeyVerdict, Verdict } from '../../src/kms/types.js'

export const FOLDER = new URL('../fixtures/published-key-policies/', import.meta.url)

export interface CorpusExpectation {
  verdict: Verdict
  decidingSids: (string | null)[]
  deniedRequest?: 'CreateGrant' | 'Decrypt'
  finding?: string
  amended?: boolean
}
export interface CorpusEntry {
  id: string
  file: string
  title: string
  source: string
  category: string
  fidelity: string
  substitutions: string
  scenario?: { keyAccount?: string }
  expected: CorpusExpectation
  live?: { verdict: Verdict; why: string; finding?: string }
  offline?: { verdict: Verdict; why: string }
  reasoning: string
}
export interface CorpusIndex {
  defaultScenario: {
    callerArn: string
    callerRoleArn: string
    callerAccount: string
    region: string
    keyAccount: string
    volumeId: string
    instanceId: string
  }
  policies: CorpusEntry[]
}

export const index = JSON.parse(readFileSync(new URL('index.json', FOLDER), 'utf8')) as CorpusIndex
export const scenario = index.defaultScenario

export function keyFor(entry: CorpusEntry): KeyFacts {
  const account = entry.scenario?.keyAccount ?? scenario.keyAccount
  const keyId = `0000${entry.id.slice(1, 3)}00-1111-2222-3333-444455556666`
  return {
    arn: `arn:aws:kms:${scenario.region}:${account}:key/${keyId}`,
    keyId,
    accountId: account,
    region: scenario.region,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    aliases: [`alias/${entry.id}`]
  }
}

/** The caller as key-policy-files sees it (principal-arn: the role ARN, path known). */
export const ROLE_CALLER: Caller = { principalArn: scenario.callerRoleArn, accountId: scenario.callerAccount }
/** The caller as the live path sees it: a session, whose role path is not known. */
export const SESSION_CALLER: Caller = {
  principalArn: scenario.callerRoleArn,
  sessionArn: scenario.callerArn,
  accountId: scenario.callerAccount,
  partition: 'aws',
  pathUnknown: true
}

/** The verdict of the corpus entry's policy for the caller, in the corpus scenario. */
export function judgeEntry(entry: CorpusEntry, caller: Caller, policy = policyText(entry)): KeyVerdict {
  return analyzeKeyAccess({
    key: keyFor(entry),
    policy,
    caller,
    region: scenario.region,
    volumeId: scenario.volumeId,
    instanceId: scenario.instanceId,
    now: new Date('2026-06-01T00:00:00Z')
  })
}

/** The policy text of an entry, as the file holds it. */
export function policyText(entry: CorpusEntry): string {
  return readFileSync(new URL(entry.file, FOLDER), 'utf8')
}
