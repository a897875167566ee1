// comment-on-pr through the bundled action, against a fake of the GitHub REST endpoints on 127.0.0.1
// (GITHUB_API_URL): the first run creates one comment, the next updates that comment in place (found by its hidden
// marker, on the second page of the pull request's comments), a run with no findings says so, a 403 is a warning
// that names the permission, and the gate's verdict never changes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFake, type Fake } from './fake/server.mjs'
import { startFakeGithub } from './fake-github.mjs'
import { runAction, type ActionRun, PR_REPO, envWithoutCredentials } from './harness.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'
const THREAD = 'octo-org/octo-repo#7'
const TOKEN = 'ghs_FakeToken0123456789abcdefABCDEF'
const MARKER = /^<!-- ec2-start-guard:pr-comment:[0-9a-f]{16} -->\n/

/** A pull request that adds a key policy with hostile text: a Sid with HTML and a team mention, a file name too. */
function hostileRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'esg-pr-repo-'))
  cpSync(PR_REPO, dir, { recursive: true })
  writeFileSync(
    join(dir, 'policies', '<img src=x onerror=alert(1)>@octo-org.json'),
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Deny <script>alert(1)</script> @octo-org/admins',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'kms:CreateGrant',
            Resource: '*'
          },
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'kms:*',
            Resource: '*'
          }
        ]
      },
      null,
      2
    )
  )
  return dir
}

let aws: Fake
let github: Awaited<ReturnType<typeof startFakeGithub>>
const eventDir = mkdtempSync(join(tmpdir(), 'esg-event-'))
const eventPath = join(eventDir, 'event.json')
writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }))

function gate(
  files: string,
  options: { workspaceFrom?: string; env?: Record<string, string>; comment?: boolean } = {}
) {
  const env = envWithoutCredentials(aws)
  return runAction({
    workspaceFrom: options.workspaceFrom ?? PR_REPO,
    env: {
      ...env,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW: 'KMS gate',
      GITHUB_JOB: 'kms-gate',
      ...options.env
    },
    inputs: {
      'key-policy-files': files,
      'principal-arn': ROLE,
      region: 'us-east-1',
      ...(options.comment === false ? {} : { 'comment-on-pr': 'true', 'github-token': TOKEN })
    }
  })
}

const requests = (method: string) => github.log.filter(e => e.method === method)

beforeAll(async () => {
  aws = await startFake({})
  // 150 comments already there: the marker search must read the second page.
  github = await startFakeGithub({
    comments: { [THREAD]: Array.from({ length: 150 }, (_, n) => ({ body: `review comment ${n}` })) }
  })
})

afterAll(async () => {
  await github.close()
  await aws.close()
})

