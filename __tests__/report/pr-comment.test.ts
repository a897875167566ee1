// The pull-request comment (src/report/pr-comment.ts) and the event it is for (src/github/pull-request.ts).
import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pullRequestOf } from '../../src/github/pull-request.js'
import { buildFindings } from '../../src/report/findings.js'
import type { KeyReport, RunReport } from '../../src/report/model.js'
import { COMMENT_LIMIT, commentMarker, renderPrComment, runUrlOf } from '../../src/report/pr-comment.js'
import { report as baseReport } from './builders.js'

const report = (keys: KeyReport[]): RunReport => baseReport({ mode: 'check', keys, durationMs: 1, polls: 1 })

function key(n: number, reason = 'nothing allows it'): KeyReport {
  return {
    arn: `arn:aws:kms:us-east-1:111122223333:key/0000000${n}`,
    alias: `alias/ci-${n}`,
    manager: 'CUSTOMER',
    state: 'Enabled',
    accountId: '111122223333',
    verdict: { verdict: 'DENY_IMPLICIT', usable: false, reason },
    status: 'misconfigured',
    instances: [`i-0000000${n}`],
    volumes: [`vol-${n}`]
  }
}

const MARKER = commentMarker({ GITHUB_WORKFLOW: 'gate', GITHUB_JOB: 'kms' })

describe('renderPrComment', () => {
  it('starts with the marker and renders one table row per finding, linked to its section', () => {
    const body = renderPrComment(buildFindings(report([key(1), key(2)])), MARKER)
    expect(body.startsWith(`${MARKER}\n`)).toBe(true)
    const html = new MarkdownIt({ html: true }).render(body)
    expect(html.match(/<tr>/g)).toHaveLength(3)
    expect(html).toContain('TROUBLESHOOTING.md#deny-implicit')
  })

  it('escapes HTML, line breaks, mentions and references in what AWS or the repository wrote', () => {
    const body = renderPrComment(
      buildFindings(report([key(1, 'Sid "</td></table>\n\n# Heading @octo-org/admins #12 <img src=x>"')])),
      MARKER
    )
    expect(body).not.toMatch(/<img|<\/table>\n\n#|@octo|#12/)
    expect(body).toContain('&lt;img src=x&gt;')
    const table = body.slice(body.indexOf('<table>'), body.indexOf('</table>'))
    // A blank line would end the HTML block and let the rest render as Markdown.
    expect(table).not.toMatch(/\n\s*\n/)
  })

  it('says so when there is no finding', () => {
    const body = renderPrComment(buildFindings({ ...report([]), instances: [] }), MARKER)
    expect(body).toContain('No findings')
    expect(body).not.toContain('<table>')
  })

  it('stays under GitHub comment limit with a fleet of findings, counting the rest', () => {
    const keys = Array.from({ length: 400 }, (_, n) => key(n, 'x'.repeat(2000)))
    const body = renderPrComment(buildFindings(report(keys)), MARKER)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toMatch(/more finding\(s\) in the job summary|cut at GitHub's size limit/)
  })

  it('has one marker per workflow and job, which no name can break out of', () => {
    expect(commentMarker({ GITHUB_WORKFLOW: 'a', GITHUB_JOB: 'b' })).not.toBe(
      commentMarker({ GITHUB_WORKFLOW: 'a', GITHUB_JOB: 'c' })
    )
    expect(commentMarker({ GITHUB_WORKFLOW: '--> <b>', GITHUB_JOB: 'x' })).toMatch(
      /^<!-- ec2-start-guard:pr-comment:[0-9a-f]{16} -->$/
    )
  })

  it('links the run only from a well-formed server URL and run ID', () => {
    expect(
      runUrlOf({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' })
    ).toBe('https://github.com/o/r/actions/runs/9')
    expect(
      runUrlOf({ GITHUB_SERVER_URL: 'javascript:alert(1)', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' })
    ).toBeUndefined()
  })
})

describe('pullRequestOf', () => {
  const event = (payload: unknown) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'esg-event-')), 'event.json')
    writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload))
    return file
  }
  const env = (over: Record<string, string>) => ({ GITHUB_REPOSITORY: 'octo-org/octo-repo', ...over })

  it.each(['pull_request', 'pull_request_target'])('reads the number of a %s event', async name => {
    const found = await pullRequestOf(
      env({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: event({ pull_request: { number: 12 } }) })
    )
    expect(found).toEqual({ target: { owner: 'octo-org', repo: 'octo-repo', number: 12 } })
  })

  it.each([
    [{ GITHUB_EVENT_NAME: 'push' }, /"push", not pull_request/],
    [{ GITHUB_EVENT_NAME: 'pull_request' }, /GITHUB_EVENT_PATH is not set/],
    [{ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/nonexistent/event.json' }, /could not be read/]
  ])('skips, saying why: %j', async (over, why) => {
    const found = await pullRequestOf(env(over))
    expect('skipped' in found && found.skipped).toMatch(why)
  })

  it.each([{ pull_request: {} }, { pull_request: { number: '7' } }, { number: -1 }, 'not json'])(
    'skips a payload without a pull request number: %j',
    async payload => {
      const found = await pullRequestOf(
        env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event(payload) })
      )
      expect('skipped' in found).toBe(true)
    }
  )
})
