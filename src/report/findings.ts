// The one place severity is decided. buildFindings() turns the facts of a run (instances, keys, verdicts, fixes,
// what AWS did) into findings, each with its level, its cause and its evidence; the outputs, the annotations, the
// job summary and the step's own result only render them.
import type { InstanceReport, KeyReport, PolicyFileReport, RunReport } from './model.js'
import { FAILURE_CODES, failureLink } from './links.js'
import { formatStateReason } from './state-reason.js'
import { findingInfo, findingLink, IAM_DENIES_TITLE, type FindingLevel } from './verdicts.js'

export interface InstanceRef {
  id: string
  name?: string
}

// Where the statement to add, or a Deny's before and after, is shown. An annotation, the SARIF log and the PR comment
// point to the job summary; the summary and the CLI print them themselves, further down (adviceShownBelow).
const SEE_STATEMENT = '(see the job summary)'
const SEE_BEFORE_AFTER = '(before and after in the job summary)'

/** A finding's advice as written where the fix statements follow below it: the job summary and the CLI. */
export function adviceShownBelow(advice: string[]): string[] {
  return advice.map(a =>
    a.replace(SEE_STATEMENT, '(below)').replace(SEE_BEFORE_AFTER, '(before and after below)')
  )
}

export interface Finding {
  /**
   * The finding's code: a Verdict, a KEY_FINDINGS code, an instance failure code (FAILURE_CODES) or a RUN_CODES
   * code. One docs/TROUBLESHOOTING.md heading each; SARIF makes one rule of each.
   */
  code: string
  level: FindingLevel
  /**
   * 'cause': a key, a policy file or a run problem that explains failures; 'symptom': a failure no cause explains;
   * 'note': something to know. Causes are written before symptoms, so GitHub's cap per level never drops one.
   */
  role: 'cause' | 'symptom' | 'note'
  title: string
  /** What the finding is about: "alias/ci-ebs (arn:aws:kms:…)", an instance ID, a file. */
  subject?: string
  /** Why, in one sentence. */
  cause: string
  /** What AWS (or the file) showed that backs it, one sentence each. */
  evidence: string[]
  /** What to do, one sentence each. */
  advice: string[]
  /** The instances it is about (a key's broken instances, or the failed instance itself). */
  instances: InstanceRef[]
  link?: string
  keyArn?: string
  file?: string
  line?: number
}

export interface RunCounts {
  instances: number
  running: number
  statusOk: number
  startRequested: number
  failed: number
  checked: number
  keys: number
  keysOk: number
  keysMisconfigured: number
  keysUnverified: number
  policies: number
  policiesPass: number
  policiesFail: number
  policiesUnverified: number
  unreadableFiles: number
}

export interface RunFindings {
  /** In writing order: errors, then warnings, then notices; causes before symptoms within each. */
  findings: Finding[]
  /** The step fails exactly when there is an error finding. */
  failed: boolean
  counts: RunCounts
  /** ✅ only when the step passes and nothing was left undecided. */
  icon: '✅' | '⚠️' | '❌'
  headline: string
  /** Keys that block EC2 on what the analysis and AWS showed: the misconfigured-key-ids output. */
  misconfiguredKeyArns: string[]
}

/** Codes of findings that are neither a verdict nor an instance failure kind. */
export const RUN_CODES = {
  /** A problem of the run itself (a glob that matched nothing, a fatal error): fails the step. */
  problem: 'RUN_PROBLEM',
  /** Something to know about the run that does not fail it. */
  warning: 'RUN_WARNING',
  fileUnreadable: 'POLICY_FILE_UNREADABLE',
  /** An instance that failed in a way the poller did not classify. */
  instanceFailed: 'INSTANCE_FAILED'
} as const

const SHOWN_INSTANCES = 5

