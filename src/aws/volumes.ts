// Instance -> EBS volumes -> KMS key ARNs, with one DescribeVolumes per 500 volumes.
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2'
import type { EC2Client } from '@aws-sdk/client-ec2'
import { awsCall, listResources } from './errors.js'
import { chunk } from './instances.js'

// DescribeVolumes pages hold at most 500 volumes (how-ec2-uses-kms.md 5); the same bound keeps ID lists short.
export const DESCRIBE_VOLUME_BATCH = 500

export interface VolumeFacts {
  volumeId: string
  encrypted: boolean
  kmsKeyId?: string
  instanceIds: string[]
}

export async function describeVolumes(
  ec2: EC2Client,
  volumeIds: readonly string[]
): Promise<Map<string, VolumeFacts>> {
  const found = new Map<string, VolumeFacts>()
  for (const batch of chunk([...new Set(volumeIds)], DESCRIBE_VOLUME_BATCH)) {
    const out = await awsCall('DescribeVolumes', listResources(batch), 'ec2:DescribeVolumes', () =>
      ec2.send(new DescribeVolumesCommand({ VolumeIds: batch }))
    )
    for (const v of out.Volumes ?? []) {
      if (!v.VolumeId) continue
      found.set(v.VolumeId, {
        volumeId: v.VolumeId,
        encrypted: v.Encrypted === true,
        kmsKeyId: v.KmsKeyId,
        instanceIds: (v.Attachments ?? []).flatMap(a => (a.InstanceId ? [a.InstanceId] : []))
      })
    }
  }
  return found
}
