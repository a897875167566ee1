// Test helpers: SDK-shaped EC2 instances and a clock whose sleep advances time instantly.
import type { Instance } from '@aws-sdk/client-ec2'
import type { Clock } from '../../src/aws/poll.js'

const CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80
}

export function instance(id: string, state: string, extra: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    State: { Name: state as never, Code: CODES[state] },
    PrivateIpAddress: '10.0.0.5',
    PublicIpAddress: state === 'running' ? '203.0.113.5' : undefined,
    Tags: [{ Key: 'Name', Value: `web-${id.slice(-4)}` }],
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: `vol-${id.slice(2)}` } }],
    ...extra
  }
}

export function reservations(...instances: Instance[]) {
  return { Reservations: [{ Instances: instances }] }
}

export class ManualClock implements Clock {
  t = 0
  sleeps: number[] = []
  now(): number {
    return this.t
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms)
    this.t += ms
  }
}

export const KMS_STOP = {
  Code: 'Client.InternalError',
  Message: 'Client.InternalError: Client error on launch'
}
