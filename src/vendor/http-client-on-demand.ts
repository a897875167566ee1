// Stands in for @actions/http-client in the bundle (tsconfig.json `paths`). @actions/core imports it at the top of
// its OIDC module, and it imports undici: about 13 MB of memory and tens of milliseconds of cold start on every
// run, for a client only role-to-assume uses (core.getIDToken). This class has the one method core's OIDC client
// calls, and loads the real client (a chunk of its own) on the first request.
import type { HttpClient as Real } from '../../node_modules/@actions/http-client/lib/index.js'

type RealArgs = ConstructorParameters<typeof Real>

export class HttpClient {
  private readonly args: RealArgs
  constructor(...args: RealArgs) {
    this.args = args
  }

  async getJson<T>(url: string, headers?: Parameters<Real['getJson']>[1]) {
    const { HttpClient: RealClient } = await import('../../node_modules/@actions/http-client/lib/index.js')
    return new RealClient(...this.args).getJson<T>(url, headers)
  }
}
