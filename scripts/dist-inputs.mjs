// @ts-check
// The e2e tests run dist/, so a contributor who edits src/ and runs `npm test` must not test the old bundle.
// `npm run bundle` records a hash of what the bundle is built from (dist/inputs.sha256); `npm test` checks it
// first and stops at once when dist/ is stale.   Usage: node scripts/dist-inputs.mjs write|check
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../', import.meta.url))
const RECORD = join(REPO, 'dist', 'inputs.sha256')

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]
  )
}

function inputsHash() {
  const files = [
    ...filesUnder(join(REPO, 'src')),
    join(REPO, 'package-lock.json'),
    join(REPO, 'tsconfig.json'),
    join(REPO, 'scripts', 'bundle.mjs'),
    join(REPO, 'scripts', 'sdk-subset.mjs')
  ]
  const hash = createHash('sha256')
  for (const file of files.map(f => relative(REPO, f).split('\\').join('/')).sort()) {
    // Line endings do not change the bundle's meaning (.gitattributes keeps LF in the repository).
    hash.update(`${file}\0${readFileSync(join(REPO, file), 'utf8').replace(/\r\n/g, '\n')}\0`)
  }
  return hash.digest('hex')
}

const command = process.argv[2]
if (command === 'write') {
  writeFileSync(RECORD, `${inputsHash()}\n`)
} else if (command === 'check') {
  const recorded = existsSync(RECORD) ? readFileSync(RECORD, 'utf8').trim() : ''
  if (recorded !== inputsHash()) {
    console.error('dist/ is stale: run npm run bundle (the e2e tests run dist/index.js, built from src/).')
    process.exit(1)
  }
} else {
  console.error('usage: node scripts/dist-inputs.mjs write|check')
  process.exit(2)
}
