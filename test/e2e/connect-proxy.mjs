// @ts-check
// A small HTTP CONNECT proxy on 127.0.0.1 for the e2e tests: it tunnels each CONNECT to its target and logs it,
// the way a company's egress proxy sits between a self-hosted runner and AWS.
import net from 'node:net'

/**
 * @typedef {{ method: string, target: string, at: number }} ProxyLogEntry
 * @returns {Promise<{ url: string, log: ProxyLogEntry[], close(): Promise<void> }>}
 */
export async function startConnectProxy() {
  /** @type {ProxyLogEntry[]} */
  const log = []
  /** @type {Set<net.Socket>} */
  const sockets = new Set()
  const server = net.createServer(client => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    let head = Buffer.alloc(0)
    const onData = (/** @type {Buffer} */ chunk) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      client.off('data', onData)
      const [method, target] = head.subarray(0, end).toString('latin1').split('\r\n')[0].split(' ')
      log.push({ method, target, at: Date.now() })
      if (method !== 'CONNECT') {
        client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n')
        return
      }
      const colon = target.lastIndexOf(':')
      const upstream = net.connect(
        Number(target.slice(colon + 1)),
        target.slice(0, colon).replace(/^\[|\]$/g, '')
      )
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => client.destroy())
      upstream.on('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        const rest = head.subarray(end + 4)
        if (rest.length) upstream.write(rest)
        client.pipe(upstream)
        upstream.pipe(client)
      })
    }
    client.on('data', onData)
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {net.AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    log,
    close: () =>
      new Promise(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
