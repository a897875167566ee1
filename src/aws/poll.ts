// Our own poller. The SDK's waitUntilInstanceRunning has no acceptor for `stopped`, so an instance whose
// KMS grant fails (pending -> stopped) makes it spin until its timeout; here that is a failure at once.
import type { EC2Client } from '@aws-sdk/client-ec2'
import type { WaitFor } from '../inputs.js'
import { formatStateReason } from '../report/state-reason.js'
import { AwsCallError } from './errors.js'
import { describeInstancesById, type InstanceSnapshot } from './instances.js'
import { startInstances } from './start.js'
import { describeStatusChecks, type StatusChecks } from './status.js'
import { nextPollDelayMs } from './poll-schedule.js'

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}

// Right after StartInstances, EC2's eventually consistent reads can still show the old `stopped`. A stopped
// instance whose StateReason is unchanged is only believed after this long.
export const STALE_READ_GRACE_MS = 10_000

export type Phase = 'wait-stopped' | 'to-start' | 'booting' | 'status-checks' | 'done' | 'failed'

export type FailureKind =
  'stopped-after-start' | 'not-running' | 'start-error' | 'status-impaired' | 'timeout'

export interface Tracked {
  id: string
  before: InstanceSnapshot
  /** The last snapshot before our StartInstances: what a stale read right after the start would still show. */
  atStart?: InstanceSnapshot
  last: InstanceSnapshot
  phase: Phase
  startedByUs: boolean
  startedAt?: number
  reachedAt?: number
  failure?: { kind: FailureKind; message: string; error?: AwsCallError }
  statusChecks?: StatusChecks
}

export interface WaitOptions {
  waitFor: WaitFor
  timeoutMs: number
  clock?: Clock
  onEvent?: (message: string) => void
  /** Called right before each StartInstances with the instances it is about to start, so the post step can find
   * them even if this step dies (a cancelled job) while the call is in flight. */
  onStarting?: (ids: string[]) => void
  /** Called after each StartInstances with every instance started so far, so the post step can stop them even if
   * this step dies while it waits. */
  onStarted?: (startedIds: string[]) => void
  /** Called after StartInstances and after each poll round, when the tracking records may have changed. */
  onPoll?: () => void
  /** Called once with the live tracking records, so a caller can report what is known if polling fails fatally. */
  onTracked?: (tracked: readonly Tracked[]) => void
}

export interface WaitResult {
  tracked: Tracked[]
  startedAtMs: number
  finishedAtMs: number
  polls: number
  startCalls: number
}

const ACTIVE: ReadonlySet<Phase> = new Set(['wait-stopped', 'to-start', 'booting', 'status-checks'])
const DOWN = new Set(['stopping', 'stopped', 'shutting-down', 'terminated'])

function initialPhase(state: string, waitFor: WaitFor): Phase {
  if (state === 'running') return waitFor === 'status-ok' ? 'status-checks' : 'done'
  if (state === 'pending') return 'booting'
  if (state === 'stopping') return 'wait-stopped'
  if (state === 'stopped') return 'to-start'
  return 'failed'
}

function reasonChanged(before: InstanceSnapshot, now: InstanceSnapshot): boolean {
  return (
    before.state !== now.state ||
    before.stateReason?.code !== now.stateReason?.code ||
    before.stateReason?.message !== now.stateReason?.message ||
    before.transitionReason !== now.transitionReason
  )
}

function describeFailure(t: Tracked): string {
  const why = formatStateReason(t.last.stateReason)
  return `${t.id} went ${t.before.state === 'stopped' ? 'pending' : t.before.state} -> ${t.last.state}${why ? ` (${why})` : ''}`
}

