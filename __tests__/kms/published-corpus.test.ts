// The published corpus (__tests__/fixtures/published-key-policies): key policies from AWS documentation, AWS samples,
// public Terraform modules and CloudFormation docs, each with its source, expected verdict and reasoning in
// index.json. The evaluator must give each expected verdict, name the denied request and the deciding statement,
// and keep the verdict when the caller is a session whose role path is unknown (the live case). A missing folder
// fails the run, never skips it.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { REQUESTS_PER_VOLUME } from '../../src/kms/access.js'
import type { KeyVerdict } from '../../src/kms/types.js'
import {
  FOLDER,
  index,
  judgeEntry,
  policyText,
  ROLE_CALLER,
  SESSION_CALLER,
  type CorpusEntry,
  type CorpusExpectation
} from './published-corpus.js'

/** What the verdict says, with the deciding statement shown as 'as expected' when it is one of the expected Sids. */
function observed(verdict: KeyVerdict, expected: CorpusExpectation) {
  const sid = verdict.deciding === undefined ? 'none' : (verdict.deciding.sid ?? null)
  return {
    verdict: verdict.verdict,
    deciding: sid !== 'none' && expected.decidingSids.includes(sid) ? 'as expected' : sid,
    deniedRequest: verdict.deniedRequest,
    finding: verdict.finding,
    amended: verdict.amendedDeny !== undefined
  }
}

function wanted(expected: CorpusExpectation, finding = expected.finding) {
  return {
    verdict: expected.verdict,
    deciding: expected.decidingSids.length === 0 ? 'none' : 'as expected',
    deniedRequest: expected.deniedRequest,
    finding,
    amended: expected.amended === true
  }
}

describe('published key-policy corpus (__tests__/fixtures/published-key-policies)', () => {
  it('holds at least 40 policies, each with a source, a verdict and its reasoning', () => {
    expect(index.policies.length).toBeGreaterThanOrEqual(40)
    for (const p of index.policies) {
      expect(p.source.length).toBeGreaterThan(10)
      expect(p.reasoning.length).toBeGreaterThan(20)
      expect(readFileSync(new URL(p.file, FOLDER), 'utf8').length).toBeGreaterThan(20)
    }
    expect(new Set(index.policies.map(p => p.id)).size).toBe(index.policies.length)
  })

  it("covers the issue's four categories and the plain cases", () => {
    const categories = new Set(index.policies.map(p => p.category))
    for (const c of [
      'deny-catches-ec2-decrypt',
      'grant-condition-never-matches',
      'principal-arn',
      'undecidable',
      'plain-allow',
      'plain-delegation',
      'admin-only',
      'viaservice-other-service',
      'cross-account'
    ])
      expect(categories).toContain(c)
  })

  it(`weighs ${REQUESTS_PER_VOLUME} requests per volume`, () => {
    const verdict = judgeEntry(index.policies[0] as CorpusEntry, ROLE_CALLER)
    expect(verdict.requests?.map(r => [r.request, r.needs])).toEqual([
      ['CreateGrant', 'allow-and-no-deny'],
      ['Decrypt', 'no-deny']
    ])
  })

  describe('with the role ARN known (as key-policy-files gives it)', () => {
    it.each(index.policies.map(p => [p.id, p] as const))('%s', (_id, entry) => {
      expect(observed(judgeEntry(entry, ROLE_CALLER), entry.expected)).toEqual(wanted(entry.expected))
    })
  })

  describe('with a session caller whose role path is unknown (as the live path sees it)', () => {
    it.each(index.policies.map(p => [p.id, p] as const))('%s', (_id, entry) => {
      const verdict = judgeEntry(entry, SESSION_CALLER)
      expect(observed(verdict, entry.expected)).toEqual(
        wanted(entry.expected, entry.live?.finding ?? entry.expected.finding)
      )
      if (verdict.finding === 'ROLE_PATH_ASSUMED') expect(verdict.reason).toContain('on path "/"')
    })
  })

  it("the amended Deny it advises lets EC2's Decrypt through, and changes nothing else", () => {
    const denied = index.policies.filter(p => p.expected.deniedRequest === 'Decrypt')
    expect(denied.length).toBeGreaterThanOrEqual(2)
    for (const entry of denied) {
      const verdict = judgeEntry(entry, ROLE_CALLER)
      const amended = verdict.amendedDeny
      expect(amended).toBeDefined()
      const policy = JSON.parse(policyText(entry)) as { Statement: object[] }
      const statements = policy.Statement.map((s, i) => (i === amended?.deciding.index ? amended.after : s))
      // Only the deciding statement changes, and only by the exemption.
      expect(statements.filter((s, i) => s !== policy.Statement[i])).toHaveLength(1)
      expect(amended?.before).toEqual(policy.Statement[amended?.deciding.index ?? -1])
      const after = judgeEntry(
        { ...entry },
        ROLE_CALLER,
        JSON.stringify({ ...policy, Statement: statements })
      )
      expect(after.requests?.find(r => r.request === 'Decrypt')?.outcome).toBe('notDenied')
    }
  })

  it('scores every policy', () => {
    const agree = index.policies.filter(p => {
      const got = judgeEntry(p, ROLE_CALLER)
      return got.verdict === p.expected.verdict
    })
    console.log(`published corpus: ${agree.length} of ${index.policies.length} verdicts agree with the docs`)
    expect(agree.length).toBe(index.policies.length)
  })
})
