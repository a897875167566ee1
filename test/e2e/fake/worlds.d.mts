import type { Fake, Scenario } from './server.mjs'

export interface WorldSpec {
  accountId: string
  region: string
  scenario?: Scenario
}

export interface Worlds {
  url: string
  worlds: Array<{ accountId: string; region: string; fake: Fake }>
  routed: Array<{ account: string | null; region: string | null; service: string | null; status: number }>
  world(accountId: string, region: string): Fake
  env(): Record<string, string>
  close(): Promise<void>
}

export function startWorlds(
  specs: WorldSpec[],
  oidc?: { subject?: string; audiences?: string[] }
): Promise<Worlds>
