/* eslint-disable no-control-regex -- terminal escapes are what these tests look for */
// The command line on a real pseudo-terminal (util-linux `script`): colours and the live line per instance on a
// TTY, none of it when NO_COLOR is set or the output is piped (cli.test.ts).
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { startFake, type Fake } from './fake/server.mjs'
import { STEP_NODE } from './harness.js'
import { CLI, freshHome } from './cli-harness.js'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** Runs the CLI with stdin, stdout and stderr on one pseudo-terminal; returns what the terminal received. */
async function onTerminal(args: string[], env: Record<string, string>) {
  const home = freshHome()
  const command = [STEP_NODE.path, CLI, ...args].map(a => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm', ...env },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  let text = ''
  child.stdout.on('data', d => (text += d))
  const code = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? -1)))
  return { code, text }
}

describe('on a terminal', () => {
  it('has util-linux script(1) to make the pseudo-terminal', () => {
    expect(spawnSync('script', ['--version']).status).toBe(0)
  })

  it('colours the verdict and redraws a live line per instance while it polls', async () => {
    fake = await startFake({
      instances: [
        { id: A, name: 'web-1', state: 'stopped', bootMs: 2500 },
        { id: B, name: 'web-2', state: 'stopped', bootMs: 2500 }
      ]
    })
    const run = await onTerminal(['start', '--instance-ids', `${A},${B}`, '--fix', 'off'], fake.env())
    expect(run.code).toBe(0)
    // The live block: one line per instance while booting, redrawn in place (cursor up 2, clear below).
    expect(run.text).toMatch(new RegExp(`…\\u001b\\[39m ${A} web-1 {2}pending \\(booting\\)`))
    expect(run.text).toContain('\u001b[2A\u001b[J')
    expect(run.text).toMatch(new RegExp(`✓\\u001b\\[39m ${A} web-1 {2}running \\(done\\)`))
    // The headline in bold green.
    expect(run.text).toMatch(/\u001b\[32m\u001b\[1m✓ 2 instances/)
  })

  it('NO_COLOR turns the colours off, the live lines stay', async () => {
    fake = await startFake({ instances: [{ id: A, name: 'web-1', state: 'stopped', bootMs: 2500 }] })
    const run = await onTerminal(['start', '--instance-ids', A], { ...fake.env(), NO_COLOR: '1' })
    expect(run.code).toBe(0)
    expect(run.text).not.toMatch(/\u001b\[\d+m/)
    expect(run.text).toMatch(new RegExp(`… ${A} web-1 {2}pending \\(booting\\)`))
  })
})
