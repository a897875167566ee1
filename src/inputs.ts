// readInputs(): parse and validate every input before any AWS call. Pure: the caller passes the getter.
import { readReportInputs, type ReportInputs } from './report-inputs.js'
import { cutRedacted } from './secrets.js'

export class InputError extends Error {
  /** Every input that has a problem, in the order read; `input` is the first. */
  readonly inputs: string[]
  constructor(
    readonly input: string,
    message: string,
    inputs: string[] = [input]
  ) {
    super(message)
    this.name = 'InputError'
    this.inputs = inputs
  }
}

/** One error for several: a user fixes them all in one edit instead of meeting them one rerun at a time. */
function combine(errors: InputError[]): InputError {
  if (errors.length === 1) return errors[0]
  const inputs = [...new Set(errors.flatMap(e => e.inputs))]
  return new InputError(inputs[0], errors.map(e => e.message).join(' '), inputs)
}

/** "a", "a and b", "a, b and c". */
function andList(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

export type Mode = 'start' | 'check'
export type FixMode = 'off' | 'suggest' | 'apply'
export type WaitFor = 'running' | 'status-ok' | 'none'
export type UnreadablePolicy = 'fail' | 'warn'

export interface Ec2Filter {
  name: string
  values: string[]
  /** The line as the user wrote it, for messages. */
  source: string
}

/** The lines of one tag group, ANDed. */
export type FilterGroup = Ec2Filter[]

export interface Inputs extends ReportInputs {
  instanceIds: string[]
  /** Tag groups, ORed (the union of their matches); empty when filters is unset. */
  filters: FilterGroup[]
  /** The first of `regions`: the region of a one-region run. */
  region: string
  /** Every region of the run (the regions input, else region); each is run with each of rolesToAssume. */
  regions: string[]
  mode: Mode
  fix: FixMode
  waitFor: WaitFor
  timeoutSeconds: number
  /** The most the KMS diagnosis before the start may take; then the start goes ahead (or the check fails). */
  diagnosisTimeoutSeconds: number
  /** mode check: whether a key whose metadata or policy could not be read fails the step. */
  unreadablePolicy: UnreadablePolicy
  /** The first of rolesToAssume: the role of a one-account run. */
  roleToAssume?: string
  /** role-to-assume: one role ARN per account (empty: the credentials of the environment). */
  rolesToAssume: string[]
  roleSessionName: string
  audience: string
  stopOnPost: boolean
  keyPolicyFiles: string[]
  /** Terraform var files (globs) whose values resolve var.* in .tf key policies. */
  terraformVarFiles: string[]
  principalArn?: string
  /** key-policy-files given: evaluate files in the repository, no AWS call at all. */
  offline: boolean
}

/** Returns the raw input value ('' when unset), as @actions/core getInput does. */
export type InputGetter = (name: string) => string

// Bounds keep a typo (or a hostile PR) from turning into thousands of API calls or a huge log.
export const LIMITS = {
  instanceIds: 1000,
  filters: 50, // EC2's own limit, per group (one call)
  filterGroups: 20, // one DescribeInstances per group
  filterValues: 200, // EC2's own limit
  filterValueLength: 255, // EC2's own limit
  policyGlobs: 50,
  inputLength: 32_768,
  timeoutSeconds: 6 * 3600, // a GitHub-hosted job cannot run longer
  diagnosisTimeoutSeconds: 3600,
  regions: 30,
  accounts: 20
} as const

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
const PRINCIPAL_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]{1,512}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
// Tabs, CR and LF are the only control characters a multi-line input may carry.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

function show(value: string): string {
  // Redacted before the cut: a credential pasted into the wrong input must not print half of itself.
  return JSON.stringify(cutRedacted(value, 80))
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[], fallback: T): T {
  const value = raw.trim() === '' ? fallback : raw.trim()
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `Input '${name}' has ${show(value)}; expected one of: ${allowed.join(', ')}.`)
  }
  return value as T
}

