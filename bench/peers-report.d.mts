// Types of bench/peers-report.mjs for the TypeScript smoke test (the implementation is plain JS).
import type { PeersRaw, PeersSummary } from './peers.mjs'

export function peersTargets(
  sum: PeersSummary,
  settings: { runtimes: string[] }
): { target: string; measured: string; pass: boolean }[]
export function peersMarkdown(peers: { settings: PeersRaw['settings']; summary: PeersSummary }): string
