// @ts-check
// Instance life cycle. Transitions are planned with timestamps and applied lazily (advance) whenever the state
// is looked at, so a DescribeInstances sees exactly what the plan says for that moment; no timers.
import { performance } from 'node:perf_hooks'
import { mayEc2AttachVolume } from './grants.mjs'
import { epochOf } from './scenario.mjs'
import { gmt } from './xml.mjs'

/** @typedef {import('./scenario.mjs').Instance} Instance */
/** @typedef {import('./scenario.mjs').State} State */
/** @typedef {import('./scenario.mjs').Caller} Caller */
/** @typedef {import('./scenario.mjs').StateName} StateName */

/** @type {Record<StateName, number>} */
export const STATE_CODES = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80
}

export const KMS_INTERNAL_ERROR = {
  code: 'Client.InternalError',
  message: 'Client.InternalError: Client error on launch'
}
export const KMS_INVALID_STATE = {
  code: 'Client.InvalidKMSKey.InvalidState',
  message: 'Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state'
}
const USER_SHUTDOWN = {
  code: 'Client.UserInitiatedShutdown',
  message: 'Client.UserInitiatedShutdown: User initiated shutdown'
}

/**
 * Applies every planned transition that is due at `now`.
 * @param {Instance} inst
 * @param {number} [now] performance.now()
 */
export function advance(inst, now = performance.now()) {
  while (inst.plan.length && inst.plan[0].at <= now) {
    const step = /** @type {import('./scenario.mjs').PlanStep} */ (inst.plan.shift())
    inst.state = step.state
    if (step.reason !== undefined) inst.reason = step.reason
    if (step.stateReason !== undefined) inst.stateReason = step.stateReason
    if (step.state === 'running') inst.runningAt = step.at
    if (step.state === 'stopped') inst.stoppedAt = step.at
  }
  return inst
}

/** @param {State} state */
export function advanceAll(state) {
  const now = performance.now()
  for (const inst of state.instances) advance(inst, now)
}

/**
 * Starts a stopped instance: pending now; the outcome is decided here, at start time, by grants.mjs for every
 * encrypted volume. Usable keys: running after bootMs. Otherwise pending until bootMs/4, stopping until bootMs/2,
 * then stopped with the StateReason EC2 reports for KMS failures.
 * @param {State} state
 * @param {Instance} inst
 * @param {Caller} caller
 */
export function startInstance(state, inst, caller) {
  const now = performance.now()
  inst.startCount++
  inst.startedAt = now
  inst.state = 'pending'
  inst.reason = ''
  inst.stateReason = null
  inst.launchTime = Math.floor(epochOf(now) / 1000) * 1000
  inst.lastLaunch = []
  /** @type {{ code: string, message: string } | null} */
  let failure = null
  for (const vol of state.volumes.filter(v => v.instanceId === inst.id && v.encrypted)) {
    const keyArn = String(vol.kmsKeyId)
    const key = state.keys.find(k => k.arn === keyArn)
    const d = key
      ? mayEc2AttachVolume(key, caller, state.region, { volumeId: vol.id, instanceId: inst.id })
      : { allowed: false, why: 'invalidState' }
    inst.lastLaunch.push({ keyArn, volumeId: vol.id, allowed: d.allowed, why: d.why })
    if (!d.allowed && !failure) failure = d.why === 'invalidState' ? KMS_INVALID_STATE : KMS_INTERNAL_ERROR
  }
  if (inst.startFailure) failure = inst.startFailure
  if (!failure) {
    inst.plan = [{ at: now + inst.bootMs, state: 'running' }]
    return
  }
  inst.plan = [
    { at: now + inst.bootMs / 4, state: 'stopping', reason: failure.message },
    { at: now + inst.bootMs / 2, state: 'stopped', reason: failure.message, stateReason: failure }
  ]
}

/**
 * StopInstances on a pending/running instance: stopping now, stopped after stopMs.
 * @param {Instance} inst
 */
export function stopInstance(inst) {
  const now = performance.now()
  const reason = `User initiated (${gmt(epochOf(now))})`
  inst.state = 'stopping'
  inst.reason = reason
  inst.stateReason = null
  inst.plan = [{ at: now + inst.stopMs, state: 'stopped', reason, stateReason: USER_SHUTDOWN }]
}

/**
 * Instance status checks: 'initializing' until statusOkMs after it turned running, then 'ok'.
 * @param {Instance} inst
 * @param {number} [now]
 * @returns {'ok' | 'initializing' | 'not-applicable'}
 */
export function statusOf(inst, now = performance.now()) {
  if (inst.state !== 'running' || inst.runningAt === null) return 'not-applicable'
  return now - inst.runningAt >= inst.statusOkMs ? 'ok' : 'initializing'
}
