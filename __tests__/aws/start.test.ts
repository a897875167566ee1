import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeInstancesCommand,
  EC2Client,
  EC2ServiceException,
  StartInstancesCommand
} from '@aws-sdk/client-ec2'
import { START_CONCURRENCY, startInstances } from '../../src/aws/start.js'
import { instance, reservations } from './ec2-mock.js'

const ec2Mock = mockClient(EC2Client)
const ec2 = new EC2Client({ region: 'us-east-1' })

function ec2Error(name: string, message = name) {
  return new EC2ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message })
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-${(i + 1).toString(16).padStart(17, '0')}`)

beforeEach(() => {
  ec2Mock.reset()
})

describe('startInstances', () => {
  it('sends the batches of 1000 instances at once, and never more than four at a time', async () => {
    let inFlight = 0
    let most = 0
    const sizes: number[] = []
    ec2Mock.on(StartInstancesCommand).callsFake(async input => {
      sizes.push((input.InstanceIds as string[]).length)
      most = Math.max(most, ++inFlight)
      await new Promise(resolve => setTimeout(resolve, 20))
      inFlight--
      return {}
    })
    const thousand = await startInstances(ec2, ids(1000))
    expect([START_CONCURRENCY, most, sizes]).toEqual([4, 4, [250, 250, 250, 250]])
    expect([...thousand.outcomes.values()].every(o => o.kind === 'started')).toBe(true)

    most = 0
    sizes.length = 0
    const more = await startInstances(ec2, ids(1700))
    expect([most, sizes.length, thousand.calls, more.calls]).toEqual([4, 7, 4, 7])
    expect(more.outcomes.size).toBe(1700)
  })

  it('bisects a failing batch down to the one bad instance and starts the rest', async () => {
    const all = ids(8)
    const bad = all[5]
    ec2Mock.on(StartInstancesCommand).callsFake(input => {
      if ((input.InstanceIds as string[]).includes(bad))
        throw ec2Error('InsufficientInstanceCapacity', 'no capacity')
      return {}
    })
    const result = await startInstances(ec2, all)
    const failed = [...result.outcomes].filter(([, o]) => o.kind === 'failed').map(([id]) => id)
    expect(failed).toEqual([bad])
    expect([...result.outcomes.values()].filter(o => o.kind === 'started')).toHaveLength(7)
    // 1 + 2 + 2 + 2 calls: log2(8) levels, never one call per instance.
    expect(result.calls).toBe(7)
  })

  it('re-reads the states after IncorrectInstanceState and retries only what is still stopped', async () => {
    const [a, b, c] = ids(3)
    ec2Mock
      .on(StartInstancesCommand)
      .rejectsOnce(
        ec2Error(
          'IncorrectInstanceState',
          `The instance '${c}' is not in a state from which it can be started.`
        )
      )
      .resolves({})
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolves(reservations(instance(a, 'stopped'), instance(b, 'pending'), instance(c, 'terminated')))
    const result = await startInstances(ec2, [a, b, c])
    expect(ec2Mock.commandCalls(StartInstancesCommand).map(x => x.args[0].input.InstanceIds)).toEqual([
      [a, b, c],
      [a]
    ])
    expect(result.outcomes.get(a)).toEqual({ kind: 'started' })
    expect(result.outcomes.get(b)).toEqual({ kind: 'already-starting', state: 'pending' })
    expect(result.outcomes.get(c)).toMatchObject({ kind: 'failed' })
  })

  it('does not bisect an access-denied call: it names the permission once for the batch', async () => {
    ec2Mock
      .on(StartInstancesCommand)
      .rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'))
    const result = await startInstances(ec2, ids(4))
    expect(result.calls).toBe(1)
    const outcome = result.outcomes.get(ids(4)[0])
    expect(outcome?.kind).toBe('failed')
    const message =
      outcome?.kind === 'failed' && typeof outcome.error !== 'string' ? outcome.error.message : ''
    expect(message).toMatch(
      /^StartInstances failed for i-0+1, i-0+2, i-0+3 and 1 more: UnauthorizedOperation .*the role needs ec2:StartInstances$/
    )
  })
})

describe('startInstances and instances started by someone else', () => {
  it('does not claim an instance that StartInstances reports as already running', async () => {
    const [a, b] = ids(2)
    ec2Mock.on(StartInstancesCommand).resolves({
      StartingInstances: [
        { InstanceId: a, PreviousState: { Name: 'stopped' }, CurrentState: { Name: 'pending' } },
        { InstanceId: b, PreviousState: { Name: 'running' }, CurrentState: { Name: 'running' } }
      ]
    })
    const result = await startInstances(ec2, [a, b])
    expect(result.outcomes.get(a)).toEqual({ kind: 'started' })
    expect(result.outcomes.get(b)).toEqual({ kind: 'already-starting', state: 'running' })
  })
})