/** Reasons are clauses; in a message that goes on, they end with a full stop. */
export function sentence(text: string): string {
  const t = text.trim()
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`
}

export function keyLabel(key: Pick<KeyReport, 'arn' | 'alias'>): string {
  return key.alias ? `${key.alias} (${key.arn})` : key.arn
}

function instanceLabel(i: InstanceRef): string {
  return i.name ? `${i.id} (${i.name})` : i.id
}

/** "i-1 (web), i-2 (db) and 28 more": the first ones and a count. */
export function listInstances(refs: readonly InstanceRef[], shown = SHOWN_INSTANCES): string {
  const labels = refs.slice(0, shown).map(instanceLabel)
  if (refs.length <= shown) return labels.join(', ')
  return `${labels.join(', ')} and ${refs.length - shown} more`
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** A stop that a key can cause: EC2 put the instance back to stopped (how-ec2-uses-kms.md 1.1). */
function stoppedAfterStart(i: InstanceReport): boolean {
  return (
    i.outcome === 'failed' && (i.failureKind === 'stopped-after-start' || i.failureKind === 'not-running')
  )
}

/** AWS showed this instance running after this step started it: proof its keys work for this start. */
export function ranAfterOurStart(i: InstanceReport): boolean {
  return i.startedByThisStep && (i.outcome === 'running' || i.outcome === 'status-ok')
}

/** A misconfigured key fails the step unless AWS showed it working (then the verdict disagrees with AWS). */
function keyBlocks(key: KeyReport): boolean {
  return key.status === 'misconfigured' && !key.disagreement
}

const refOf = (i: InstanceReport): InstanceRef => ({ id: i.instanceId, name: i.name })
const listOf = (instances: InstanceReport[]) => listInstances(instances.map(refOf))

function keyEvidence(key: KeyReport, instances: InstanceReport[], report: RunReport): string[] {
  const stopped = instances.filter(stoppedAfterStart)
  const requested = instances.filter(i => i.outcome === 'start-requested' && i.startedByThisStep)
  const before = instances.filter(
    i => !i.startedByThisStep && i.outcome !== 'failed' && i.outcome !== 'checked'
  )
  const checked = instances.filter(i => i.outcome === 'checked')
  const evidence: string[] = []
  if (stopped.length > 0)
    evidence.push(
      `It stopped ${plural(stopped.length, 'instance')} right after the start: ${listOf(stopped)}.`
    )
  if (key.status !== 'ok' && checked.length > 0)
    evidence.push(`It would stop ${plural(checked.length, 'instance')} on start: ${listOf(checked)}.`)
  if (requested.length > 0)
    evidence.push(
      `${listOf(requested)} ${requested.length === 1 ? 'was' : 'were'} only asked to start (wait-for: none): AWS showed nothing that contradicts this verdict.`
    )
  if (key.status !== 'ok' && before.length > 0)
    evidence.push(
      `${listOf(before)} ${before.length === 1 ? 'was' : 'were'} already running before this step, which proves nothing about the next start.`
    )
  if (key.disagreement) evidence.push(key.disagreement)
  if (report.mode === 'start' && key.instances.length > instances.length) {
    // The report only holds the instances this run looked at; say so rather than drop the rest silently.
    evidence.push(`${key.instances.length - instances.length} more instance(s) use this key.`)
  }
  return evidence
}

function keyAdvice(key: KeyReport): string[] {
  const advice: string[] = []
  if (key.verdict.missingPermission)
    advice.push(
      `${key.verdict.verdict === 'DENY_EXPLICIT' ? 'Denied permission' : 'Missing permission'}: ${key.verdict.missingPermission}.`
    )
  const applied = key.fix?.applied
  if (applied) advice.push(`fix: apply ${applied.outcome}: ${sentence(applied.detail)}`)
  // A statement added to the key policy cannot undo a Deny (a Deny found on the fresh read before the write, say).
  else if (key.fix && findingInfo(key.verdict).fixable)
    advice.push(
      `Fix: add statement ${key.fix.sid} to the ${key.fix.target === 'key-policy' ? 'key policy' : "caller's IAM policy"} ${SEE_STATEMENT}.`
    )
  if (key.applyRefusal) advice.push(`fix: apply did not edit this key: ${sentence(key.applyRefusal)}`)
  if (key.verdict.amendedDeny)
    advice.push(`Amend the Deny to exempt aws:ec2-infrastructure ${SEE_BEFORE_AFTER}.`)
  return advice
}

function keyFinding(
  key: KeyReport,
  report: RunReport,
  byId: Map<string, InstanceReport>
): Finding | undefined {
  const level: FindingLevel | undefined = keyBlocks(key)
    ? 'error'
    : key.status === 'misconfigured' || key.status === 'unverified'
      ? 'warning'
      : undefined
  if (!level) return undefined
  const instances = key.instances.map(id => byId.get(id)).filter((i): i is InstanceReport => i !== undefined)
  const broken = instances.filter(i =>
    level === 'error' ? stoppedAfterStart(i) || i.outcome !== 'failed' : true
  )
  const info = findingInfo(key.verdict)
  // The IAM half can break a key the key policy lets in (how-ec2-uses-kms.md 3.3): then IAM is the cause.
  const iamDenies =
    key.status === 'misconfigured' &&
    (key.iamSimulation === 'implicitDeny' || key.iamSimulation === 'explicitDeny')
  const title = iamDenies
    ? IAM_DENIES_TITLE
    : key.verdict.verdict === 'KEY_STATE'
      ? `${info.title} (${key.state})`
      : info.title
  return {
    code: key.verdict.finding ?? key.verdict.verdict,
    level,
    role: level === 'error' ? 'cause' : 'note',
    title: `${title}: ${key.alias ?? key.arn.replace(/^.*:key\//, 'key/')}`,
    subject: keyLabel(key),
    cause: sentence(key.verdict.reason),
    evidence: keyEvidence(key, instances, report),
    advice: keyAdvice(key),
    instances: broken.map(refOf),
    link: findingLink(key.verdict),
    keyArn: key.arn
  }
}

/** What the keys say about a failed instance that no key explains. */
function unexplainedCause(
  instance: InstanceReport,
  keys: KeyReport[],
  report: RunReport,
  its = 'Its'
): string {
  const suspects = keys.filter(k => k.status !== 'ok')
  if (suspects.length > 0)
    return `${its} KMS keys could not be fully verified: ${suspects.map(k => `${keyLabel(k)} (${k.verdict.verdict})`).join(', ')}.`
  if (!stoppedAfterStart(instance) || report.keys.length === 0) return ''
  if (keys.length === 0) return 'It has no volume encrypted with a KMS key, so KMS is not the cause.'
  return (
    'Its KMS keys look usable to this analysis: check what it cannot see, i.e. SCPs and RCPs, permissions' +
    ' boundaries, session policies and VPC endpoint policies, and the failed CreateGrant event in CloudTrail.'
  )
}

function instanceFinding(instance: InstanceReport, keys: KeyReport[], report: RunReport): Finding {
  const silentStop = instance.state === 'stopped' && instance.startedByThisStep
  const cause = unexplainedCause(instance, keys, report)
  return {
    code: instance.failureKind ? FAILURE_CODES[instance.failureKind] : RUN_CODES.instanceFailed,
    level: 'error',
    role: 'symptom',
    title: silentStop ? 'Instance stopped right after start' : 'Instance did not reach the target state',
    subject: instanceLabel({ id: instance.instanceId, name: instance.name }),
    cause: sentence(instance.failure ?? `${instance.instanceId} is ${instance.state}`),
    evidence: cause ? [cause] : [],
    advice: [],
    instances: [{ id: instance.instanceId, name: instance.name }],
    link: instance.failureKind ? failureLink(instance.failureKind) : undefined
  }
}

/**
 * Instances that silently stopped on the same keys that could not be verified: one finding for them all, titled
 * with the keys, rather than one each, so a fleet on one unverified key does not fill GitHub's 10 errors with the
 * same story. The stop is what AWS showed; the keys are only suspects, so it stays a symptom, not a cause.
 */
function stoppedOnSuspectsFinding(
  instances: InstanceReport[],
  keys: KeyReport[],
  report: RunReport
): Finding {
  const suspects = keys.filter(k => k.status !== 'ok')
  const reasons = [...new Set(instances.map(i => formatStateReason(i.stateReason) || i.state))]
  return {
    level: 'error',
    role: 'symptom',
    code: FAILURE_CODES['stopped-after-start'],
    title: `Instances stopped right after start: ${suspects.map(k => k.alias ?? k.arn.replace(/^.*:key\//, 'key/')).join(', ')}`,
    subject: listInstances(instances.map(refOf)),
    cause: `${instances.length} instances went pending -> stopped (${reasons.length === 1 ? reasons[0] : 'different reasons: see the job summary'}).`,
    evidence: [unexplainedCause(instances[0], keys, report, 'Their')],
    advice: [],
    instances: instances.map(refOf),
    link: failureLink('stopped-after-start')
  }
}

function fileFindings(file: PolicyFileReport): Finding[] {
  const found: Finding[] = []
  if (file.error) {
    // Parse errors say "at LINE:COLUMN"; point the annotation there so the PR diff shows it in place.
    const line = Number(/\bat (\d+):\d+/.exec(file.error)?.[1] ?? 1)
    found.push({
      code: RUN_CODES.fileUnreadable,
      level: 'error',
      role: 'cause',
      title: 'Key policy file could not be read',
      subject: file.file,
      cause: sentence(file.error),
      evidence: [],
      advice: [],
      instances: [],
      file: file.file,
      line
    })
  }
  for (const policy of file.policies) {
    const info = findingInfo(policy.verdict)
    const level: FindingLevel | undefined =
      policy.status === 'misconfigured'
        ? 'error'
        : policy.status === 'unverified'
          ? 'warning'
          : info.offline === 'pass'
            ? undefined
            : info.offline
    if (!level) continue
    found.push({
      code: policy.verdict.finding ?? policy.verdict.verdict,
      level,
      role: level === 'error' ? 'cause' : 'note',
      title: policy.status === 'misconfigured' ? `Key policy would stop EC2: ${info.title}` : info.title,
      subject: policy.name,
      cause: sentence(policy.verdict.reason),
      evidence: policy.unresolved.length ? [`Unresolved: ${policy.unresolved.join('; ')}.`] : [],
      advice: policy.fix ? [`Fix: add statement ${policy.fix.sid} ${SEE_STATEMENT}.`] : [],
      instances: [],
      link: findingLink(policy.verdict),
      file: file.file,
      line: policy.decidingLine ?? policy.line
    })
  }
  return found
}

function countRun(report: RunReport, keyFindings: Map<string, Finding>): RunCounts {
  const of = (o: InstanceReport['outcome']) => report.instances.filter(i => i.outcome === o).length
  const policies = report.files.flatMap(f => f.policies)
  const keyLevel = (k: KeyReport) => keyFindings.get(k.arn)?.level
  return {
    instances: report.instances.length,
    running: report.instances.filter(i => i.outcome !== 'failed' && i.state === 'running').length,
    statusOk: of('status-ok'),
    startRequested: of('start-requested'),
    failed: of('failed'),
    checked: of('checked'),
    keys: report.keys.length,
    keysOk: report.keys.filter(k => keyLevel(k) === undefined).length,
    keysMisconfigured: report.keys.filter(k => keyLevel(k) === 'error').length,
    keysUnverified: report.keys.filter(k => keyLevel(k) === 'warning').length,
    policies: policies.length,
    policiesPass: policies.filter(p => p.status === 'ok').length,
    policiesFail: policies.filter(p => p.status === 'misconfigured').length,
    policiesUnverified: policies.filter(p => p.status === 'unverified').length,
    unreadableFiles: report.files.filter(f => f.error).length
  }
}

function headlineText(report: RunReport, c: RunCounts): string {
  // A live run with a problem (a fatal error, a timed-out or unreadable check) is about that problem first.
  if (!report.offline && report.problems.length > 0) {
    const more = report.problems.length - 1
    return `${sentence(report.problems[0])}${more ? ` (and ${plural(more, 'more problem')})` : ''}`
  }
  const keys =
    c.keys === 0
      ? 'no customer KMS key to check'
      : `${plural(c.keys, 'KMS key')}: ${c.keysMisconfigured} misconfigured, ${c.keysUnverified} unverified`
  if (report.offline) {
    const files = c.unreadableFiles ? `; ${plural(c.unreadableFiles, 'file')} could not be read` : ''
    return `${plural(c.policies, 'key policy', 'key policies')}: ${c.policiesPass} pass, ${c.policiesFail} would stop EC2, ${c.policiesUnverified} unverified${files}.`
  }
  if (report.mode === 'check') return `${plural(c.instances, 'instance')} checked · ${keys}.`
  const reached =
    report.waitFor === 'none'
      ? [
          `${c.startRequested} start requested (not verified)`,
          c.running - c.startRequested,
          'already running'
        ]
      : report.waitFor === 'status-ok'
        ? [`${c.statusOk} status ok`, c.running - c.statusOk, 'running']
        : [`${c.running} running`, 0, '']
  const rest = reached[1] ? `, ${reached[1]} ${reached[2]}` : ''
  return `${plural(c.instances, 'instance')}: ${reached[0]}${rest}, ${c.failed} failed · ${keys}.`
}

/** The level order of writing, and causes before symptoms before notes within a level. */
const LEVEL_RANK = { error: 0, warning: 1, notice: 2 } as const
const ROLE_RANK = { cause: 0, symptom: 1, note: 2 } as const

export function buildFindings(report: RunReport): RunFindings {
  const findings: Finding[] = []
  for (const problem of report.problems)
    findings.push({
      code: RUN_CODES.problem,
      level: 'error',
      role: 'cause',
      title: 'ec2-start-guard',
      cause: sentence(problem),
      evidence: [],
      advice: [],
      instances: []
    })
  for (const warning of report.warnings)
    findings.push({
      code: RUN_CODES.warning,
      level: 'warning',
      role: 'note',
      title: 'ec2-start-guard',
      cause: sentence(warning),
      evidence: [],
      advice: [],
      instances: []
    })

  const byId = new Map(report.instances.map(i => [i.instanceId, i]))
  const keyFindings = new Map<string, Finding>()
  for (const key of report.keys) {
    const finding = keyFinding(key, report, byId)
    if (!finding) continue
    keyFindings.set(key.arn, finding)
    findings.push(finding)
  }
  // Silent stops on the same unverified keys, grouped by those keys (in the order of their first instance).
  const onSuspects = new Map<string, InstanceReport[]>()
  for (const instance of report.instances.filter(i => i.outcome === 'failed')) {
    const keys = report.keys.filter(k => instance.keys.includes(k.arn))
    // A key that blocks EC2 explains the silent stop; its own finding lists this instance.
    if (stoppedAfterStart(instance) && keys.some(keyBlocks)) continue
    const suspects = keys.filter(k => k.status !== 'ok').map(k => k.arn)
    if (instance.failureKind === 'stopped-after-start' && suspects.length > 0) {
      const group = suspects.sort().join(' ')
      onSuspects.set(group, [...(onSuspects.get(group) ?? []), instance])
    } else findings.push(instanceFinding(instance, keys, report))
  }
  for (const instances of onSuspects.values()) {
    const keys = report.keys.filter(k => instances[0].keys.includes(k.arn))
    findings.push(
      instances.length === 1
        ? instanceFinding(instances[0], keys, report)
        : stoppedOnSuspectsFinding(instances, keys, report)
    )
  }
  for (const file of report.files) findings.push(...fileFindings(file))

  const ordered = findings
    .map((f, n) => ({ f, n }))
    .sort(
      (a, b) =>
        LEVEL_RANK[a.f.level] - LEVEL_RANK[b.f.level] ||
        ROLE_RANK[a.f.role] - ROLE_RANK[b.f.role] ||
        a.n - b.n
    )
    .map(x => x.f)
  const counts = countRun(report, keyFindings)
  const failed = ordered.some(f => f.level === 'error')
  // A gate that judged nothing must not look like a pass.
  const decided = report.offline
    ? counts.policies + counts.unreadableFiles > 0
    : report.mode === 'check'
      ? counts.keys > 0 || counts.instances > 0
      : true
  const undecided = counts.keysUnverified + counts.policiesUnverified > 0 || !decided
  return {
    findings: ordered,
    failed,
    counts,
    icon: failed ? '❌' : undecided ? '⚠️' : '✅',
    headline: `${headlineText(report, counts)}${!failed && !decided ? ' Nothing was decided.' : ''}`,
    misconfiguredKeyArns: report.offline ? [] : report.keys.filter(keyBlocks).map(k => k.arn)
  }
}
