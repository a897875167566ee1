// @ts-check
// The GitHub Actions OIDC token endpoint as @actions/core getIDToken uses it:
// GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=<aud>, `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>`,
// answer {"value": "<jwt>"}. Tokens are unsigned look-alikes; the fake remembers what it issued.
import { randomBytes, randomUUID } from 'node:crypto'

export const OIDC_PATH = '/_oidc/token'
export const ISSUER = 'https://token.actions.githubusercontent.com'

/** @typedef {{ iss: string, aud: string, sub: string, exp: number, iat: number, nbf: number, jti: string, [k: string]: unknown }} Claims */

const b64url = (/** @type {Buffer | string} */ b) => Buffer.from(b).toString('base64url')

export class OidcIssuer {
  /** @param {import('./scenario.mjs').OidcConfig} config */
  constructor(config) {
    this.config = config
    /** The bearer the runner hands to the job (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
    this.bearer = `fake-runtime-${randomBytes(12).toString('hex')}`
    /** @type {Map<string, Claims>} issued token -> claims */
    this.issued = new Map()
  }

  /**
   * Issues a token. Tests may pass `ttlSeconds` (negative for an already expired token) or another `sub`.
   * @param {string} audience
   * @param {{ ttlSeconds?: number, sub?: string }} [opts]
   */
  issue(audience, opts = {}) {
    const now = Math.floor(Date.now() / 1000)
    const sub = opts.sub ?? this.config.subject
    const repo = /^repo:([^:]+)/.exec(sub)?.[1] ?? 'octo-org/octo-repo'
    /** @type {Claims} */
    const claims = {
      jti: randomUUID(),
      sub,
      aud: audience,
      ref: 'refs/heads/main',
      repository: repo,
      repository_owner: repo.split('/')[0],
      event_name: 'push',
      iss: ISSUER,
      nbf: now - 5,
      iat: now,
      exp: now + (opts.ttlSeconds ?? this.config.tokenTtlSeconds)
    }
    const header = { alg: 'RS256', typ: 'JWT', kid: 'fake-oidc-key' }
    const jwt = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(randomBytes(64))}`
    this.issued.set(jwt, claims)
    return jwt
  }

  /**
   * Handles GET /_oidc/token?api-version=2.0&audience=...
   * @param {URL} url
   * @param {string | undefined} authorization
   * @returns {{ status: number, body: string, audience?: string }}
   */
  handle(url, authorization) {
    if (authorization !== `Bearer ${this.bearer}`) {
      return { status: 401, body: JSON.stringify({ message: 'Unauthorized' }) }
    }
    const audience = url.searchParams.get('audience') ?? 'https://github.com/octo-org'
    return { status: 200, body: JSON.stringify({ count: 1, value: this.issue(audience) }), audience }
  }
}
