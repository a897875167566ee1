// The live run: credentials, targets, diagnosis, (fix), start and verify. Returns the report; logs progress.
import { describeFilterGroups, type Inputs } from './inputs.js'
import { createClients, withAbortSignal, type AwsClients } from './aws/clients.js'
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types'
import { callerFromArn, getCaller } from './aws/caller.js'
import { withRolePathFrom } from './kms/principal.js'
import { listResources } from './aws/errors.js'
import { resolveTargets, TargetError, unstartable, type InstanceSnapshot } from './aws/instances.js'
import { realClock, startAndWait, type Clock, type Tracked } from './aws/poll.js'
import type { Diagnosis } from './diagnosis/diagnose.js'
import type { Caller } from './kms/types.js'
import { ranAfterOurStart } from './report/findings.js'
import { newRunReport, type InstanceReport, type RunReport } from './report/model.js'
import { troubleshootingLink } from './report/links.js'
import { STATE } from './state.js'

// KMS applies key-policy changes after a short delay (how-ec2-uses-kms.md 5, "eventual consistency").
export const POLICY_SETTLE_MS = 3000

/**
 * What a live run needs from its edge (the action's runner, or the command line) and tells it besides its report:
 * progress lines, state for the post step, and the credentials. The core never reads them itself: the action
 * exchanges a GitHub OIDC token, the CLI uses the operator's profile or the SDK's default chain.
 */
export interface RunIO {
  info(message: string): void
  saveState(name: string, value: string): void
  /** The credentials of every client of the run; undefined: the SDK's default chain. */
  credentials(): Promise<AwsCredentialIdentityProvider | undefined>
  /** After each poll round: the instances as last seen, for a live display (the CLI's line per instance). */
  progress?(instances: readonly Tracked[]): void
}

const UNFINISHED = new Set(['wait-stopped', 'to-start', 'booting', 'status-checks'])

function instanceReport(t: Tracked, waitFor: string, keys: string[], endedEarly?: string): InstanceReport {
  const reached = t.phase === 'done'
  // A step that ended before this instance was decided says so, instead of a failure with no reason.
  const unfinished =
    endedEarly && UNFINISHED.has(t.phase)
      ? `${t.id} was not verified: the step ended early (${endedEarly}); last seen ${t.last.state}${t.startedByUs && t.last === t.atStart ? ', before StartInstances accepted it' : ''}`
      : undefined
  return {
    instanceId: t.id,
    name: t.last.name ?? t.before.name,
    stateBefore: t.before.state,
    state: t.last.state,
    stateReason: t.phase === 'failed' ? t.last.stateReason : undefined,
    privateIp: t.last.privateIp,
    publicIp: t.last.publicIp,
    startedByThisStep: t.startedByUs,
    outcome: !reached
      ? 'failed'
      : waitFor === 'status-ok'
        ? 'status-ok'
        : waitFor === 'none'
          ? 'start-requested'
          : 'running',
    secondsToState:
      reached && t.reachedAt !== undefined && t.startedAt !== undefined
        ? (t.reachedAt - t.startedAt) / 1000
        : undefined,
    failure: t.failure?.message ?? unfinished,
    failureKind: t.failure?.kind,
    keys
  }
}

function checkedReport(s: InstanceSnapshot, keys: string[]): InstanceReport {
  return {
    instanceId: s.instanceId,
    name: s.name,
    stateBefore: s.state,
    state: s.state,
    privateIp: s.privateIp,
    publicIp: s.publicIp,
    startedByThisStep: false,
    outcome: 'checked',
    keys
  }
}

async function findCaller(inputs: Inputs, clients: AwsClients): Promise<Caller> {
  if (inputs.principalArn) return callerFromArn(inputs.principalArn)
  // role-to-assume names the role with its path, which the session ARN from STS drops.
  return withRolePathFrom(await getCaller(await clients.sts()), inputs.roleToAssume)
}

/** The diagnosis did not finish within diagnosis-timeout-seconds; its requests were aborted. */
export class DiagnosisTimeout extends Error {
  constructor(readonly seconds: number) {
    super(
      `The KMS diagnosis timed out after ${seconds} s (diagnosis-timeout-seconds); its AWS requests were cancelled`
    )
    this.name = 'DiagnosisTimeout'
  }
}

