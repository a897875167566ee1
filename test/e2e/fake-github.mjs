// @ts-check
// A small fake of the GitHub REST endpoints that comment-on-pr calls, on 127.0.0.1: list an issue's comments (paged,
// with a Link header as GitHub sends it), create one, update one. Each request is logged with what the action sent;
// `deny` answers 403 as GitHub does for a token without pull-requests: write; `failWith` answers any other status.
import http from 'node:http'

/**
 * @typedef {{ id: number, body: string, user: { login: string, type: string }, html_url: string }} Comment
 * @typedef {{ method: string, path: string, query: Record<string, string>, authorization?: string,
 *   body?: unknown }} GithubLogEntry
 * @typedef {{ comments?: Record<string, Array<{ body: string, login?: string }>>, deny?: boolean,
 *   failWith?: number }} GithubOptions
 */

/** @param {GithubOptions} [options] */
export async function startFakeGithub(options = {}) {
  /** @type {GithubLogEntry[]} */
  const log = []
  /** @type {Map<string, Comment[]>} comments per "owner/repo#number" */
  const threads = new Map()
  let nextId = 1000
  /** @type {{ deny: boolean, failWith?: number }} */
  const state = { deny: options.deny ?? false, failWith: options.failWith }
  for (const [thread, seed] of Object.entries(options.comments ?? {})) {
    threads.set(
      thread,
      seed.map(c => {
        const id = nextId++
        const login = c.login ?? 'octocat'
        return {
          id,
          body: c.body,
          user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
          html_url: `https://github.example/${thread}#issuecomment-${id}`
        }
      })
    )
  }

  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', chunk => (raw += chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      /** @type {unknown} */
      let body
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        body = raw
      }
      log.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        body
      })
      /** @param {number} status @param {unknown} payload @param {Record<string, string>} [headers] */
      const send = (status, payload, headers = {}) => {
        const text = JSON.stringify(payload)
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        res.end(text)
      }
      if (!req.headers.authorization?.startsWith('token '))
        return send(401, { message: 'Requires authentication' })
      if (state.deny)
        return send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
        })
      if (state.failWith) return send(state.failWith, { message: `fake failure ${state.failWith}` })
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
      if (list) {
        const thread = `${list[1]}/${list[2]}#${list[3]}`
        const comments = threads.get(thread) ?? []
        threads.set(thread, comments)
        if (req.method === 'GET') {
          const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
          const page = Number(url.searchParams.get('page') ?? 1)
          const last = Math.max(1, Math.ceil(comments.length / perPage))
          /** @type {Record<string, string>} */
          const headers = {}
          if (page < last) {
            const at = (/** @type {number} */ p) => {
              const next = new URL(url)
              next.host = req.headers.host ?? next.host
              next.searchParams.set('page', String(p))
              return next.toString()
            }
            headers.link = `<${at(page + 1)}>; rel="next", <${at(last)}>; rel="last"`
          }
          return send(200, comments.slice((page - 1) * perPage, page * perPage), headers)
        }
        if (req.method === 'POST') {
          const id = nextId++
          const comment = {
            id,
            body: String(/** @type {{ body?: unknown }} */ (body)?.body ?? ''),
            user: { login: 'github-actions[bot]', type: 'Bot' },
            html_url: `https://github.example/${thread}#issuecomment-${id}`
          }
          comments.push(comment)
          return send(201, comment)
        }
      }
      const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
      if (one && req.method === 'PATCH') {
        for (const comments of threads.values()) {
          const comment = comments.find(c => c.id === Number(one[3]))
          if (comment) {
            comment.body = String(/** @type {{ body?: unknown }} */ (body)?.body ?? '')
            return send(200, comment)
          }
        }
        return send(404, { message: 'Not Found' })
      }
      return send(404, { message: 'Not Found' })
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    log,
    state,
    /** @param {string} thread "owner/repo#number" */
    comments: thread => threads.get(thread) ?? [],
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(() => resolve(undefined)))
    }
  }
}
