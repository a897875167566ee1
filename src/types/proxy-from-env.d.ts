// proxy-from-env ships no types; this is the one function it exports.
declare module 'proxy-from-env' {
  /** The proxy URL for a URL under the environment's *_PROXY and NO_PROXY, or '' for a direct connection. */
  export function getProxyForUrl(url: string | URL): string
}