/** AWS clients whose every request is cancelled when `signal` aborts. */
function abortable(clients: AwsClients, signal: AbortSignal): AwsClients {
  return {
    ec2: async () => withAbortSignal(await clients.ec2(), signal),
    kms: async () => withAbortSignal(await clients.kms(), signal),
    sts: async () => withAbortSignal(await clients.sts(), signal),
    iam: async () => withAbortSignal(await clients.iam(), signal),
    loaded: () => clients.loaded()
  }
}

/**
 * The diagnosis, bounded by diagnosis-timeout-seconds: at the deadline every request still in flight is aborted
 * (so none keeps the process alive) and DiagnosisTimeout is thrown. A KMS endpoint that never answers must not keep
 * the instances from being started.
 */
async function diagnoseWithin(
  inputs: Inputs,
  clients: AwsClients,
  targets: readonly InstanceSnapshot[],
  io: RunIO
): Promise<Diagnosis> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new DiagnosisTimeout(inputs.diagnosisTimeoutSeconds))
    }, inputs.diagnosisTimeoutSeconds * 1000)
  })
  const work = diagnose(inputs, abortable(clients, controller.signal), targets, io)
  // Settles after the deadline once its requests are aborted; nobody awaits it then.
  work.catch(() => undefined)
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

async function diagnose(
  inputs: Inputs,
  clients: AwsClients,
  targets: readonly InstanceSnapshot[],
  io: RunIO
): Promise<Diagnosis> {
  const caller = await findCaller(inputs, clients)
  // Loaded after the first AWS call is on its way: KMS code is not part of the cold start.
  const { diagnoseKeys } = await import('./diagnosis/diagnose.js')
  const diagnosis = await diagnoseKeys(
    { ec2: await clients.ec2(), kms: await clients.kms(), iam: () => clients.iam() },
    targets,
    caller,
    inputs.region,
    inputs.fix
  )
  for (const key of diagnosis.keys) {
    const mark = key.status === 'ok' ? '✓' : key.status === 'misconfigured' ? '✗' : '?'
    io.info(`${mark} ${key.alias ?? key.arn}: ${key.verdict.verdict} — ${key.verdict.reason}`)
    if (key.fix && inputs.fix === 'suggest') {
      const where =
        key.fix.target === 'key-policy' ? `the key policy of ${key.arn}` : "the caller's IAM policy"
      // One io.info per line: the sink keeps every message to one line, so a value can never start a new one.
      io.info(`  Fix: add this statement to ${where}:`)
      for (const line of JSON.stringify(key.fix.statement, null, 2).split('\n')) io.info(line)
    }
  }
  return diagnosis
}

async function applyFixes(
  inputs: Inputs,
  clients: AwsClients,
  diagnosis: Diagnosis,
  clock: Clock,
  io: RunIO
): Promise<void> {
  const kms = await clients.kms()
  const { applyKeyPolicyFix, refuseToEdit } = await import('./diagnosis/apply-fix.js')
  let changed = 0
  for (const key of diagnosis.keys.filter(k => k.status === 'misconfigured')) {
    // A key no statement can fix (disabled, a Deny, someone else's) keeps its own advice, not a useless statement.
    const refusal = refuseToEdit(key, diagnosis.evidence.get(key.arn), diagnosis.caller)
    if (refusal) {
      // Kept on the key: the summary and the key's annotation say why it was not edited.
      key.applyRefusal = refusal
      io.info(`fix: apply — not applied to ${key.arn}: ${refusal}.`)
      continue
    }
    key.fix = await applyKeyPolicyFix(
      kms,
      key,
      diagnosis.evidence.get(key.arn),
      diagnosis.caller,
      inputs.region
    )
    const applied = key.fix.applied
    if (applied?.outcome === 'added') changed++
    if (applied) io.info(`fix: apply — ${applied.outcome}: ${applied.detail}`)
    if (applied?.outcome === 'added') {
      // The statement added, in the log too: users must be able to see exactly what changed.
      io.info(JSON.stringify(key.fix.statement))
    }
  }
  if (changed > 0) await clock.sleep(POLICY_SETTLE_MS)
}