function readRaw(get: InputGetter, name: string, multiline: boolean): string {
  const value = get(name) ?? ''
  if (value.length > LIMITS.inputLength) {
    throw new InputError(
      name,
      `Input '${name}' is ${value.length} characters long; the limit is ${LIMITS.inputLength}.`
    )
  }
  const bad = CONTROL_CHARS.exec(value) ?? (multiline ? null : /[\r\n]/.exec(value))
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(2, '0')
    throw new InputError(name, `Input '${name}' contains a control character (0x${code}); remove it.`)
  }
  return value
}

export function parseInstanceIds(raw: string): string[] {
  const ids: string[] = []
  const bad: string[] = []
  for (const token of raw.split(/[\s,]+/)) {
    if (token === '') continue
    const list = INSTANCE_ID.test(token) ? ids : bad
    if (!list.includes(token)) list.push(token)
  }
  if (bad.length > 0) {
    throw new InputError(
      'instance-ids',
      `Input 'instance-ids' has ${andList(bad.map(show))}, which ${bad.length === 1 ? 'is not an instance ID' : 'are not instance IDs'} (expected i- followed by 8 or 17 lower-case hex digits).`
    )
  }
  if (ids.length > LIMITS.instanceIds) {
    throw new InputError(
      'instance-ids',
      `Input 'instance-ids' lists ${ids.length} instances; the limit is ${LIMITS.instanceIds}. Use filters for larger fleets.`
    )
  }
  return ids
}

/** One line of `filters`, Name=Value1,Value2, or why it is not one. */
function parseFilterLine(source: string): Ec2Filter | string {
  const eq = source.indexOf('=')
  const name = eq > 0 ? source.slice(0, eq).trim() : ''
  const values =
    eq > 0
      ? source
          .slice(eq + 1)
          .split(',')
          .map(v => v.trim())
      : []
  if (name === '' || values.length === 0 || values.some(v => v === '')) {
    return `${show(source)} is not Name=Value1,Value2 (e.g. tag:env=ci or instance-type=t3.micro,t3.small)`
  }
  if (values.length > LIMITS.filterValues) {
    return `${show(name)} has ${values.length} values; EC2 accepts ${LIMITS.filterValues}`
  }
  const long = values.filter(v => v.length > LIMITS.filterValueLength)
  if (long.length > 0) {
    return `${long.length === 1 ? 'the value' : 'the values'} ${andList(long.map(show))} ${long.length === 1 ? 'is' : 'are'} longer than ${LIMITS.filterValueLength} characters`
  }
  return { name, values: [...new Set(values)], source }
}

/**
 * Tag groups: groups are separated by a blank line or a `---` line (several in a row count as one); the lines of a
 * group are ANDed (one DescribeInstances call per group, as EC2 ANDs its filters) and the groups are ORed. Every bad
 * line is named, with its group, in one error.
 */
export function parseFilters(raw: string): FilterGroup[] {
  const lines: Array<{ group: number; source: string }> = []
  let group = 0
  let open = false
  for (const line of raw.split(/\r?\n/)) {
    const source = line.trim()
    if (source.startsWith('#')) continue
    if (source === '' || /^-{3,}$/.test(source)) {
      open = false
      continue
    }
    if (!open) {
      group++
      open = true
    }
    lines.push({ group, source })
  }
  const groups: FilterGroup[] = Array.from({ length: group }, () => [])
  const bad: string[] = []
  for (const { group: g, source } of lines) {
    const parsed = parseFilterLine(source)
    if (typeof parsed === 'string') bad.push(group > 1 ? `group ${g}: ${parsed}` : parsed)
    else groups[g - 1].push(parsed)
  }
  groups.forEach((filters, i) => {
    if (filters.length > LIMITS.filters) {
      bad.push(
        `${group > 1 ? `group ${i + 1} ` : ''}has ${filters.length} lines; EC2 accepts at most ${LIMITS.filters} filters in one call`
      )
    }
  })
  if (group > LIMITS.filterGroups) {
    bad.push(`it has ${group} groups; the limit is ${LIMITS.filterGroups}`)
  }
  if (bad.length > 0) {
    throw new InputError('filters', `Input 'filters': ${bad.join('; ')}.`)
  }
  return groups
}

