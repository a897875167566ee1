// Types of bench/peers.mjs for the TypeScript smoke test (the implementation is plain JS).

export type Tool = 'action' | 'sdk' | 'cli'

export interface ToolRun {
  tool: Tool
  /** The runtime: `local v20…`, `pinned v24…`, or `python` for the CLI. */
  node: string
  n: number
  bootMs: number
  bad: boolean
  code: number
  /** Killed at observeMs (the waiters never notice a silent stop). */
  killed: boolean
  wallMs: number
  firstCallMs: number | null
  startMs: number | null
  /** Exit minus the moment the fake turned the last instance running. */
  runningToExitMs: number | null
  /** The `✗` line minus the moment the failed instance left pending. */
  stoppedToReportMs: number | null
  /** The action's outputs name the misconfigured key. */
  reportNamesKey: boolean
  peakRssMb: number | null
  calls: number
}

export interface PeerSettings {
  bootsS: number[]
  stopAfterS: number
  reps: number
  silentObserveS: number
  latencyMs: number
}

export const PEERS: PeerSettings

export function nodes(): { label: string; path: string }[]
export function ensureAwsCli(): string | null
export function runTool(spec: {
  tool: Tool
  node?: string
  n?: number
  bootMs: number
  bad?: boolean
  observeMs?: number
  label?: string
  action?: string
}): Promise<ToolRun>

export interface PeersRaw {
  settings: PeerSettings & { cli: string | null; runtimes: string[] }
  boots: ToolRun[]
  cold: ToolRun[]
  silent: ToolRun[]
}
export function runPeers(options?: {
  log?: (line: string) => void
  cli?: boolean
  action?: string
}): Promise<PeersRaw>

export interface PeersSummary {
  boots: {
    bootS: number
    byTool: Record<string, { exitAfterRunningMs: number | null; wallMs: number | null; calls: number | null }>
  }[]
  cold: {
    tool: string
    node: string
    n: number
    firstCallMs: number | null
    startMs: number | null
    peakRssMb: number | null
    calls: number | null
  }[]
  silent: {
    tool: string
    detectedMs: number | null
    detectedRuns: number
    namesKey: number
    killed: number
    runs: number
    wallMs: number | null
  }[]
}
export function summarisePeers(peers: PeersRaw): PeersSummary
