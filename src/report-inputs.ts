// The inputs that say where the findings go besides the log and the job summary: a SARIF file, a comment on the
// pull request. Pure, like readInputs(), which calls this with its checked getter.
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from './inputs.js'

export interface ReportInputs {
  /** Absolute path of the SARIF log to write, inside the workspace. */
  sarifFile?: string
  /** comment-on-pr: true, with the token to post with. Never logged; main masks it. */
  prComment?: { token: string }
}

function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
}

/** A file path in the workspace: relative to it, or absolute inside it; never the workspace itself or a folder. */
export function parseSarifFile(raw: string, workspace: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const bad = (why: string) =>
    new InputError('sarif-file', `Input 'sarif-file' has ${show(value)}, which ${why}.`)
  if (/[\\/]$/.test(value) || /(^|[\\/])\.{1,2}$/.test(value)) throw bad('names a folder, not a file')
  const path = resolve(workspace, value)
  const rel = relative(resolve(workspace), path)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw bad(
      `is outside the workspace (${workspace}); give a path inside it, e.g. results/ec2-start-guard.sarif`
    )
  }
  return path
}

function parseFlag(name: string, raw: string): boolean {
  const value = raw.trim()
  if (value === '' || ['false', 'False', 'FALSE'].includes(value)) return false
  if (['true', 'True', 'TRUE'].includes(value)) return true
  throw new InputError(name, `Input '${name}' has ${show(value)}; expected true or false.`)
}

export function readReportInputs(
  text: (name: string) => string,
  env: Record<string, string | undefined>
): ReportInputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const sarifFile = parseSarifFile(text('sarif-file'), workspace)
  if (!parseFlag('comment-on-pr', text('comment-on-pr'))) return { sarifFile }
  // Read only when asked for: the token stays out of memory otherwise. Its value is never shown in a message.
  const token = text('github-token').trim()
  if (token === '') {
    throw new InputError(
      'github-token',
      `Input 'github-token' is empty but comment-on-pr is true; leave it at its default (\${{ github.token }}) or pass a token with pull-requests: write.`
    )
  }
  if (/\s/.test(token)) {
    throw new InputError('github-token', `Input 'github-token' contains white space; a token has none.`)
  }
  return { sarifFile, prComment: { token } }
}
