// Runs the bundled action the way the runner does: `node <repo>/dist/index.js` from a temporary workspace,
// inputs as INPUT_* env, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE as files, annotations on stdout.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareStep, readStepFiles, stepNode } from './runner.mjs'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
/** The repository a pull request of the offline gate's tests checks out (key policies, Terraform, CloudFormation). */
export const PR_REPO = fileURLToPath(new URL('./fixtures/pr-repo/', import.meta.url))

/** The fake's endpoints without its credentials: the offline gate needs none, so it can reach no AWS. */
export function envWithoutCredentials(fake: { env(): Record<string, string> }): Record<string, string> {
  const env = fake.env()
  delete env.AWS_ACCESS_KEY_ID
  delete env.AWS_SECRET_ACCESS_KEY
  return env
}
/**
 * The bundle under test. E2E_ACTION_BUNDLE points at another build (e.g. an old commit's dist/ extracted into a
 * temporary folder) to prove that a regression test fails there.
 */
export const ACTION = process.env.E2E_ACTION_BUNDLE || join(REPO, 'dist', 'index.js')
/** The Node the bundle runs on: node24 as on GitHub where the pinned binary runs, else the local node. */
export const STEP_NODE = stepNode()
if (STEP_NODE.notice) console.warn(STEP_NODE.notice)

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
  /** Variables the runner would not set at all (e.g. GITHUB_STEP_SUMMARY on a local run). */
  unset?: string[]
  /** Saved state of the main step: runs the post step (the runner passes it as STATE_* env). */
  state?: Record<string, string>
  /** A folder copied into the workspace (for key-policy-files). */
  workspaceFrom?: string
  timeoutMs?: number
  /** Called with the spawned step, e.g. to send it a signal the way the runner cancels a job. */
  onSpawn?: (child: ChildProcess) => void
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
  const { workspace, files, env } = prepareStep(options)
  for (const name of options.unset ?? []) delete env[name]

  const began = performance.now()
  const child = spawn(STEP_NODE.path, [ACTION], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', d => (stderr += d))
  options.onSpawn?.(child)
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const code = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? -1)))
  clearTimeout(timer)
  return {
    code,
    stdout,
    stderr,
    ...readStepFiles(files),
    annotations: parseAnnotations(stdout),
    durationMs: performance.now() - began,
    workspace
  }
}

export function json<T = unknown>(text: string | undefined): T {
  return JSON.parse(text ?? 'null') as T
}

/** One entry of the key-verdicts output, as a next step reads it: per key (live) or per key policy (offline). */
export interface KeyVerdictOutput {
  keyArn?: string
  file?: string
  verdict: string
  finding: string | null
  deniedRequest: string | null
  blocks: boolean
  reason: string
}

export const verdictsOf = (run: ActionRun) => json<KeyVerdictOutput[]>(run.outputs['key-verdicts'])
