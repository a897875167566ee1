// The runner's reading of a step's stdout, as faithfully as the tests need it (actions/runner ActionCommand and
// ActionCommandManager): lines split on LF, CRLF and a lone CR; `::name k=v,k=v::data` at the start of a line once
// leading white space is trimmed; else the legacy `##[name k=v;k=v]data` anywhere in the line; command names
// without regard to case; `stop-commands` turns processing off until a line whose command is its token. The tests
// judge what the runner would do with the output, not what the output looks like.

export interface WorkflowCommand {
  name: string
  properties: Record<string, string>
  data: string
  /** 'v2' for `::name::`, 'legacy' for `##[name]`. */
  form: 'v2' | 'legacy'
  /** The zero-based line of stdout it came from. */
  line: number
}

export interface RunnerReading {
  /** Every command the runner processed, in order (the stop-commands and its resume included). */
  commands: WorkflowCommand[]
  /** Values registered through add-mask, in order. */
  masks: string[]
  /** State saved through ::save-state, by name (the last one wins). */
  state: Record<string, string>
  /** The lines as the log shows them, masks applied (`***`). */
  shown: string[]
  /** True when the output ends with command processing still stopped. */
  stoppedAtEnd: boolean
}

const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning'
])

/** .NET's Char.IsWhiteSpace, which String.TrimStart uses. */
const DOTNET_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

function unescape(text: string, mappings: Array<[string, string]>): string {
  let out = text
  for (const [token, replacement] of mappings) out = out.split(replacement).join(token)
  return out
}
const V2_DATA: Array<[string, string]> = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25']
]
const V2_PROPERTY: Array<[string, string]> = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25']
]
const LEGACY: Array<[string, string]> = [
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25']
]

function parseV2(line: string, names: (name: string) => boolean): Omit<WorkflowCommand, 'line'> | undefined {
  const message = line.replace(DOTNET_SPACE, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!names(name)) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq > 0 && eq < pair.length - 1)
        properties[pair.slice(0, eq).toLowerCase()] = unescape(pair.slice(eq + 1), V2_PROPERTY)
    }
  }
  return { name: name.toLowerCase(), properties, data: unescape(message.slice(end + 2), V2_DATA), form: 'v2' }
}

function parseLegacy(
  line: string,
  names: (name: string) => boolean
): Omit<WorkflowCommand, 'line'> | undefined {
  const at = line.indexOf('##[')
  if (at < 0) return undefined
  const close = line.indexOf(']', at)
  if (close < 0) return undefined
  const info = line.slice(at + 3, close)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!names(name)) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .split(';')
      .filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq > 0 && eq < pair.length - 1)
        properties[pair.slice(0, eq).toLowerCase()] = unescape(pair.slice(eq + 1), LEGACY)
    }
  }
  return {
    name: name.toLowerCase(),
    properties,
    data: unescape(line.slice(close + 1), LEGACY),
    form: 'legacy'
  }
}

/** What the runner makes of a step's stdout. */
export function readAsRunner(stdout: string): RunnerReading {
  const commands: WorkflowCommand[] = []
  const masks: string[] = []
  const state: Record<string, string> = {}
  const shown: string[] = []
  let stopToken: string | undefined
  const lines = stdout.split(/\r\n|\n|\r/)
  lines.forEach((line, index) => {
    const registered = (name: string) =>
      stopToken === undefined ? REGISTERED.has(name.toLowerCase()) : name === stopToken
    const command = parseV2(line, registered) ?? parseLegacy(line, registered)
    if (command === undefined) {
      shown.push(masks.reduce((text, mask) => (mask ? text.split(mask).join('***') : text), line))
      return
    }
    commands.push({ ...command, line: index })
    if (stopToken !== undefined) {
      stopToken = undefined // the resume line
      return
    }
    if (command.name === 'stop-commands') stopToken = command.data
    else if (command.name === 'add-mask') masks.push(command.data)
    else if (command.name === 'save-state' && command.properties.name)
      state[command.properties.name] = command.data
  })
  return { commands, masks, state, shown, stoppedAtEnd: stopToken !== undefined }
}

/** The annotations the runner would create. */
export function annotationsOf(reading: RunnerReading): WorkflowCommand[] {
  return reading.commands.filter(c => c.name === 'error' || c.name === 'warning' || c.name === 'notice')
}

/**
 * The state the post step gets: ::save-state commands as the main step printed them, then the GITHUB_STATE file,
 * which the runner reads when the step has ended.
 */
export function postState(reading: RunnerReading, fileState: Record<string, string>): Record<string, string> {
  return { ...reading.state, ...fileState }
}
