// resolveTargets with tag groups: one DescribeInstances per group, the union by instance ID, an empty group named.
import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { parseFilters } from '../../src/inputs.js'
import { resolveTargets, TargetError } from '../../src/aws/instances.js'
import { instance, reservations } from './ec2-mock.js'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const C = 'i-0ccccccccccccccc3'

function tagOf(input: { Filters?: Array<{ Name?: string; Values?: string[] }> }, name: string) {
  return input.Filters?.find(f => f.Name === name)?.Values
}

describe('resolveTargets with tag groups', () => {
  it('sends one DescribeInstances per group, ANDing its lines, and returns the union in order', async () => {
    const ec2 = mockClient(EC2Client)
    ec2.on(DescribeInstancesCommand).callsFake(input => {
      if (tagOf(input, 'tag:role')) return reservations(instance(C, 'stopped'), instance(A, 'stopped'))
      return reservations(instance(A, 'stopped'), instance(B, 'stopped'))
    })
    const groups = parseFilters('tag:env=ci\ntag:team=qa\n\ntag:role=db')
    const targets = await resolveTargets(new EC2Client({ region: 'us-east-1' }), [], groups)
    expect(targets.map(t => t.instanceId)).toEqual([A, B, C])
    const calls = ec2.commandCalls(DescribeInstancesCommand).map(c => c.args[0].input)
    expect(calls).toHaveLength(2)
    expect(calls[0].Filters?.map(f => f.Name)).toEqual(['tag:env', 'tag:team', 'instance-state-name'])
    expect(calls[1].Filters?.map(f => f.Name)).toEqual(['tag:role', 'instance-state-name'])
  })

  it('names the group that matches nothing, with the whole selection', async () => {
    const ec2 = mockClient(EC2Client)
    ec2
      .on(DescribeInstancesCommand)
      .callsFake(input =>
        tagOf(input, 'tag:role') ? { Reservations: [] } : reservations(instance(A, 'stopped'))
      )
    const groups = parseFilters('tag:env=ci\n---\ntag:role=db')
    const err = await resolveTargets(new EC2Client({ region: 'us-east-1' }), [], groups).catch(
      e => e as Error
    )
    expect(err).toBeInstanceOf(TargetError)
    expect((err as Error).message).toBe(
      'filters: no instance matches group 2 (tag:role=db) (terminated instances are not counted); the filters were group 1: tag:env=ci; group 2: tag:role=db.'
    )
  })
})