export async function startAndWait(
  ec2: EC2Client,
  targets: readonly InstanceSnapshot[],
  options: WaitOptions
): Promise<WaitResult> {
  const clock = options.clock ?? realClock
  const say = options.onEvent ?? (() => undefined)
  const startedAtMs = clock.now()
  const deadline = startedAtMs + options.timeoutMs
  const tracked: Tracked[] = targets.map(t => ({
    id: t.instanceId,
    before: t,
    last: t,
    phase: initialPhase(t.state, options.waitFor),
    startedByUs: false
  }))
  options.onTracked?.(tracked)
  let polls = 0
  let startCalls = 0

  // Each outcome is logged the moment it is known: a silent stop shows in the log one poll after it happens,
  // not when the slowest instance of the fleet is done.
  const fail = (t: Tracked, kind: FailureKind, message: string, error?: AwsCallError) => {
    t.phase = 'failed'
    t.failure = { kind, message, error }
    say(`✗ ${message}`)
  }
  const reach = (t: Tracked) => {
    t.phase = 'done'
    t.reachedAt = clock.now()
    if (options.waitFor === 'none') {
      // Nothing was observed: the instance was only asked to start, so no time to a state and no ✓.
      t.reachedAt = undefined
      say(`→ ${t.id} ${t.startedByUs ? 'start requested' : t.last.state} (wait-for: none, not verified)`)
      return
    }
    const after =
      t.startedAt === undefined ? '' : ` after ${((t.reachedAt - t.startedAt) / 1000).toFixed(1)} s`
    say(
      `✓ ${t.id} ${t.last.state}${options.waitFor === 'status-ok' ? ', status checks ok' : ''}${after}${t.last.privateIp ? ` (${t.last.privateIp})` : ''}`
    )
  }

  // A poll that fails after the SDK's own retries (an EC2 brownout) is skipped, not fatal: the instances are
  // already starting, and the next poll, or the timeout, decides. Denied or missing credentials stay fatal.
  let lastPollError: string | undefined
  // Polls in a row that AWS throttled beyond the SDK's retries: the schedule backs off while they last.
  let throttledPolls = 0
  const readOrSkip = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await read()
      lastPollError = undefined
      throttledPolls = 0
      return value
    } catch (err) {
      const error = err as AwsCallError
      if (!(error instanceof AwsCallError) || error.kind === 'access-denied' || error.kind === 'credentials')
        throw err
      lastPollError = error.message
      throttledPolls = error.kind === 'throttling' ? throttledPolls + 1 : 0
      say(`! ${error.message}; trying again at the next poll`)
      return undefined
    }
  }

  for (;;) {
    const toStart = tracked.filter(t => t.phase === 'to-start')
    if (toStart.length > 0) {
      options.onStarting?.(toStart.map(t => t.id))
      const result = await startInstances(
        ec2,
        toStart.map(t => t.id)
      )
      startCalls += result.calls
      for (const t of toStart) {
        const outcome = result.outcomes.get(t.id)
        if (outcome?.kind === 'started') {
          Object.assign(t, { phase: 'booting', startedByUs: true, startedAt: clock.now(), atStart: t.last })
        } else if (outcome?.kind === 'already-starting') t.phase = 'booting'
        else if (outcome?.kind === 'wait-stopped') t.phase = 'wait-stopped'
        else {
          const error = outcome?.error
          fail(
            t,
            'start-error',
            typeof error === 'string' ? `${t.id}: ${error}` : (error?.message ?? 'not started'),
            typeof error === 'string' ? undefined : error
          )
        }
      }
      const started = toStart.filter(t => t.startedByUs).length
      // Also when none was started: it ends the "being started" window that onStarting opened.
      options.onStarted?.(tracked.filter(t => t.startedByUs).map(t => t.id))
      if (started > 0) {
        say(`StartInstances accepted ${started} instance(s); verifying that they really run`)
      }
    }

    if (options.waitFor === 'none') {
      for (const t of tracked) if (t.phase === 'booting' || t.phase === 'status-checks') reach(t)
    }
    options.onPoll?.()
    const active = tracked.filter(t => ACTIVE.has(t.phase))
    if (active.length === 0) break

    const now = clock.now()
    if (now >= deadline) {
      for (const t of active) {
        fail(
          t,
          'timeout',
          `${t.id} was still ${t.last.state}${t.phase === 'status-checks' ? ` (status checks ${t.statusChecks?.instance ?? '?'}/${t.statusChecks?.system ?? '?'})` : ''} after ${Math.round(options.timeoutMs / 1000)} s${lastPollError ? `; the last poll failed: ${lastPollError}` : ''}`
        )
      }
      break
    }
    await clock.sleep(
      Math.min(nextPollDelayMs({ elapsedMs: now - startedAtMs, throttledPolls }), deadline - now)
    )

    polls++
    const watched = tracked.filter(
      t => t.phase === 'wait-stopped' || t.phase === 'booting' || t.phase === 'status-checks'
    )
    const seen = await readOrSkip(() =>
      describeInstancesById(
        ec2,
        watched.map(t => t.id)
      )
    )
    if (!seen) continue
    for (const t of watched) {
      const snapshot = seen.get(t.id)
      if (!snapshot) {
        fail(t, 'not-running', `${t.id} is no longer visible to DescribeInstances`)
        continue
      }
      t.last = snapshot
      if (t.phase === 'wait-stopped') {
        if (snapshot.state === 'stopped') t.phase = 'to-start'
        else if (snapshot.state !== 'stopping') t.phase = initialPhase(snapshot.state, options.waitFor)
        if (t.phase === 'failed')
          fail(t, 'not-running', `${t.id} became ${snapshot.state} while we waited for it to stop`)
        continue
      }
      if (DOWN.has(snapshot.state)) {
        const maybeStale =
          t.startedByUs &&
          snapshot.state === 'stopped' &&
          !reasonChanged(t.atStart ?? t.before, snapshot) &&
          clock.now() - (t.startedAt ?? 0) < STALE_READ_GRACE_MS
        if (!maybeStale) fail(t, t.startedByUs ? 'stopped-after-start' : 'not-running', describeFailure(t))
        continue
      }
      if (snapshot.state === 'running') {
        if (options.waitFor === 'status-ok') t.phase = 'status-checks'
        else reach(t)
      }
    }

    const checking = tracked.filter(t => t.phase === 'status-checks')
    if (checking.length > 0) {
      const statuses = await readOrSkip(() =>
        describeStatusChecks(
          ec2,
          checking.map(t => t.id)
        )
      )
      if (!statuses) continue
      for (const t of checking) {
        const s = statuses.get(t.id)
        if (!s) continue
        t.statusChecks = s
        if (s.instance === 'ok' && s.system === 'ok') reach(t)
        else if (s.instance === 'impaired' || s.system === 'impaired') {
          fail(
            t,
            'status-impaired',
            `${t.id} is running but its status checks are impaired (instance ${s.instance}, system ${s.system})`
          )
        }
      }
    }
  }

  return { tracked, startedAtMs, finishedAtMs: clock.now(), polls, startCalls }
}
