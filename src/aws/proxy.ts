// Self-hosted runners in companies often reach AWS only through an HTTP(S) proxy. Like the AWS CLI and
// aws-actions/configure-aws-credentials, honour HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (either case),
// decided per request from the host the SDK resolved, so endpoint resolution (AWS_ENDPOINT_URL_*) stays the SDK's.
import { Agent, type AgentConnectOpts } from 'agent-base'
import * as http from 'node:http'
import * as https from 'node:https'
import type { Duplex } from 'node:stream'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { getProxyForUrl } from 'proxy-from-env'

/** The proxy for a URL under this environment's *_PROXY and NO_PROXY, or '' for a direct connection. */
export function proxyFor(url: string): string {
  return getProxyForUrl(url)
}

/** Picks, per connection, a tunnel through the proxy (HTTP CONNECT) or a direct socket. */
class EnvironmentProxyAgent extends Agent {
  private readonly direct: http.Agent
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>()

  constructor(
    private readonly secure: boolean,
    private readonly agentOptions: http.AgentOptions
  ) {
    super(agentOptions)
    this.direct = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions)
  }

  connect(_req: http.ClientRequest, opts: AgentConnectOpts): http.Agent | Duplex {
    const host = opts.host?.includes(':') ? `[${opts.host}]` : opts.host
    const proxy = proxyFor(`${this.secure ? 'https' : 'http'}://${host}:${opts.port}`)
    if (!proxy) return this.direct
    let tunnel = this.tunnels.get(proxy)
    if (!tunnel) {
      tunnel = new HttpsProxyAgent(proxy, this.agentOptions)
      this.tunnels.set(proxy, tunnel)
    }
    return tunnel
  }
}

/** The SDK request handler's agents for an environment that names a proxy. */
export function proxyAgents(): { httpAgent: http.Agent; httpsAgent: http.Agent } {
  // The SDK's own defaults for its agents: keep-alive, up to 50 sockets a host.
  const options = { keepAlive: true, maxSockets: 50 }
  return {
    httpAgent: new EnvironmentProxyAgent(false, options),
    httpsAgent: new EnvironmentProxyAgent(true, options)
  }
}