/** How a selection reads in the summary: "group 1: tag:env=ci AND tag:team=qa; group 2: tag:role=db". */
export function describeFilterGroups(groups: readonly FilterGroup[]): string {
  const and = (g: FilterGroup) => g.map(f => f.source).join(' AND ')
  return groups.length === 1 ? and(groups[0]) : groups.map((g, i) => `group ${i + 1}: ${and(g)}`).join('; ')
}

function parseSeconds(name: string, raw: string, fallback: number, limit: number): number {
  const value = raw.trim() === '' ? String(fallback) : raw.trim()
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new InputError(
      name,
      `Input '${name}' has ${show(value)}; expected a whole number of seconds greater than 0.`
    )
  }
  const seconds = Number(value)
  if (seconds > limit) {
    throw new InputError(name, `Input '${name}' has ${seconds}; the most it can be is ${limit}.`)
  }
  return seconds
}

function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(name, `Input '${name}' has ${show(value)}; expected true or false.`)
}

function parseRegion(raw: string, env: Record<string, string | undefined>): string {
  const value = raw.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || ''
  if (value === '') {
    throw new InputError(
      'region',
      `Input 'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set; set region: us-east-1 (for example).`
    )
  }
  if (!REGION.test(value)) {
    throw new InputError(
      'region',
      `Input 'region' has ${show(value)}, which is not an AWS region name (e.g. us-east-1).`
    )
  }
  return value
}

/** regions: comma/newline separated; duplicates dropped; every bad name listed. Empty: [] (region decides). */
function parseRegions(raw: string): string[] {
  const regions: string[] = []
  const bad: string[] = []
  for (const token of raw.split(/[\s,]+/)) {
    if (token === '') continue
    if (!REGION.test(token)) bad.push(show(token))
    else if (!regions.includes(token)) regions.push(token)
  }
  if (bad.length > 0) {
    throw new InputError(
      'regions',
      `Input 'regions' has ${bad.join(', ')}, which ${bad.length === 1 ? 'is not an AWS region name' : 'are not AWS region names'} (e.g. us-east-1, eu-west-1).`
    )
  }
  if (regions.length > LIMITS.regions) {
    throw new InputError(
      'regions',
      `Input 'regions' lists ${regions.length} regions; the limit is ${LIMITS.regions}.`
    )
  }
  return regions
}

/** role-to-assume: one role ARN per account, separated by commas or newlines; every bad one listed. */
function parseRoles(raw: string): string[] {
  const roles: string[] = []
  const bad: string[] = []
  const accounts = new Map<string, string>()
  for (const token of raw.split(/[\s,]+/)) {
    if (token === '') continue
    if (!ROLE_ARN.test(token)) {
      bad.push(`${show(token)}, which is not an IAM role ARN (arn:aws:iam::111122223333:role/name)`)
      continue
    }
    const account = token.split(':')[4]
    const other = accounts.get(account)
    if (other !== undefined && other !== token) {
      bad.push(
        `${show(token)} and ${show(other)}, two roles of account ${account} (give one role per account)`
      )
      continue
    }
    accounts.set(account, token)
    if (!roles.includes(token)) roles.push(token)
  }
  if (bad.length > 0) throw new InputError('role-to-assume', `Input 'role-to-assume' has ${bad.join('; ')}.`)
  if (roles.length > LIMITS.accounts) {
    throw new InputError(
      'role-to-assume',
      `Input 'role-to-assume' lists ${roles.length} roles; the limit is ${LIMITS.accounts}.`
    )
  }
  return roles
}

