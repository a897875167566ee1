// @ts-check
// npm run bundle: dist/ (the action) and dist/cli/ (the CLI), built by ncc from src/ with each AWS SDK client cut
// down to what src/ uses (scripts/sdk-subset.mjs). The cut-down clients live in .build/ only while ncc runs.
import { spawnSync } from 'node:child_process'
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeSdkSubsets } from './sdk-subset.mjs'

const REPO = fileURLToPath(new URL('../', import.meta.url))
const BUILD = join(REPO, '.build')

/** @param {string[]} args */
function ncc(args) {
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), ...args], {
    cwd: REPO,
    stdio: 'inherit'
  })
  if (run.status !== 0) throw new Error(`ncc ${args.join(' ')} failed (exit ${run.status})`)
}

rmSync(join(REPO, 'dist'), { recursive: true, force: true })
rmSync(BUILD, { recursive: true, force: true })
try {
  await writeSdkSubsets()
  ncc(['build', 'src/index.ts', '-o', 'dist', '--license', 'licenses.txt'])
  ncc(['build', 'src/cli/index.ts', '-o', 'dist/cli', '--license', 'licenses.txt'])
} finally {
  rmSync(BUILD, { recursive: true, force: true })
}
copyFileSync(join(REPO, 'node_modules/@cdktf/hcl2json/main.wasm.gz'), join(REPO, 'dist/hcl2json.wasm.gz'))
const record = spawnSync(process.execPath, [join(REPO, 'scripts/dist-inputs.mjs'), 'write'], {
  stdio: 'inherit'
})
if (record.status !== 0) process.exit(record.status ?? 1)
