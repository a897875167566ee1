// The command-line edge: argv in; progress on stderr, the report (text or JSON) on stdout, the exit code out.
// It runs the same core as the action (readInputs, runFleet, buildFindings, buildOutputs) and never imports the
// action's I/O (@actions/core, main, post, report/publish, aws/credentials): eslint enforces it.
import { InputError, readInputs } from '../inputs.js'
// Types only: the AWS SDK loads with the live run, not for --help, --version or bad usage.
import type { Clock } from '../aws/poll.js'
import { buildFindings, type RunFindings } from '../report/findings.js'
import { newRunReport, type RunReport } from '../report/model.js'
import { buildOutputs } from '../report/outputs.js'
import { neutralise } from '../report/untrusted.js'
import { ACTION_VERSION } from '../version.js'
import { parseArgs, UsageError, type CliArgs } from './args.js'
import { cliCredentials } from './credentials.js'
import { HELP } from './help.js'
import { Progress, type Writable } from './progress.js'
import { renderText } from './render.js'
import { colourWanted, COLOURS, NO_COLOURS } from './style.js'

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

export interface CliIO {
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable & { isTTY?: boolean }
  env: NodeJS.ProcessEnv
  clock?: Clock
}

/** The action's input names in messages become the flags of the same name. */
function asFlags(message: string): string {
  return message.replace(/\bInputs? '([a-z-]+)'(?: and '([a-z-]+)')?/g, (_m, a: string, b?: string) =>
    b ? `--${a} and --${b}` : `--${a}`
  )
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but not DEL, the C1 controls (CSI is U+009B) or the
 * Unicode line separators; escaped, they parse back to the same value and cannot act on the terminal.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

function jsonDocument(command: string, report: RunReport, run: RunFindings, exitCode: number) {
  // The action's outputs, parsed: the same fields a workflow reads with fromJSON.
  const outputs = Object.fromEntries(
    Object.entries(buildOutputs(report, run)).map(([name, value]) => [name, JSON.parse(value) as unknown])
  )
  return { version: ACTION_VERSION, command, exitCode, failed: run.failed, outputs, findings: run, report }
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let args: CliArgs
  try {
    args = parseArgs(argv)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    io.stderr.write(
      `ec2-start-guard: ${neutralise(err.message)}\nRun ec2-start-guard --help for the usage.\n`
    )
    return EXIT.usage
  }
  if (args.help) {
    io.stdout.write(HELP)
    return EXIT.ok
  }
  if (args.version) {
    io.stdout.write(`${ACTION_VERSION}\n`)
    return EXIT.ok
  }
  const command = args.command as NonNullable<CliArgs['command']>
  const values: Record<string, string> = { ...args.inputs, mode: command === 'start' ? 'start' : 'check' }
  let inputs
  try {
    inputs = readInputs(name => values[name] ?? '', io.env)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    io.stderr.write(`ec2-start-guard: ${neutralise(asFlags(err.message))}\n`)
    return EXIT.usage
  }

  const style = colourWanted(io.stdout.isTTY === true, io.env, args.noColor) ? COLOURS : NO_COLOURS
  const errStyle = colourWanted(io.stderr.isTTY === true, io.env, args.noColor) ? COLOURS : NO_COLOURS
  const progress = new Progress(io.stderr, io.stderr.isTTY === true, errStyle)
  let report = newRunReport(inputs)
  let fatal: string | undefined
  try {
    const { runFleet } = await import('../fleet.js')
    report = await runFleet(
      inputs,
      {
        info: message => progress.log(message),
        // No post step on a command line: nothing to hand over.
        saveState: () => undefined,
        // One set of credentials for every region: the operator's.
        credentials: () => cliCredentials(args.profile),
        progress: tracked => progress.update(tracked)
      },
      io.env,
      io.clock,
      report
    )
  } catch (err) {
    fatal = err instanceof Error ? err.message : String(err)
  }
  progress.finish()
  // As the action does: the error that ended the run early is its first problem, and what is known is reported.
  const summarised = fatal === undefined ? report : { ...report, problems: [fatal, ...report.problems] }
  const run = buildFindings(summarised)
  const code = run.failed ? EXIT.failure : EXIT.ok
  if (args.json) io.stdout.write(`${terminalSafeJson(jsonDocument(command, summarised, run, code))}\n`)
  else io.stdout.write(renderText(summarised, run, style, command === 'diagnose'))
  return code
}
