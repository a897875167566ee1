// @ts-check
// The fake AWS endpoint: one HTTP server on 127.0.0.1 answering EC2, KMS, STS and IAM in their real wire
// formats, plus the GitHub OIDC token endpoint. Routing, auth, latency, throttling and the request log live here.
import { createServer } from 'node:http'
import { performance } from 'node:perf_hooks'
import { FakeError, prng, randomAlnum, wildcardMatch } from './common.mjs'
import { EC2_ACTIONS } from './ec2.mjs'
import { advanceAll } from './ec2-state.mjs'
import { IAM_ACTIONS, decodeSimulate } from './iam.mjs'
import { KMS_ACTIONS, kmsResource } from './kms.mjs'
import { OIDC_PATH, OidcIssuer } from './oidc.mjs'
import { normalizeScenario } from './scenario.mjs'
import { STS_ACTIONS, UNSIGNED_ACTIONS } from './sts.mjs'
import { IAM_NS, STS_NS, ec2Error, jsonError, queryError } from './xml.mjs'

export { sampleFleet, fleet, policies } from './scenario.mjs'
export { mayEc2AttachVolume, mayEc2CreateGrant, mayEc2Decrypt } from './grants.mjs'
export { OidcIssuer } from './oidc.mjs'

/** @typedef {'ec2' | 'kms' | 'sts' | 'iam'} Service */
/** @typedef {import('./xml.mjs').Reply} Reply */
/**
 * @typedef {object} RequestLogEntry
 * @property {number} t ms since the fake started (arrival)
 * @property {Service | 'oidc'} service
 * @property {string} action
 * @property {Record<string, unknown>} params
 * @property {string | null} accessKeyId
 * @property {number} status
 * @property {string} [errorCode]
 * @property {boolean} [held] a `hang` fault withheld the reply
 */
/** @typedef {{ rate?: number, seed?: number, firstN?: number, actions?: string[] } | null} ThrottleSpec */
/**
 * A fault for the requests of one action: `hang` performs the request and never answers (until releaseHeld()
 * or close()), as an endpoint that accepted a call and went silent; `error` answers with the given status and
 * code in the service's wire format, without performing it. `after` lets that many matching requests through
 * first; `times` limits how many it hits (default: all).
 * @typedef {{ action: string, kind: 'hang' | 'error', status?: number, code?: string, message?: string,
 *   after?: number, times?: number }} FaultSpec
 */

/** @type {Record<Service, Record<string, (ctx: any) => Reply>>} */
const HANDLERS = { ec2: EC2_ACTIONS, kms: KMS_ACTIONS, sts: STS_ACTIONS, iam: IAM_ACTIONS }
const VERSIONS = { '2016-11-15': 'ec2', '2011-06-15': 'sts', '2010-05-08': 'iam' }

/**
 * @param {any} [scenario]
 * @param {{ afterRequest?: (entry: RequestLogEntry, state: any) => void, latencyMs?: number, enforceLimits?: boolean,
 *   throttle?: ThrottleSpec, faults?: FaultSpec[], oidcIssuer?: OidcIssuer }} [options] `oidcIssuer`: one GitHub token
 *   endpoint shared by several worlds (worlds.mjs)
 */
