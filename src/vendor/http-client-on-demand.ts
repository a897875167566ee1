// Stands in for @actions/http-client in the bundle (tsconfig.json `paths`). @actions/core imports it at the top of
// its OIDC module, and it imports undici: about 13 MB of memory and tens of milliseconds of cold start on every
// run, for a client only role-to-assume uses (core.getIDToken). This class has the one method core's OIDC client
// calls, and loads the real client (a chunk of its own) on the first request. @actions/github (comment-on-pr)
// builds clients synchronously and calls more of them: its path awaits loadHttpClient() first, after which every
// new HttpClient is the real one.
import type { HttpClient as Real } from '../../node_modules/@actions/http-client/lib/index.js'

type RealArgs = ConstructorParameters<typeof Real>
type RealModule = typeof import('../../node_modules/@actions/http-client/lib/index.js')

let loaded: RealModule | undefined

/** Loads the real client; from then on `new HttpClient()` gives a real one. */
export async function loadHttpClient(): Promise<RealModule> {
  loaded ??= await import('../../node_modules/@actions/http-client/lib/index.js')
  return loaded
}

export class HttpClient {
  private readonly args: RealArgs
  constructor(...args: RealArgs) {
    this.args = args
    // A constructor may return another object: once the real client is loaded, callers get the real thing.
    if (loaded) return new loaded.HttpClient(...args) as unknown as HttpClient
  }

  async getJson<T>(url: string, headers?: Parameters<Real['getJson']>[1]) {
    const { HttpClient: RealClient } = await loadHttpClient()
    return new RealClient(...this.args).getJson<T>(url, headers)
  }
}