/** A key judged misconfigured that AWS showed working: an instance seen running after this step started it. */
function markDisagreements(report: RunReport): void {
  for (const key of report.keys.filter(k => k.status === 'misconfigured')) {
    // Only what AWS showed is evidence: with wait-for none an instance was only asked to start, and an instance
    // already running before the step says nothing about a new start.
    const ran = report.instances.filter(i => key.instances.includes(i.instanceId) && ranAfterOurStart(i))
    if (ran.length > 0) {
      key.disagreement = `Yet ${listResources(ran.map(i => i.instanceId))} started with this key: something this analysis cannot see allowed the grant (an IAM policy, a grant, or a policy element it does not model). Treat this finding as a warning and check the key.`
    }
  }
}

/** Keys whose metadata or policy could not be read: a check cannot call them usable (unreadable-policy). */
function unreadableKeys(diagnosis: Diagnosis) {
  return diagnosis.keys.filter(
    k => k.status !== 'ok' && diagnosis.evidence.get(k.arn)?.readError !== undefined
  )
}

function recordDiagnosis(report: RunReport, diagnosis: Diagnosis, inputs: Inputs): void {
  report.caller = diagnosis.caller.principalArn
  report.keys = diagnosis.keys
  report.warnings.push(...diagnosis.warnings)
  if (inputs.mode !== 'check' || inputs.unreadablePolicy !== 'fail') return
  for (const key of unreadableKeys(diagnosis)) {
    report.problems.push(
      `${key.alias ?? key.arn} could not be read, so this check cannot say that EC2 may use it (unreadable-policy: fail): ${diagnosis.evidence.get(key.arn)?.readError}. See ${troubleshootingLink('CANNOT_EVALUATE')}`
    )
  }
}

/** Waits for the diagnosis that ran during the start (it never rejects) and records it. */
async function recordConcurrent(
  concurrent: Promise<Diagnosis | undefined> | undefined,
  report: RunReport,
  inputs: Inputs
): Promise<Diagnosis | undefined> {
  const diagnosis = await concurrent
  if (diagnosis) recordDiagnosis(report, diagnosis, inputs)
  return diagnosis
}

/**
 * The live run. It fills `report` as it goes, so that when it throws (expired credentials mid-poll, a denied call)
 * the caller can still publish the outputs and summary of what is known.
 */
export async function runLive(
  inputs: Inputs,
  io: RunIO,
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = realClock,
  report: RunReport = newRunReport(inputs)
): Promise<RunReport> {
  const began = clock.now()
  // Epoch time, as EC2's LaunchTime: the post step stops an instance "being started" only if it launched since.
  io.saveState(STATE.stepBeganAt, String(Date.now()))
  try {
    return await runLiveSteps(inputs, io, env, clock, report)
  } finally {
    report.durationMs = clock.now() - began
  }
}