export async function startFake(scenario = {}, options = {}) {
  const state = normalizeScenario(scenario)
  const oidc = options.oidcIssuer ?? new OidcIssuer(state.oidc)
  const t0 = performance.now()
  /** @type {RequestLogEntry[]} */
  const log = []
  /** @type {string[]} */
  const issuedSecrets = []
  let latencyMs = options.latencyMs ?? 0
  /** @type {{ spec: ThrottleSpec, used: number, rng: () => number }} */
  const throttle = { spec: null, used: 0, rng: Math.random }
  const setThrottle = (/** @type {ThrottleSpec} */ spec) => {
    throttle.spec = spec ?? null
    throttle.used = 0
    throttle.rng = prng(spec?.seed ?? 1)
  }
  setThrottle(options.throttle ?? null)
  const bucket = { tokens: 5, at: performance.now() }
  /** @type {{ spec: FaultSpec, seen: number, hit: number }[]} */
  let faults = []
  const setFaults = (/** @type {FaultSpec[]} */ specs) => {
    faults = (specs ?? []).map(spec => ({ spec, seen: 0, hit: 0 }))
  }
  setFaults(options.faults ?? [])
  /** Replies withheld by `hang` faults: called on release or close. @type {(() => void)[]} */
  let held = []
  const releaseHeld = () => {
    const waiting = held
    held = []
    for (const release of waiting) release()
  }

  /** @param {string} action @returns {FaultSpec | undefined} */
  function faultFor(action) {
    for (const f of faults) {
      if (f.spec.action !== action) continue
      f.seen++
      if (f.seen <= (f.spec.after ?? 0)) continue
      if (f.spec.times !== undefined && f.hit >= f.spec.times) continue
      f.hit++
      return f.spec
    }
    return undefined
  }

  /** @param {string} action */
  function throttled(action) {
    if (options.enforceLimits && action === 'StartInstances') {
      const now = performance.now()
      bucket.tokens = Math.min(5, bucket.tokens + ((now - bucket.at) / 1000) * 2)
      bucket.at = now
      if (bucket.tokens < 1) return true
      bucket.tokens -= 1
    }
    const spec = throttle.spec
    if (!spec || (spec.actions && !spec.actions.includes(action))) return false
    if (spec.firstN !== undefined) return throttle.used++ < spec.firstN
    return throttle.rng() < (spec.rate ?? 0)
  }

  /**
   * @param {Service} service @param {string} action @param {any} params @param {import('node:http').IncomingHttpHeaders} headers
   * @param {string | null} akid
   * @returns {Reply}
   */
  function dispatch(service, action, params, headers, akid) {
    const handler = HANDLERS[service][action]
    if (!handler) return unknownAction(service, action, params.Version)
    const caller = akid ? state.callers[akid] : null
    const unsigned = UNSIGNED_ACTIONS.includes(action)
    if (!unsigned) {
      if (!akid) return authError(service, true)
      if (!caller || (caller.sessionToken && headers['x-amz-security-token'] !== caller.sessionToken)) {
        return authError(service, false)
      }
    }
    if (throttled(action)) return throttleError(service)
    try {
      if (caller && !unsigned && caller.denied.some(d => wildcardMatch(d, `${service}:${action}`, true))) {
        throw accessDenied(service, action, params, caller)
      }
      return handler({ action, params, caller, state, oidc, issuedSecrets })
    } catch (err) {
      if (!(err instanceof FakeError)) throw err
      return renderError(service, err)
    }
  }

  /**
   * @param {Service} service @param {string} action @param {any} params @param {import('./scenario.mjs').Caller} caller
   */
  function accessDenied(service, action, params, caller) {
    const op = `${service}:${action}`
    const because = `because no identity-based policy allows the ${op} action`
    if (service === 'ec2') {
      const id = params['InstanceId.1']
      const on = id ? ` on resource: arn:aws:ec2:${state.region}:${state.accountId}:instance/${id}` : ''
      const encoded = id ? `. Encoded authorization failure message: ${randomAlnum(48)}` : ''
      return new FakeError(
        403,
        'UnauthorizedOperation',
        `You are not authorized to perform this operation. User: ${caller.arn} is not authorized to perform: ${op}${on} ${because}${encoded}`
      )
    }
    if (service === 'kms') {
      const resource = kmsResource({ action, params, caller, state })
      return new FakeError(
        400,
        'AccessDeniedException',
        `User: ${caller.arn} is not authorized to perform: ${op} on resource: ${resource} ${because}`
      )
    }
    const resource = params.PolicySourceArn ?? params.RoleArn ?? '*'
    return new FakeError(
      403,
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: ${op} on resource: ${resource} ${because}`
    )
  }

  const server = createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([])
    req.on('data', c => chunks.push(c))
    req.on('end', () => {
      handle(req, Buffer.concat(chunks).toString('utf8'))
        .then(r => {
          res.writeHead(r.status, {
            'content-type': r.contentType,
            'x-amzn-requestid': r.requestId,
            ...r.headers
          })
          res.end(r.body)
        })
        .catch(err => {
          res.writeHead(500, { 'content-type': 'text/plain' })
          res.end(String(err?.stack ?? err))
        })
    })
  })

  /**
   * @param {import('node:http').IncomingMessage} req @param {string} body
   * @returns {Promise<Reply & { headers?: Record<string, string> }>}
   */
  async function handle(req, body) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const t = performance.now() - t0
    if (req.method === 'GET' && url.pathname === '/_fake/log') {
      return {
        status: 200,
        contentType: 'application/json',
        requestId: '',
        body: JSON.stringify(log, null, 2)
      }
    }
    if (url.pathname === OIDC_PATH) {
      const r = oidc.handle(url, req.headers.authorization)
      const params = Object.fromEntries(url.searchParams)
      log.push({ t, service: 'oidc', action: 'GetIDToken', params, accessKeyId: null, status: r.status })
      return { status: r.status, contentType: 'application/json', requestId: '', body: r.body }
    }
    const akid = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? null
    const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1]
    const target = req.headers['x-amz-target']
    /** @type {Service} */
    let service
    /** @type {string} */
    let action
    /** @type {any} */
    let params
    /** @type {Reply | null} */
    let early = null
    if (typeof target === 'string') {
      service = 'kms'
      action = target.split('.').pop() ?? ''
      try {
        params = body ? JSON.parse(body) : {}
      } catch {
        params = { raw: body }
        early = jsonError(
          400,
          'SerializationException',
          'Start of structure or map found where not expected.'
        )
      }
    } else {
      params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(body)) }
      action = params.Action ?? ''
      service = routeQuery(action, params.Version, scope)
    }
    const logged = service === 'iam' && action === 'SimulatePrincipalPolicy' ? decodeSimulate(params) : params
    /** @type {RequestLogEntry} */
    const entry = { t, service, action, params: logged, accessKeyId: akid, status: 0 }
    log.push(entry)
    const fault = early ? undefined : faultFor(action)
    const reply =
      early ??
      (fault?.kind === 'error'
        ? renderError(
            service,
            new FakeError(
              fault.status ?? 500,
              fault.code ?? 'InternalError',
              fault.message ?? 'Injected fault'
            )
          )
        : dispatch(service, action, params, req.headers, akid))
    entry.status = reply.status
    if (reply.errorCode) entry.errorCode = reply.errorCode
    // A test's hook runs once the request is handled, before the reply is sent: a change it makes to the state
    // lands between this request and the next one (e.g. a Deny added between two GetKeyPolicy reads).
    options.afterRequest?.(entry, state)
    if (fault?.kind === 'hang') {
      entry.held = true
      await new Promise(resolve => held.push(() => resolve(undefined)))
    }
    if (latencyMs > 0) await new Promise(r => setTimeout(r, latencyMs))
    const headers = service === 'kms' && reply.errorCode ? { 'x-amzn-errortype': reply.errorCode } : undefined
    return { ...reply, headers }
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    log,
    t0,
    issuedSecrets,
    oidc,
    /** The live scenario objects, with due transitions applied. */
    get state() {
      advanceAll(state)
      return state
    },
    env() {
      const caller = state.callers[state.defaultCaller]
      return {
        AWS_ENDPOINT_URL_EC2: url,
        AWS_ENDPOINT_URL_KMS: url,
        AWS_ENDPOINT_URL_STS: url,
        AWS_ENDPOINT_URL_IAM: url,
        AWS_REGION: state.region,
        AWS_ACCESS_KEY_ID: caller.accessKeyId,
        AWS_SECRET_ACCESS_KEY: caller.secretAccessKey,
        AWS_EC2_METADATA_DISABLED: 'true',
        ACTIONS_ID_TOKEN_REQUEST_URL: `${url}${OIDC_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.bearer
      }
    },
    /** @param {number} ms */
    setLatency(ms) {
      latencyMs = ms
    },
    setThrottle,
    setFaults,
    releaseHeld,
    callsByAction() {
      /** @type {Record<string, number>} */
      const counts = {}
      for (const e of log) counts[e.action] = (counts[e.action] ?? 0) + 1
      return counts
    },
    /** @returns {Promise<void>} */
    close() {
      return new Promise(resolve => {
        releaseHeld()
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

/** @param {string} action @param {string | undefined} version @param {string | undefined} scope @returns {Service} */
function routeQuery(action, version, scope) {
  for (const s of /** @type {Service[]} */ (['ec2', 'sts', 'iam'])) if (HANDLERS[s][action]) return s
  const byVersion = /** @type {Record<string, Service>} */ (VERSIONS)[version ?? '']
  if (byVersion) return byVersion
  return scope === 'sts' || scope === 'iam' ? scope : 'ec2'
}

/** @param {Service} service @param {FakeError} err @returns {Reply} */
function renderError(service, err) {
  if (service === 'ec2') return ec2Error(err.status, err.code, err.message)
  if (service === 'kms') return jsonError(err.status, err.code, err.message)
  return queryError(service === 'sts' ? STS_NS : IAM_NS, err.status, err.code, err.message)
}

/** @param {Service} service @param {string} action @param {string | undefined} version */
function unknownAction(service, action, version) {
  if (service === 'kms') return jsonError(400, 'UnknownOperationException', '')
  if (service === 'ec2') {
    return ec2Error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`)
  }
  const msg = `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`
  return renderError(service, new FakeError(400, 'InvalidAction', msg))
}

/** @param {Service} service @param {boolean} missing */
function authError(service, missing) {
  if (missing) {
    const code = service === 'kms' ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken'
    return renderError(
      service,
      new FakeError(service === 'kms' ? 400 : 403, code, 'Request is missing Authentication Token')
    )
  }
  if (service === 'ec2') {
    return ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials')
  }
  const invalid = 'The security token included in the request is invalid.'
  if (service === 'kms') return jsonError(400, 'UnrecognizedClientException', invalid)
  return renderError(service, new FakeError(403, 'InvalidClientTokenId', invalid))
}

/** @param {Service} service */
function throttleError(service) {
  if (service === 'ec2') return ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.')
  if (service === 'kms') return jsonError(400, 'ThrottlingException', 'Rate exceeded')
  return renderError(service, new FakeError(400, 'Throttling', 'Rate exceeded'))
}
