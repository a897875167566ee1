// Instance and system status checks, for wait-for: status-ok.
import { DescribeInstanceStatusCommand } from '@aws-sdk/client-ec2'
import type { EC2Client } from '@aws-sdk/client-ec2'
import { awsCall, listResources } from './errors.js'
import { chunk } from './instances.js'

// DescribeInstanceStatus accepts at most 100 explicit instance IDs (how-ec2-uses-kms.md 5).
export const STATUS_ID_BATCH = 100

export interface StatusChecks {
  instance: string // ok | impaired | initializing | insufficient-data | not-applicable
  system: string
}

export async function describeStatusChecks(
  ec2: EC2Client,
  ids: readonly string[]
): Promise<Map<string, StatusChecks>> {
  const found = new Map<string, StatusChecks>()
  for (const batch of chunk(ids, STATUS_ID_BATCH)) {
    const out = await awsCall(
      'DescribeInstanceStatus',
      listResources(batch),
      'ec2:DescribeInstanceStatus',
      () => ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: batch, IncludeAllInstances: true }))
    )
    for (const s of out.InstanceStatuses ?? []) {
      if (!s.InstanceId) continue
      found.set(s.InstanceId, {
        instance: s.InstanceStatus?.Status ?? 'insufficient-data',
        system: s.SystemStatus?.Status ?? 'insufficient-data'
      })
    }
  }
  return found
}
