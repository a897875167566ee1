// Finds the target instances and reads their state: IDs in batches, filters paginated.
import { DescribeInstancesCommand, paginateDescribeInstances } from '@aws-sdk/client-ec2'
import type { EC2Client, Filter, Instance } from '@aws-sdk/client-ec2'
import { describeFilterGroups, type Ec2Filter, type FilterGroup } from '../inputs.js'
import { awsCall, listResources } from './errors.js'

/** What the action needs to know about one instance at one moment. */
export interface InstanceSnapshot {
  instanceId: string
  name?: string
  state: string
  stateReason?: { code?: string; message?: string }
  transitionReason?: string
  privateIp?: string
  publicIp?: string
  volumeIds: string[]
  rootDeviceType?: string
  /** LaunchTime in epoch ms: EC2 sets it on every start, to the second (it says whether a start was ours). */
  launchTime?: number
}

// EC2 documents no cap on InstanceId.N; 1000 matches the largest page DescribeInstances returns, so a
// poll costs ceil(N/1000) calls however the fleet was found.
export const DESCRIBE_ID_BATCH = 1000
const FILTER_PAGE_SIZE = 1000

// Filters find fleets by tag; an instance terminated within the last hour still matches them, and
// failing the step for it would punish the user for AWS's lingering records.
const LIVE_STATES: Filter = {
  Name: 'instance-state-name',
  Values: ['pending', 'running', 'stopping', 'stopped']
}

export function toSnapshot(instance: Instance): InstanceSnapshot {
  const name = instance.Tags?.find(t => t.Key === 'Name')?.Value
  return {
    instanceId: instance.InstanceId ?? '',
    name,
    state: instance.State?.Name ?? 'unknown',
    stateReason:
      instance.StateReason && (instance.StateReason.Code || instance.StateReason.Message)
        ? { code: instance.StateReason.Code, message: instance.StateReason.Message }
        : undefined,
    transitionReason: instance.StateTransitionReason || undefined,
    privateIp: instance.PrivateIpAddress,
    publicIp: instance.PublicIpAddress,
    volumeIds: (instance.BlockDeviceMappings ?? []).flatMap(m => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : [])),
    rootDeviceType: instance.RootDeviceType,
    launchTime: instance.LaunchTime?.getTime()
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** One DescribeInstances per 1000 IDs; the result is keyed by instance ID. */
export async function describeInstancesById(
  ec2: EC2Client,
  ids: readonly string[]
): Promise<Map<string, InstanceSnapshot>> {
  const found = new Map<string, InstanceSnapshot>()
  for (const batch of chunk(ids, DESCRIBE_ID_BATCH)) {
    const out = await awsCall('DescribeInstances', listResources(batch), 'ec2:DescribeInstances', () =>
      ec2.send(new DescribeInstancesCommand({ InstanceIds: batch }))
    )
    for (const reservation of out.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        const snapshot = toSnapshot(instance)
        found.set(snapshot.instanceId, snapshot)
      }
    }
  }
  return found
}

export function filterLabel(filters: readonly Ec2Filter[]): string {
  return filters.map(f => f.source).join(' AND ')
}

/** All instances matching every filter (EC2 ANDs filters and ORs the values within one). */
export async function describeInstancesByFilters(
  ec2: EC2Client,
  filters: readonly Ec2Filter[]
): Promise<InstanceSnapshot[]> {
  const ec2Filters: Filter[] = filters.map(f => ({ Name: f.name, Values: f.values }))
  if (!filters.some(f => f.name === 'instance-state-name')) ec2Filters.push(LIVE_STATES)
  const found: InstanceSnapshot[] = []
  await awsCall('DescribeInstances', `filters ${filterLabel(filters)}`, 'ec2:DescribeInstances', async () => {
    const pages = paginateDescribeInstances(
      { client: ec2, pageSize: FILTER_PAGE_SIZE },
      { Filters: ec2Filters }
    )
    for await (const page of pages) {
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) found.push(toSnapshot(instance))
      }
    }
  })
  return found
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TargetError'
  }
}

/**
 * The union of the named instances and the matches of every tag group, in a stable order (IDs first, then each
 * group's new matches in turn). One DescribeInstances (paginated) per group: EC2 ANDs the filters of one call, so
 * the OR between groups is the union of their calls. A group that matches nothing fails the step, naming the group:
 * in a union it would otherwise vanish without a trace (a typo in one tag, one half of an environment missing).
 */
export async function resolveTargets(
  ec2: EC2Client,
  ids: readonly string[],
  groups: readonly FilterGroup[]
): Promise<InstanceSnapshot[]> {
  const byId = ids.length > 0 ? await describeInstancesById(ec2, ids) : new Map<string, InstanceSnapshot>()
  const missing = ids.filter(id => !byId.has(id))
  if (missing.length > 0) {
    // EC2 silently omits instances of other accounts instead of answering NotFound.
    throw new TargetError(
      `instance-ids: ${listResources(missing, 10)} ${missing.length === 1 ? 'does' : 'do'} not exist in this region or ${missing.length === 1 ? 'is' : 'are'} not visible to this account.`
    )
  }
  const targets = ids.map(id => byId.get(id) as InstanceSnapshot)
  const empty: string[] = []
  for (const [i, group] of groups.entries()) {
    const matches = await describeInstancesByFilters(ec2, group)
    if (matches.length === 0) {
      empty.push(groups.length > 1 ? `group ${i + 1} (${filterLabel(group)})` : filterLabel(group))
    }
    for (const match of matches)
      if (!byId.has(match.instanceId)) {
        byId.set(match.instanceId, match)
        targets.push(match)
      }
  }
  if (empty.length > 0) {
    throw new TargetError(
      `filters: no instance matches ${empty.join(', nor ')} (terminated instances are not counted)${groups.length > 1 ? `; the filters were ${describeFilterGroups(groups)}` : ''}.`
    )
  }
  return targets
}

/** StartInstances is all-or-nothing: one terminated member fails the whole call, so refuse up front. */
export function unstartable(targets: readonly InstanceSnapshot[]): InstanceSnapshot[] {
  return targets.filter(t => t.state === 'terminated' || t.state === 'shutting-down')
}
