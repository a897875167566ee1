// Which pull request this run is for, from the runner's environment: the event name, and the event payload that
// GITHUB_EVENT_PATH points to. Only pull_request and pull_request_target events have one.
import { readFile } from 'node:fs/promises'

export interface PullRequestTarget {
  owner: string
  repo: string
  number: number
}

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'] as const

export type PullRequestLookup = { target: PullRequestTarget } | { skipped: string }

export async function pullRequestOf(env: Record<string, string | undefined>): Promise<PullRequestLookup> {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (!(PULL_REQUEST_EVENTS as readonly string[]).includes(event)) {
    return {
      skipped: `the event is ${event ? `"${event}"` : 'not known'}, not pull_request or pull_request_target`
    }
  }
  const repository = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? '')
  if (!repository) return { skipped: 'GITHUB_REPOSITORY is not set to owner/repo' }
  if (!env.GITHUB_EVENT_PATH) return { skipped: 'GITHUB_EVENT_PATH is not set' }
  let payload: { pull_request?: { number?: unknown }; number?: unknown }
  try {
    payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch (err) {
    return { skipped: `the event payload could not be read (${(err as Error).message})` }
  }
  const number = payload?.pull_request?.number ?? payload?.number
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
    return { skipped: 'the event payload has no pull request number' }
  }
  return { target: { owner: repository[1], repo: repository[2], number } }
}
