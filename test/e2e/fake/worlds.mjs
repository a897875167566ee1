// @ts-check
// Several accounts and regions behind one endpoint, as AWS is: one fake (server.mjs) per (account, region) world,
// and a router in front that sends each request where AWS would. The region comes from the SigV4 credential scope
// (Credential=AKID/DATE/REGION/SERVICE), the account from the access key (whose credentials they are) or, for the
// unsigned AssumeRoleWithWebIdentity, from the RoleArn. IAM and STS are global: any world of the account answers.
// The worlds of one account share their callers (credentials issued in one region work in all), and every world
// shares one GitHub OIDC token endpoint, as one job has one.
import { createServer, request } from 'node:http'
import { OidcIssuer, startFake } from './server.mjs'
import { OIDC_PATH } from './oidc.mjs'

/**
 * @typedef {{ accountId: string, region: string, scenario?: Record<string, any> }} WorldSpec
 * @typedef {{ accountId: string, region: string, fake: Awaited<ReturnType<typeof startFake>> }} World
 */

/**
 * @param {WorldSpec[]} specs
 * @param {{ subject?: string, audiences?: string[] }} [oidcConfig]
 */
export async function startWorlds(specs, oidcConfig = {}) {
  const issuer = new OidcIssuer({
    roles: {},
    audiences: oidcConfig.audiences ?? ['sts.amazonaws.com'],
    subject: oidcConfig.subject ?? 'repo:octo-org/octo-repo:ref:refs/heads/main',
    tokenTtlSeconds: 300,
    credentialTtlSeconds: undefined
  })
  /** @type {World[]} */
  const worlds = []
  for (const spec of specs) {
    const fake = await startFake(
      { ...spec.scenario, accountId: spec.accountId, region: spec.region },
      { oidcIssuer: issuer }
    )
    worlds.push({ accountId: spec.accountId, region: spec.region, fake })
  }
  // One callers table per account: credentials issued by STS in one world are good in the account's others.
  /** @type {Map<string, Record<string, any>>} */
  const callersOf = new Map()
  for (const w of worlds) {
    const shared = callersOf.get(w.accountId) ?? {}
    Object.assign(shared, w.fake.state.callers)
    callersOf.set(w.accountId, shared)
    w.fake.state.callers = shared
  }
  /** @type {Array<{ account: string | null, region: string | null, service: string | null, status: number }>} */
  const routed = []

  /** @param {string | null} akid @param {string} body */
  function accountOf(akid, body) {
    if (akid) {
      for (const [account, callers] of callersOf) if (callers[akid]) return account
      return null
    }
    const role = /(?:^|&)RoleArn=([^&]+)/.exec(body)?.[1]
    return role ? (/^arn:aws:iam::(\d{12}):/.exec(decodeURIComponent(role))?.[1] ?? null) : null
  }

  const server = createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([])
    req.on('data', c => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const auth = req.headers.authorization ?? ''
      const scope = /Credential=([^/,\s]+)\/[^/]+\/([^/]+)\/([^/]+)\//.exec(auth)
      const akid = scope?.[1] ?? null
      const region = scope?.[2] ?? null
      const service = scope?.[3] ?? null
      /** @type {World | undefined} */
      let world
      if ((req.url ?? '').startsWith(OIDC_PATH)) world = worlds[0]
      else {
        const account = accountOf(akid, body.toString('utf8'))
        const ofAccount = worlds.filter(w => w.accountId === account)
        world =
          ofAccount.find(w => w.region === region) ??
          (service === 'iam' || service === 'sts' || !scope ? ofAccount[0] : undefined)
        if (!world) {
          routed.push({ account, region, service, status: 400 })
          res.writeHead(400, { 'content-type': 'text/plain' })
          res.end(`fake router: no world for account ${account} in region ${region}`)
          return
        }
        routed.push({ account, region, service, status: 0 })
      }
      const target = new URL(world.fake.url)
      const forward = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        reply => {
          res.writeHead(reply.statusCode ?? 500, reply.headers)
          reply.pipe(res)
        }
      )
      forward.on('error', err => {
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end(String(err))
      })
      forward.end(body)
    })
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    worlds,
    issuer,
    routed,
    /** @param {string} accountId @param {string} region */
    world(accountId, region) {
      const w = worlds.find(x => x.accountId === accountId && x.region === region)
      if (!w) throw new Error(`no world ${accountId} ${region}`)
      return w.fake
    },
    /** The runner's environment of an OIDC job: the router for every service, no AWS credentials. */
    env() {
      return {
        AWS_ENDPOINT_URL_EC2: url,
        AWS_ENDPOINT_URL_KMS: url,
        AWS_ENDPOINT_URL_STS: url,
        AWS_ENDPOINT_URL_IAM: url,
        AWS_REGION: worlds[0].region,
        AWS_EC2_METADATA_DISABLED: 'true',
        ACTIONS_ID_TOKEN_REQUEST_URL: `${url}${OIDC_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.bearer
      }
    },
    async close() {
      await new Promise(resolve => {
        server.close(() => resolve(undefined))
        server.closeAllConnections()
      })
      await Promise.all(worlds.map(w => w.fake.close()))
    }
  }
}
