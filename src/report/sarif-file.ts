// Writes the SARIF log where sarif-file says, and only inside the workspace. The path was checked when the inputs
// were read; the workspace is the pull request's checkout, so a folder on the way may be a symbolic link the pull
// request added: the real folder is checked again here, and the file itself is never followed if it is a link.
import { constants } from 'node:fs'
import { mkdir, open, realpath } from 'node:fs/promises'
import { dirname, relative, isAbsolute } from 'node:path'

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** The real path of the deepest folder of `folder` that exists: checked before any folder is created. */
async function existingAncestor(folder: string): Promise<string> {
  for (let current = folder; ; current = dirname(current)) {
    try {
      return await realpath(current)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw err
    }
  }
}

export async function writeSarifFile(path: string, workspace: string, text: string): Promise<void> {
  const root = await realpath(workspace)
  const folder = dirname(path)
  const check = (real: string) => {
    if (real !== root && !inside(root, real))
      throw new Error(`the folder of ${path} resolves to ${real}, outside the workspace ${root}`)
  }
  check(await existingAncestor(folder))
  await mkdir(folder, { recursive: true })
  check(await realpath(folder))
  // O_NOFOLLOW: a symbolic link in the file's place fails (ELOOP) instead of being written through.
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644
  )
  try {
    await handle.writeFile(text, 'utf8')
  } finally {
    await handle.close()
  }
}
