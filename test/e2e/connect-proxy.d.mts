// Types of connect-proxy.mjs for the TypeScript tests.
export interface ProxyLogEntry {
  method: string
  target: string
  at: number
}
export function startConnectProxy(): Promise<{ url: string; log: ProxyLogEntry[]; close(): Promise<void> }>
