// upsertComment (src/github/comment.ts) against the fake GitHub REST endpoints, without the bundle: the marker is
// searched on every page, only at the start of a body, and every failure comes back as a warning.
import { afterEach, describe, expect, it } from '@jest/globals'
import { upsertComment } from '../../src/github/comment.js'
import { startFakeGithub } from '../../test/e2e/fake-github.mjs'

const TARGET = { owner: 'octo-org', repo: 'octo-repo', number: 7 }
const THREAD = 'octo-org/octo-repo#7'
const MARKER = '<!-- ec2-start-guard:pr-comment:0123456789abcdef -->'

let github: Awaited<ReturnType<typeof startFakeGithub>> | undefined
afterEach(async () => {
  await github?.close()
  github = undefined
})

async function fake(
  comments: Array<{ body: string }> = [],
  options: { deny?: boolean; failWith?: number } = {}
) {
  github = await startFakeGithub({ comments: { [THREAD]: comments }, ...options })
  return github
}

describe('upsertComment', () => {
  it('finds its comment on the third page and edits it', async () => {
    const others = Array.from({ length: 250 }, (_, n) => ({ body: `comment ${n}` }))
    const g = await fake([...others.slice(0, 220), { body: `${MARKER}\nold` }, ...others.slice(220)])
    const outcome = await upsertComment('t0ken', TARGET, MARKER, `${MARKER}\nnew`, { GITHUB_API_URL: g.url })
    expect(outcome).toMatchObject({ action: 'updated', id: g.comments(THREAD)[220].id })
    expect(g.log.filter(e => e.method === 'GET').map(e => e.query.page ?? '1')).toEqual(['1', '2', '3'])
    expect(g.comments(THREAD)[220].body).toBe(`${MARKER}\nnew`)
    expect(g.comments(THREAD)).toHaveLength(251)
  })

  it('stops reading pages once it has found the comment', async () => {
    const g = await fake([{ body: `${MARKER}\nold` }, ...Array.from({ length: 300 }, () => ({ body: 'x' }))])
    await upsertComment('t0ken', TARGET, MARKER, `${MARKER}\nnew`, { GITHUB_API_URL: g.url })
    expect(g.log.filter(e => e.method === 'GET')).toHaveLength(1)
  })

  it('ignores a comment that only quotes the marker later in its body, and creates its own', async () => {
    const g = await fake([{ body: `> as the bot said:\n${MARKER}` }])
    const outcome = await upsertComment('t0ken', TARGET, MARKER, `${MARKER}\nnew`, { GITHUB_API_URL: g.url })
    expect(outcome.action).toBe('created')
    expect(g.comments(THREAD)).toHaveLength(2)
    expect(g.comments(THREAD)[0].body).toBe(`> as the bot said:\n${MARKER}`)
  })

  it.each([403, 404])('a %i is a warning naming pull-requests: write', async status => {
    const g = await fake([], status === 403 ? { deny: true } : { failWith: 404 })
    const outcome = await upsertComment('t0ken', TARGET, MARKER, MARKER, { GITHUB_API_URL: g.url })
    expect(outcome.action).toBe('failed')
    expect(outcome.action === 'failed' && outcome.warning).toMatch(
      new RegExp(
        `GitHub answered ${status} .*permissions: pull-requests: write.*The gate itself is not affected`
      )
    )
  })

  it('another failure is a warning with its status, not a thrown error', async () => {
    const g = await fake([], { failWith: 502 })
    const outcome = await upsertComment('t0ken', TARGET, MARKER, MARKER, { GITHUB_API_URL: g.url })
    expect(outcome.action === 'failed' && outcome.warning).toMatch(/failed with 502 \(fake failure 502\)/)
  })

  it('an API that cannot be reached is a warning too', async () => {
    const g = await fake()
    const url = g.url
    await g.close()
    github = undefined
    const outcome = await upsertComment('t0ken', TARGET, MARKER, MARKER, { GITHUB_API_URL: url })
    expect(outcome.action).toBe('failed')
    expect(outcome.action === 'failed' && outcome.warning).toMatch(/^comment-on-pr: listing the comments/)
  })
})
