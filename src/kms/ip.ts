// IP addresses and CIDR ranges, IPv4 and IPv6, for IpAddress / NotIpAddress. Addresses are bigints so one
// prefix comparison serves both versions.

/**
 * The value of aws:SourceIp in a call an AWS service makes on the caller's behalf: an AWS-internal address (CloudTrail
 * shows the service's host name), so no customer CIDR ever contains it (how-ec2-uses-kms.md 1.3).
 */
export const AWS_INTERNAL = 'AWS_INTERNAL'

interface Ip {
  version: 4 | 6
  value: bigint
}

interface Cidr extends Ip {
  bits: number
}

export function parseIp(text: string): Ip | undefined {
  const v4 = parseIpv4(text)
  if (v4 !== undefined) return { version: 4, value: v4 }
  const v6 = parseIpv6(text)
  return v6 === undefined ? undefined : { version: 6, value: v6 }
}

function parseIpv4(text: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (m === null) return undefined
  let value = 0n
  for (const octet of m.slice(1)) {
    const n = Number(octet)
    if (n > 255) return undefined
    value = (value << 8n) | BigInt(n)
  }
  return value
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string | undefined): bigint[] | undefined => {
    if (half === undefined || half === '') return []
    const out: bigint[] = []
    const parts = half.split(':')
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part)
        if (v4 === undefined) return undefined
        out.push(v4 >> 16n, v4 & 0xffffn)
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        out.push(BigInt(`0x${part}`))
      } else {
        return undefined
      }
    }
    return out
  }
  const head = groups(halves[0])
  const tail = groups(halves[1])
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...Array<bigint>(halves.length === 1 ? 0 : missing).fill(0n), ...tail]
  return all.reduce((acc, group) => (acc << 16n) | group, 0n)
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefix, extra] = text.split('/')
  if (address === undefined || extra !== undefined) return undefined
  const ip = parseIp(address)
  if (ip === undefined) return undefined
  const max = ip.version === 4 ? 32 : 128
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return undefined
  const bits = prefix === undefined ? max : Number(prefix)
  if (bits > max) return undefined
  return { ...ip, bits }
}

export function cidrContains(range: Cidr, ip: Ip): boolean {
  if (range.version !== ip.version) return false
  const shift = BigInt((range.version === 4 ? 32 : 128) - range.bits)
  return range.value >> shift === ip.value >> shift
}
