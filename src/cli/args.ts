// The command line, parsed: a subcommand (the mode) and flags named like the action's inputs. Pure: no I/O.

export type Command = 'check' | 'start' | 'diagnose'

/** Bad usage (exit 2): an unknown command or flag, a flag without its value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface CliArgs {
  command?: Command
  /** Input name → raw value, as the action's runner would hand it over (readInputs validates it). */
  inputs: Record<string, string>
  profile?: string
  json: boolean
  /** --no-color; colours also need a TTY and no NO_COLOR. */
  noColor: boolean
  help: boolean
  version: boolean
}

export const COMMANDS: readonly Command[] = ['check', 'start', 'diagnose']

/** Flags that take a value, each the action input of the same name. Repeating one adds a line. */
export const VALUE_FLAGS = [
  'instance-ids',
  'filters',
  'region',
  'regions',
  'fix',
  'wait-for',
  'timeout-seconds',
  'diagnosis-timeout-seconds',
  'unreadable-policy',
  'principal-arn'
] as const
const REPEATABLE = new Set(['instance-ids', 'filters'])
const BOOLEAN_FLAGS = ['json', 'no-color', 'help', 'version', 'or'] as const

/**
 * argv (without node and the script) → CliArgs. Every bad argument is named in one UsageError. `--or` between
 * `--filters` starts a new tag group, as a `---` line does in the action's filters input.
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { inputs: {}, json: false, noColor: false, help: false, version: false }
  const bad: string[] = []
  const rest = [...argv]
  if (rest.length > 0 && !rest[0].startsWith('-')) {
    const word = rest.shift() as string
    if ((COMMANDS as readonly string[]).includes(word)) args.command = word as Command
    else bad.push(`unknown command ${JSON.stringify(word)} (expected ${COMMANDS.join(', ')})`)
  }
  const add = (name: string, value: string) => {
    const before = args.inputs[name]
    if (before !== undefined && !REPEATABLE.has(name)) {
      bad.push(`--${name} is given twice`)
      return
    }
    args.inputs[name] = before === undefined ? value : `${before}\n${value}`
  }
  while (rest.length > 0) {
    const arg = rest.shift() as string
    const m = /^--([a-z][a-z-]*)(?:=([\s\S]*))?$/.exec(arg)
    if (!m) {
      bad.push(`unexpected argument ${JSON.stringify(arg)}`)
      continue
    }
    const [, name, inline] = m
    if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (inline !== undefined) bad.push(`--${name} takes no value`)
      else if (name === 'or') add('filters', '---')
      else if (name === 'json') args.json = true
      else if (name === 'no-color') args.noColor = true
      else if (name === 'help') args.help = true
      else args.version = true
      continue
    }
    if (name === 'mode') {
      bad.push('--mode is the subcommand: ec2-start-guard check|start|diagnose')
      continue
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(name) && name !== 'profile') {
      bad.push(`unknown flag --${name}`)
      continue
    }
    const value = inline ?? (rest.length > 0 && !rest[0].startsWith('--') ? rest.shift() : undefined)
    if (value === undefined) {
      bad.push(`--${name} needs a value`)
      continue
    }
    if (name === 'profile') {
      if (args.profile !== undefined) bad.push('--profile is given twice')
      else if (!/^[\w+=,.@:/-]{1,128}$/.test(value)) bad.push(`--profile has ${JSON.stringify(value)}`)
      else args.profile = value
    } else add(name, value)
  }
  if (!args.command && !args.help && !args.version && bad.length === 0) {
    bad.push(`a command is required: ${COMMANDS.join(', ')}`)
  }
  if (bad.length > 0) throw new UsageError(bad.join('; '))
  return args
}
