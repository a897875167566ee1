// Types of fake-github.mjs for the TypeScript tests.
export interface GithubComment {
  id: number
  body: string
  user: { login: string; type: string }
  html_url: string
}
export interface GithubLogEntry {
  method: string
  path: string
  query: Record<string, string>
  authorization?: string
  body?: unknown
}
export interface GithubOptions {
  comments?: Record<string, Array<{ body: string; login?: string }>>
  deny?: boolean
  failWith?: number
}
export function startFakeGithub(options?: GithubOptions): Promise<{
  url: string
  log: GithubLogEntry[]
  state: { deny: boolean; failWith?: number }
  comments(thread: string): GithubComment[]
  close(): Promise<void>
}>
