#!/usr/bin/env node
// The `ec2-start-guard` command (package.json "bin"): only calls runCli.
import { neutralise } from '../report/untrusted.js'
import { runCli } from './main.js'

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  code => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`ec2-start-guard: ${neutralise(err instanceof Error ? err.message : String(err))}\n`)
    process.exitCode = 1
  }
)
