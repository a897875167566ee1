// Runs the bundled action the way the runner does: `node <repo>/dist/index.js` from a temporary workspace,
// inputs as INPUT_* env, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE as files, annotations on stdout.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
export const ACTION = join(REPO, 'dist', 'index.js')

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  state: Record<string, string>
  annotations: Annotation[]
  durationMs: number
  workspace: string
}

export interface RunOptions {
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** Saved state of the main step: runs the post step (the runner passes it as STATE_* env). */
  state?: Record<string, string>
  /** A folder copied into the workspace (for key-policy-files). */
  workspaceFrom?: string
  timeoutMs?: number
}

/** Parses the runner's file-command format: `name<<DELIM\nvalue\nDELIM` or `name=value`. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

export function parseAnnotations(stdout: string): Annotation[] {
  const found: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    found.push({ level: m[1] as Annotation['level'], properties, message: unescapeData(m[3]) })
  }
  return found
}

export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'esg-ws-'))
  const files = mkdtempSync(join(tmpdir(), 'esg-files-'))
  if (options.workspaceFrom) cpSync(options.workspaceFrom, workspace, { recursive: true })
  const paths = {
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    GITHUB_STATE: join(files, 'state')
  }
  for (const p of Object.values(paths)) writeFileSync(p, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: workspace,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: files,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...paths,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value

  const began = performance.now()
  const child = spawn(process.execPath, [ACTION], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', d => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const code = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? -1)))
  clearTimeout(timer)
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '')
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(read(paths.GITHUB_OUTPUT)),
    summary: read(paths.GITHUB_STEP_SUMMARY),
    state: parseFileCommands(read(paths.GITHUB_STATE)),
    annotations: parseAnnotations(stdout),
    durationMs: performance.now() - began,
    workspace
  }
}

export function json<T = unknown>(text: string | undefined): T {
  return JSON.parse(text ?? 'null') as T
}