async function runLiveSteps(
  inputs: Inputs,
  io: RunIO,
  env: NodeJS.ProcessEnv,
  clock: Clock,
  report: RunReport
): Promise<RunReport> {
  const credentials = await io.credentials()
  const clients = createClients({ region: inputs.region, credentials })
  const ec2 = await clients.ec2()
  io.saveState(STATE.region, inputs.region)

  if (inputs.filters.length > 0) report.filters = describeFilterGroups(inputs.filters)
  const targets = await resolveTargets(ec2, inputs.instanceIds, inputs.filters)
  io.info(`Targets: ${targets.map(t => `${t.instanceId} (${t.state})`).join(', ')}`)
  // What is known if the step ends before the start: the targets as they are, none started by this step.
  report.instances = targets.map(t => checkedReport(t, []))
  const dead = unstartable(targets)
  if (dead.length > 0 && inputs.mode === 'start') {
    // StartInstances would fail the whole call, so nothing is started.
    throw new TargetError(
      `${listResources(
        dead.map(d => `${d.instanceId} (${d.state})`),
        10
      )} cannot be started; nothing was started. Remove ${dead.length === 1 ? 'it' : 'them'} from instance-ids.`
    )
  }

  let diagnosis: Diagnosis | undefined
  const timedOutLink = troubleshootingLink('DIAGNOSIS_TIMED_OUT')
  // With fix: suggest nothing has to happen before the start: StartInstances goes out as soon as the states are
  // known and the diagnosis runs while the instances boot (it needs a few calls; a failed start takes seconds to
  // show), and the report waits for it. fix: apply must edit the key policies first, and check is the diagnosis.
  let concurrent: Promise<Diagnosis | undefined> | undefined
  const diagnosisFailed = (err: unknown, when: 'before' | 'during') =>
    report.warnings.push(
      err instanceof DiagnosisTimeout
        ? `${err.message}, so the instances were started without it. See ${timedOutLink}`
        : `The KMS diagnosis ${when} the start failed, so the instances were started without it: ${(err as Error).message}`
    )
  if (inputs.mode === 'check') {
    // A gate that cannot read the keys must not pass: errors here fail the step, and so does the deadline.
    try {
      diagnosis = await diagnoseWithin(inputs, clients, targets, io)
    } catch (err) {
      if (!(err instanceof DiagnosisTimeout)) throw err
      report.problems.push(
        `${err.message}, so the check fails: keys it did not read may block EC2. See ${timedOutLink}`
      )
    }
  } else if (inputs.fix === 'apply') {
    try {
      diagnosis = await diagnoseWithin(inputs, clients, targets, io)
    } catch (err) {
      diagnosisFailed(err, 'before')
    }
  }
  // Begun once the first StartInstances has answered (or at once when no target is stopped): loading the STS and
  // KMS clients and their calls must not delay the start, and a failed start takes seconds to show.
  const beginDiagnosis = () => {
    if (inputs.mode !== 'start' || inputs.fix !== 'suggest' || concurrent) return
    concurrent = diagnoseWithin(inputs, clients, targets, io).then(
      d => d,
      (err: unknown) => {
        diagnosisFailed(err, 'during')
        return undefined
      }
    )
  }
  if (!targets.some(t => t.state === 'stopped')) beginDiagnosis()
  if (diagnosis) recordDiagnosis(report, diagnosis, inputs)
  if (diagnosis && inputs.fix === 'apply') await applyFixes(inputs, clients, diagnosis, clock, io)

  if (inputs.mode === 'check') {
    report.instances = targets.map(t => checkedReport(t, diagnosis?.instanceKeys.get(t.instanceId) ?? []))
  } else {
    let tracked: readonly Tracked[] = []
    let result: Awaited<ReturnType<typeof startAndWait>>
    try {
      result = await startAndWait(ec2, targets, {
        waitFor: inputs.waitFor,
        timeoutMs: inputs.timeoutSeconds * 1000,
        clock,
        onEvent: message => io.info(message),
        onTracked: t => (tracked = t),
        onPoll: () => io.progress?.(tracked),
        // Saved before the call is sent: a job cancelled while StartInstances is in flight still lets the post
        // step find them (it stops only those that launched after this step began).
        onStarting: ids => io.saveState(STATE.startingInstanceIds, JSON.stringify(ids)),
        onStarted: ids => {
          io.saveState(STATE.startedInstanceIds, JSON.stringify(ids))
          io.saveState(STATE.startingInstanceIds, '[]')
          beginDiagnosis()
        }
      })
    } catch (err) {
      // The step ends on this error; what the diagnosis finds still goes into the report.
      beginDiagnosis()
      diagnosis = await recordConcurrent(concurrent, report, inputs)
      report.instances = tracked.map(t =>
        instanceReport(t, inputs.waitFor, diagnosis?.instanceKeys.get(t.id) ?? [], (err as Error).message)
      )
      throw err
    }
    report.polls = result.polls
    // A failure carries its cause: the report waits for the diagnosis that ran during the boot.
    beginDiagnosis()
    if (concurrent) diagnosis = await recordConcurrent(concurrent, report, inputs)
    const failed = result.tracked.filter(t => t.phase === 'failed')
    if (!diagnosis && failed.length > 0) {
      // fix: off skips the diagnosis up front; a failure still deserves its cause, as far as we can read it.
      try {
        diagnosis = await diagnoseWithin(
          inputs,
          clients,
          failed.map(t => t.last),
          io
        )
        recordDiagnosis(report, diagnosis, inputs)
      } catch (err) {
        report.warnings.push(
          `Could not diagnose the KMS keys of the failed instances: ${(err as Error).message}`
        )
      }
    }
    report.instances = result.tracked.map(t =>
      instanceReport(t, inputs.waitFor, diagnosis?.instanceKeys.get(t.id) ?? [])
    )
  }
  markDisagreements(report)
  return report
}