function parseGlobs(raw: string, name = 'key-policy-files'): string[] {
  const globs = raw
    .split(/\r?\n/)
    .map(g => g.trim())
    .filter(g => g !== '' && !g.startsWith('#'))
  if (globs.length > LIMITS.policyGlobs) {
    throw new InputError(
      name,
      `Input '${name}' has ${globs.length} globs; the limit is ${LIMITS.policyGlobs}.`
    )
  }
  return globs
}

/** Var files are HCL (.tfvars) or JSON (.tfvars.json); anything else is a mistake worth naming. */
function parseVarFiles(raw: string, offline: boolean): string[] {
  const globs = parseGlobs(raw, 'terraform-var-files')
  const bad = globs.filter(g => !/\.tfvars(\.json)?$/.test(g.replace(/^!/, '')))
  if (bad.length > 0) {
    throw new InputError(
      'terraform-var-files',
      `Input 'terraform-var-files' has ${bad.map(show).join(', ')}; each line must name .tfvars or .tfvars.json files.`
    )
  }
  if (globs.length > 0 && !offline) {
    throw new InputError(
      'terraform-var-files',
      `Input 'terraform-var-files' is only used with key-policy-files (the offline gate reads .tf files).`
    )
  }
  return globs
}

function optionalArn(name: string, raw: string, pattern: RegExp, what: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (!pattern.test(value)) {
    throw new InputError(name, `Input '${name}' has ${show(value)}, which is not ${what}.`)
  }
  return value
}

