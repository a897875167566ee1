// Finds the policy files named by the `key-policy-files` globs, inside the workspace only: the globs come from a
// workflow file that a pull request can change, so they must not reach files outside the checked-out repository.
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'

export interface PolicyFileMatches {
  /** Workspace-relative posix paths, sorted, unique. */
  files: string[]
  /** The globs that matched no file. */
  unmatched: string[]
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**']

export async function findPolicyFiles(
  globs: string[],
  workspace: string,
  input = 'key-policy-files'
): Promise<PolicyFileMatches> {
  const patterns = globs.map(g => g.trim()).filter(g => g !== '')
  for (const pattern of patterns) assertInsideWorkspace(pattern, input)
  // `!pattern` lines exclude files from every other glob, as in .gitignore-like lists.
  const excluded = patterns.filter(p => p.startsWith('!')).map(p => p.slice(1))
  const included = patterns.filter(p => !p.startsWith('!'))
  const root = await realpath(workspace)
  const files = new Set<string>()
  const unmatched: string[] = []
  for (const pattern of included) {
    const matches = await glob(pattern, {
      cwd: root,
      dot: false,
      onlyFiles: true,
      expandDirectories: false,
      ignore: [...ALWAYS_IGNORED, ...excluded]
    })
    const inside = await filterInside(root, matches)
    if (inside.length === 0) unmatched.push(pattern)
    for (const file of inside) files.add(file)
  }
  return { files: [...files].sort(compareCodeUnits), unmatched }
}

/** Absolute globs and `..` segments (also inside braces, `{..,x}`) would leave the workspace. */
function assertInsideWorkspace(pattern: string, input: string): void {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern
  if (path.posix.isAbsolute(body) || path.win32.isAbsolute(body) || /^[A-Za-z]:/.test(body)) {
    throw new Error(`${input}: glob "${pattern}" is absolute; use a path relative to the repository`)
  }
  if (/(^|[/\\{,])\.\.($|[/\\},])/.test(body)) {
    throw new Error(`${input}: glob "${pattern}" has a ".." segment; globs may not leave the repository`)
  }
}

/** Keeps matches whose real path (symbolic links followed) is inside the workspace, as posix relative paths. */
async function filterInside(root: string, matches: string[]): Promise<string[]> {
  const inside: string[] = []
  for (const match of matches) {
    const relative = match.split(path.sep).join('/')
    if (relative.startsWith('../') || path.isAbsolute(relative)) continue
    const real = await realpath(path.join(root, relative)).catch(() => undefined)
    if (real === undefined || (real !== root && !real.startsWith(root + path.sep))) continue
    inside.push(relative)
  }
  return inside
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
