// Runs the bundled command line (dist/cli/index.js, the package's "bin") the way an operator's shell does: argv,
// an environment, stdout and stderr apart, the exit code. HOME is a fresh folder, so no ~/.aws of the machine
// running the tests can reach it.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO, STEP_NODE } from './harness.js'

export const CLI = join(REPO, 'dist', 'cli', 'index.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  home: string
}

export function freshHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'esg-cli-home-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, name), text)
  return home
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  home: string = freshHome()
): Promise<CliRun> {
  const child = spawn(STEP_NODE.path, [CLI, ...args], {
    cwd: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', d => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? -1)))
  clearTimeout(timer)
  return { code, stdout, stderr, home }
}
