// StartInstances in batches. A failing batch is split in halves so one bad instance cannot block the rest,
// and a state race (IncorrectInstanceState) is answered by reading the states again.
import { StartInstancesCommand } from '@aws-sdk/client-ec2'
import type { EC2Client } from '@aws-sdk/client-ec2'
import { AwsCallError, awsCall, listResources } from './errors.js'
import { chunk, describeInstancesById } from './instances.js'

// 250 IDs a call keeps 1000 instances within StartInstances' request burst of 5 (how-ec2-uses-kms.md 5), and keeps
// the blast radius of an all-or-nothing failure small before bisection.
export const START_BATCH_SIZE = 250
// Batches in flight at once: four (1000 instances) fit the burst of 5 with a token to spare, so a fleet of 1000 is
// started in one round trip instead of four; a larger fleet goes on as calls return, paced like before.
export const START_CONCURRENCY = 4

export type StartOutcome =
  | { kind: 'started' }
  | { kind: 'already-starting'; state: string } // someone else started it between our read and our call
  | { kind: 'wait-stopped' } // it is stopping: start it once it is stopped
  | { kind: 'failed'; error: AwsCallError | string }

export interface StartResult {
  outcomes: Map<string, StartOutcome>
  calls: number
}

function startCall(ec2: EC2Client, ids: string[]) {
  return awsCall('StartInstances', listResources(ids), 'ec2:StartInstances', () =>
    ec2.send(new StartInstancesCommand({ InstanceIds: ids }))
  )
}

// Errors that concern the whole call rather than one member: splitting would only repeat them.
const WHOLE_CALL_KINDS = new Set(['access-denied', 'credentials', 'throttling', 'transient'])

export async function startInstances(ec2: EC2Client, ids: readonly string[]): Promise<StartResult> {
  const outcomes = new Map<string, StartOutcome>()
  let calls = 0

  async function attempt(batch: string[], racesLeft: number): Promise<void> {
    calls++
    try {
      const out = await startCall(ec2, batch)
      // An instance someone else started since we looked comes back running -> running: it is not ours to stop.
      const previous = new Map((out.StartingInstances ?? []).map(s => [s.InstanceId, s.PreviousState?.Name]))
      for (const id of batch) {
        const before = previous.get(id)
        if (before === 'pending' || before === 'running')
          outcomes.set(id, { kind: 'already-starting', state: before })
        else outcomes.set(id, { kind: 'started' })
      }
      return
    } catch (err) {
      const error = err as AwsCallError
      if (error.kind === 'invalid-state' && racesLeft > 0) {
        await resortAfterRace(batch, racesLeft - 1)
        return
      }
      if (batch.length === 1 || WHOLE_CALL_KINDS.has(error.kind)) {
        for (const id of batch) outcomes.set(id, { kind: 'failed', error })
        return
      }
      const half = Math.ceil(batch.length / 2)
      await attempt(batch.slice(0, half), racesLeft)
      await attempt(batch.slice(half), racesLeft)
    }
  }

  async function resortAfterRace(batch: string[], racesLeft: number): Promise<void> {
    const now = await describeInstancesById(ec2, batch)
    const retry: string[] = []
    for (const id of batch) {
      const state = now.get(id)?.state
      if (state === 'stopped') retry.push(id)
      else if (state === 'pending' || state === 'running')
        outcomes.set(id, { kind: 'already-starting', state })
      else if (state === 'stopping') outcomes.set(id, { kind: 'wait-stopped' })
      else outcomes.set(id, { kind: 'failed', error: `it is ${state ?? 'gone'} and cannot be started` })
    }
    if (retry.length > 0) await attempt(retry, racesLeft)
  }

  const batches = chunk(ids, START_BATCH_SIZE)
  let next = 0
  const worker = async () => {
    while (next < batches.length) await attempt(batches[next++], 2)
  }
  await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, batches.length) }, worker))
  return { outcomes, calls }
}