export function readInputs(get: InputGetter, env: Record<string, string | undefined> = {}): Inputs {
  const text = (name: string, multiline = false): string => readRaw(get, name, multiline)
  // Every input is read even after one is bad, so the one error names them all; a bad input reads as its
  // default, and a check across inputs is only made when the inputs it looks at are good.
  const errors: InputError[] = []
  const read = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse()
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      errors.push(err)
      return fallback
    }
  }
  const bad = (...names: string[]) => errors.some(e => e.inputs.some(i => names.includes(i)))
  const refuse = (input: string, message: string) => errors.push(new InputError(input, message))

  const instanceIds = read(() => parseInstanceIds(text('instance-ids', true)), [])
  const filters = read(() => parseFilters(text('filters', true)), [])
  const keyPolicyFiles = read(() => parseGlobs(text('key-policy-files', true)), [])
  const offline = keyPolicyFiles.length > 0
  const terraformVarFiles = read(
    () => parseVarFiles(text('terraform-var-files', true), offline || bad('key-policy-files')),
    []
  )
  const principalArn = read(
    () =>
      optionalArn(
        'principal-arn',
        text('principal-arn'),
        PRINCIPAL_ARN,
        'an IAM role or user ARN (arn:aws:iam::111122223333:role/ci-start-role)'
      ),
    undefined
  )
  const mode = offline
    ? 'check'
    : read(() => oneOf<Mode>('mode', text('mode'), ['start', 'check'], 'start'), 'start')
  const fix = read(
    () => oneOf<FixMode>('fix', text('fix'), ['off', 'suggest', 'apply'], 'suggest'),
    'suggest'
  )
  const waitFor = read(
    () => oneOf<WaitFor>('wait-for', text('wait-for'), ['running', 'status-ok', 'none'], 'running'),
    'running'
  )
  const timeoutSeconds = read(
    () => parseSeconds('timeout-seconds', text('timeout-seconds'), 300, LIMITS.timeoutSeconds),
    300
  )
  const diagnosisTimeoutSeconds = read(
    () =>
      parseSeconds(
        'diagnosis-timeout-seconds',
        text('diagnosis-timeout-seconds'),
        60,
        LIMITS.diagnosisTimeoutSeconds
      ),
    60
  )
  const unreadablePolicy = read(
    () => oneOf<UnreadablePolicy>('unreadable-policy', text('unreadable-policy'), ['fail', 'warn'], 'fail'),
    'fail'
  )
  const listed = read(() => parseRegions(text('regions', true)), [])
  const regions = listed.length > 0 ? listed : [read(() => parseRegion(text('region'), env), '')]
  if (listed.length > 0 && text('region').trim() !== '') {
    refuse(
      'regions',
      `Inputs 'region' and 'regions' are both set; use regions alone (region is the one-region form).`
    )
  }
  const region = regions[0]
  const rolesToAssume = read(() => parseRoles(text('role-to-assume', true)), [])
  const roleToAssume = rolesToAssume[0]
  const roleSessionName = read(() => {
    const value = text('role-session-name').trim() || 'GitHubActions'
    if (!SESSION_NAME.test(value)) {
      throw new InputError(
        'role-session-name',
        `Input 'role-session-name' has ${show(value)}; use 2 to 64 characters from letters, digits and +=,.@_-.`
      )
    }
    return value
  }, 'GitHubActions')
  const audience = read(() => {
    const value = text('audience').trim() || 'sts.amazonaws.com'
    if (value.length > 255 || /\s/.test(value)) {
      throw new InputError(
        'audience',
        `Input 'audience' has ${show(value)}; expected one token of at most 255 characters.`
      )
    }
    return value
  }, 'sts.amazonaws.com')
  const stopOnPost = read(() => parseBoolean('stop-on-post', text('stop-on-post'), false), false)
  // The report inputs check their own values; their error joins the others.
  const reporting = read(() => readReportInputs(name => text(name), env), {})

  if (offline) {
    if (!principalArn && !bad('principal-arn')) {
      refuse(
        'principal-arn',
        `Input 'principal-arn' is required with key-policy-files: name the role that will start the instances.`
      )
    }
    if (instanceIds.length > 0 || filters.length > 0) {
      refuse(
        'key-policy-files',
        `Input 'key-policy-files' runs offline with no AWS call, so it cannot be combined with instance-ids or filters; use two steps.`
      )
    }
  } else if (
    instanceIds.length === 0 &&
    filters.length === 0 &&
    !bad('instance-ids', 'filters', 'key-policy-files')
  ) {
    refuse('instance-ids', `Inputs 'instance-ids' and 'filters' are both empty; give at least one.`)
  }
  const pairs = regions.length * Math.max(1, rolesToAssume.length)
  if (pairs > 1 && instanceIds.length > 0) {
    refuse(
      'instance-ids',
      `Input 'instance-ids' cannot be used with ${regions.length} region(s) and ${Math.max(1, rolesToAssume.length)} account(s): an instance ID exists in one region of one account, and DescribeInstances fails a whole call for an ID it cannot see. Select the fleet with filters (each (account, region) pair runs them), or use one step per region.`
    )
  }
  if (pairs > 1 && principalArn && rolesToAssume.length > 1) {
    refuse(
      'principal-arn',
      `Input 'principal-arn' names one principal, but role-to-assume lists ${rolesToAssume.length} accounts; leave principal-arn empty (each account's caller is found with sts:GetCallerIdentity).`
    )
  }
  if (mode === 'check' && fix === 'apply') {
    refuse(
      'fix',
      `Input 'fix' is 'apply' but mode is 'check', which never changes anything; use fix: suggest, or mode: start.`
    )
  }
  if (mode === 'check' && stopOnPost) {
    refuse(
      'stop-on-post',
      `Input 'stop-on-post' is true but mode 'check' starts nothing, so there is nothing to stop.`
    )
  }
  if (errors.length > 0) throw combine(errors)

  return {
    instanceIds,
    filters,
    region,
    regions,
    mode,
    fix,
    waitFor,
    timeoutSeconds,
    diagnosisTimeoutSeconds,
    unreadablePolicy,
    roleToAssume,
    rolesToAssume,
    roleSessionName,
    audience,
    stopOnPost,
    keyPolicyFiles,
    terraformVarFiles,
    principalArn,
    offline,
    ...reporting
  }
}