describe('comment-on-pr', () => {
  let first: ActionRun
  let second: ActionRun
  let clean: ActionRun
  let without: ActionRun

  beforeAll(async () => {
    without = await gate('terraform-src/*.tf', { comment: false })
    first = await gate('terraform-src/*.tf')
  })

  it('makes no request to GitHub when comment-on-pr is off', () => {
    // `without` ran first, before any comment existed: the fake saw nothing from it.
    expect(github.comments(THREAD)).toHaveLength(151)
    expect(without.stdout).not.toMatch(/comment-on-pr/)
  })

  it('first run: lists every page, then creates one comment with the verdict table', () => {
    const gets = requests('GET')
    expect(gets.map(g => g.query.page ?? '1')).toEqual(['1', '2'])
    expect(gets.every(g => g.path === '/repos/octo-org/octo-repo/issues/7/comments')).toBe(true)
    expect(requests('POST')).toHaveLength(1)
    expect(requests('PATCH')).toHaveLength(0)
    const comments = github.comments(THREAD)
    expect(comments).toHaveLength(151)
    const ours = comments[150]
    expect(ours.body).toMatch(MARKER)
    expect(ours.body).toContain('### ec2-start-guard')
    expect(ours.body).toContain('❌')
    expect(ours.body).toContain('<code>terraform-src/document.tf:49</code>')
    expect(ours.body).toMatch(/TROUBLESHOOTING\.md#deny-explicit"><code>DENY_EXPLICIT<\/code>/)
    expect(ours.body).toContain('https://github.com/octo-org/octo-repo/actions/runs/4242')
    expect(first.stdout).toMatch(new RegExp(`comment-on-pr: created comment ${ours.id} on pull request #7`))
  })

  it('sends the token only as the Authorization header, and never prints it', () => {
    expect(github.log.every(e => e.authorization === `token ${TOKEN}`)).toBe(true)
    const printed = `${first.stdout}\n${first.stderr}`.split('\n').filter(l => !l.startsWith('::add-mask::'))
    expect(printed.join('\n')).not.toContain(TOKEN)
    expect(first.stdout).toContain(`::add-mask::${TOKEN}`)
  })

  it('leaves the verdict of the gate as it is without a comment', () => {
    expect(first.code).toBe(without.code)
    expect(first.code).not.toBe(0)
    const gateErrors = (run: ActionRun) =>
      run.annotations.filter(a => a.level === 'error').map(a => a.message)
    expect(gateErrors(first)).toEqual(gateErrors(without))
  })

  it('second run: updates the same comment in place, no second comment', async () => {
    const posts = requests('POST').length
    second = await gate('terraform-src/*.tf\npolicies/raw-good.json')
    expect(requests('POST')).toHaveLength(posts)
    const patches = requests('PATCH')
    expect(patches).toHaveLength(1)
    const ours = github.comments(THREAD)[150]
    expect(patches[0].path).toBe(`/repos/octo-org/octo-repo/issues/comments/${ours.id}`)
    expect(github.comments(THREAD)).toHaveLength(151)
    expect(second.stdout).toMatch(new RegExp(`comment-on-pr: updated comment ${ours.id}`))
    expect(ours.body).toMatch(MARKER)
  })

  it('a run with no findings updates the comment to say so', async () => {
    clean = await gate('policies/raw-good.json')
    expect(clean.code).toBe(0)
    const ours = github.comments(THREAD)[150]
    expect(github.comments(THREAD)).toHaveLength(151)
    expect(ours.body).toContain('✅')
    expect(ours.body).toContain('No findings')
    expect(ours.body).not.toContain('DENY_EXPLICIT')
  })

  it('escapes what comes from the repository: no HTML, no mention', async () => {
    const run = await gate('policies/*.json', { workspaceFrom: hostileRepo() })
    expect(run.code).not.toBe(0)
    const body = github.comments(THREAD)[150].body
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(body).not.toMatch(/<img|<script/)
    expect(body).not.toMatch(/@octo-org/)
    expect(body).toContain('@\u2060octo-org')
    expect(github.comments(THREAD)).toHaveLength(151)
  })

  it('a different job of the workflow keeps a comment of its own', async () => {
    await gate('policies/raw-good.json', { env: { GITHUB_JOB: 'live-check' } })
    const comments = github.comments(THREAD)
    expect(comments).toHaveLength(152)
    expect(comments[151].body.split('\n')[0]).not.toBe(comments[150].body.split('\n')[0])
  })

  it('is not attempted on an event that is not a pull request', async () => {
    const before = github.log.length
    const run = await gate('policies/raw-good.json', { env: { GITHUB_EVENT_NAME: 'push' } })
    expect(github.log.length).toBe(before)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/comment-on-pr: no comment, since the event is "push"/)
  })
})

describe('comment-on-pr without pull-requests: write', () => {
  it('a 403 is a warning that names the permission; a failing gate still fails, a passing one passes', async () => {
    github.state.deny = true
    try {
      const failing = await gate('terraform-src/*.tf')
      const failingWithout = await gate('terraform-src/*.tf', { comment: false })
      const passing = await gate('policies/raw-good.json')
      for (const run of [failing, passing]) {
        const warning = run.annotations.find(a => a.level === 'warning' && /comment-on-pr/.test(a.message))
        expect(warning?.message).toMatch(/GitHub answered 403 \(Resource not accessible by integration\)/)
        expect(warning?.message).toContain('permissions: pull-requests: write')
        expect(`${run.stdout}${run.stderr}`.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN)
      }
      expect(failing.code).toBe(failingWithout.code)
      expect(failing.code).not.toBe(0)
      expect(passing.code).toBe(0)
    } finally {
      github.state.deny = false
    }
  })
})
