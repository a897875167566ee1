// The fake's EC2, driven by the real SDK v3 client: every operation must parse, every transition happen.
import { describe, expect, it } from '@jest/globals'
import {
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  StartInstancesCommand,
  StopInstancesCommand,
  paginateDescribeInstances,
  paginateDescribeVolumes
} from '@aws-sdk/client-ec2'
import { fleet, sampleFleet, startFake } from './fake/server.mjs'
import {
  ACCT,
  BUILD,
  CACHE,
  DB,
  GPU,
  KEY_ARN,
  ROOT_ONLY_ARN,
  SHARED,
  WEB,
  config,
  describe1,
  errorOf,
  fakePerTest,
  fast,
  sleep
} from './fake-test-helpers.js'

const start = fakePerTest()

describe('EC2 DescribeInstances', () => {
  it('parses a stopped instance like the wire sample', async () => {
    const ec2 = new EC2Client(config(await start()))
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [WEB] }))
    expect(out.Reservations).toHaveLength(1)
    expect(out.Reservations![0].OwnerId).toBe(ACCT)
    const i = out.Reservations![0].Instances![0]
    expect(i.InstanceId).toBe(WEB)
    expect(i.State).toEqual({ Code: 80, Name: 'stopped' })
    expect(i.StateReason?.Code).toBe('Client.UserInitiatedShutdown')
    expect(i.StateTransitionReason).toMatch(/^User initiated/)
    expect(i.LaunchTime).toBeInstanceOf(Date)
    expect(i.RootDeviceType).toBe('ebs')
    expect(i.Placement?.AvailabilityZone).toBe('us-east-1a')
    expect(i.PrivateIpAddress).toMatch(/^10\.0\./)
    expect(i.PublicIpAddress).toBeUndefined()
    expect(
      i.BlockDeviceMappings?.map(b => [b.DeviceName, b.Ebs?.VolumeId, b.Ebs?.DeleteOnTermination])
    ).toEqual([
      ['/dev/xvda', 'vol-0a00000000000001a', true],
      ['/dev/sdf', 'vol-0a00000000000001b', false]
    ])
    expect(i.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'web-1' },
        { Key: 'env', Value: 'ci' }
      ])
    )
  })

  it('names unknown ids (plural and singular) and rejects malformed ones', async () => {
    const ec2 = new EC2Client(config(await start()))
    const plural = await errorOf(
      ec2.send(
        new DescribeInstancesCommand({ InstanceIds: [WEB, 'i-0aaaaaaaaaaaaaaaa', 'i-0bbbbbbbbbbbbbbbb'] })
      )
    )
    expect(plural.name).toBe('InvalidInstanceID.NotFound')
    expect(plural.message).toBe("The instance IDs 'i-0aaaaaaaaaaaaaaaa, i-0bbbbbbbbbbbbbbbb' do not exist")
    expect((plural.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400)
    const single = await errorOf(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0aaaaaaaaaaaaaaaa'] }))
    )
    expect(single.message).toBe("The instance ID 'i-0aaaaaaaaaaaaaaaa' does not exist")
    const bad = await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-xyz'] })))
    expect(bad.name).toBe('InvalidInstanceID.Malformed')
  })

  it('filters by tag, tag-key, state and wildcards', async () => {
    const ec2 = new EC2Client(config(await start()))
    const ids = async (Filters: { Name: string; Values: string[] }[]) => {
      const out = await ec2.send(new DescribeInstancesCommand({ Filters }))
      return out.Reservations!.flatMap(r => r.Instances!.map(i => i.InstanceId)).sort()
    }
    expect(await ids([{ Name: 'tag:env', Values: ['ci'] }])).toEqual([WEB, BUILD, DB, GPU, CACHE])
    expect(await ids([{ Name: 'tag:team', Values: ['w*', 'd?'] }])).toEqual([WEB, DB])
    expect(
      await ids([
        { Name: 'tag:env', Values: ['ci', 'staging'] },
        { Name: 'instance-state-name', Values: ['running'] }
      ])
    ).toEqual([CACHE])
    expect(await ids([{ Name: 'tag-key', Values: ['team'] }])).toHaveLength(6)
    expect(await ids([{ Name: 'instance-id', Values: [SHARED] }])).toEqual([SHARED])
    const err = await errorOf(ids([{ Name: 'no-such-filter', Values: ['x'] }]))
    expect(err.name).toBe('InvalidParameterValue')
  })

  it('paginates with MaxResults/NextToken and refuses MaxResults with InstanceIds', async () => {
    const f = await start(fleet({ n: 12 }))
    const ec2 = new EC2Client(config(f))
    const seen: string[] = []
    let pages = 0
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 5 }, {})) {
      pages++
      seen.push(...page.Reservations!.flatMap(r => r.Instances!.map(i => i.InstanceId!)))
    }
    expect(pages).toBe(3)
    expect(new Set(seen).size).toBe(12)
    const both = await errorOf(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: [seen[0]], MaxResults: 5 }))
    )
    expect(both.name).toBe('InvalidParameterCombination')
    const small = await errorOf(ec2.send(new DescribeInstancesCommand({ MaxResults: 3 })))
    expect(small.name).toBe('InvalidParameterValue')
  })

  it('answers an empty reservation set', async () => {
    const ec2 = new EC2Client(config(await start({})))
    const out = await ec2.send(new DescribeInstancesCommand({}))
    expect(out.Reservations).toEqual([])
  })
})

describe('EC2 StartInstances / StopInstances', () => {
  it('pending -> running with a public IP when every key is usable, then status checks turn ok', async () => {
    const f = await start(fast(sampleFleet()))
    const ec2 = new EC2Client(config(f))
    const out = await ec2.send(new StartInstancesCommand({ InstanceIds: [WEB, DB, CACHE] }))
    expect(out.StartingInstances).toEqual([
      {
        InstanceId: WEB,
        CurrentState: { Code: 0, Name: 'pending' },
        PreviousState: { Code: 80, Name: 'stopped' }
      },
      {
        InstanceId: DB,
        CurrentState: { Code: 0, Name: 'pending' },
        PreviousState: { Code: 80, Name: 'stopped' }
      },
      {
        InstanceId: CACHE,
        CurrentState: { Code: 16, Name: 'running' },
        PreviousState: { Code: 16, Name: 'running' }
      }
    ])
    expect((await describe1(ec2, WEB)).State?.Name).toBe('pending')
    await sleep(150)
    const web = await describe1(ec2, WEB)
    expect(web.State).toEqual({ Code: 16, Name: 'running' })
    expect(web.PublicIpAddress).toMatch(/^54\./)
    expect(web.StateReason).toBeUndefined()
    const inst = f.state.instances.find(i => i.id === WEB)!
    expect(inst.runningAt).toBeGreaterThan(inst.startedAt!)
    expect(inst.lastLaunch).toEqual([
      { keyArn: KEY_ARN, volumeId: 'vol-0a00000000000001a', allowed: true, why: 'ok' }
    ])

    const status = async () => {
      const s = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [WEB] }))
      return [s.InstanceStatuses![0].InstanceStatus?.Status, s.InstanceStatuses![0].SystemStatus?.Status]
    }
    expect(await status()).toEqual(['initializing', 'initializing'])
    await sleep(450)
    expect(await status()).toEqual(['ok', 'ok'])
    const all = await ec2.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true }))
    expect(all.InstanceStatuses!.find(s => s.InstanceId === BUILD)?.InstanceStatus?.Status).toBe(
      'not-applicable'
    )
    const runningOnly = await ec2.send(new DescribeInstanceStatusCommand({}))
    expect(runningOnly.InstanceStatuses!.map(s => s.InstanceId).sort()).toEqual([WEB, DB, CACHE])
  })

  it('pending -> stopped with Client.InternalError when EC2 may not create the grant', async () => {
    const f = await start(fast(sampleFleet()))
    const ec2 = new EC2Client(config(f))
    await ec2.send(new StartInstancesCommand({ InstanceIds: [BUILD, GPU, SHARED] }))
    await sleep(80)
    const build = await describe1(ec2, BUILD)
    expect(build.State).toEqual({ Code: 80, Name: 'stopped' })
    expect(build.StateReason).toEqual({
      Code: 'Client.InternalError',
      Message: 'Client.InternalError: Client error on launch'
    })
    expect(build.StateTransitionReason).toBe('Client.InternalError: Client error on launch')
    expect((await describe1(ec2, GPU)).StateReason?.Code).toBe('Client.InvalidKMSKey.InvalidState')
    expect((await describe1(ec2, SHARED)).StateReason?.Code).toBe('Client.InternalError')
    const inst = f.state.instances.find(i => i.id === BUILD)!
    expect(inst.stoppedAt! - inst.startedAt!).toBeCloseTo(50, 5)
    expect(inst.lastLaunch[0]).toMatchObject({ keyArn: ROOT_ONLY_ARN, allowed: false, why: 'iamDenied' })
  })

  it('a root-only key works when the caller IAM policy allows CreateGrant', async () => {
    const f = await start(fast({ ...sampleFleet(), callers: { AKIAFAKECI: { iamAllowsCreateGrant: true } } }))
    const ec2 = new EC2Client(config(f))
    await ec2.send(new StartInstancesCommand({ InstanceIds: [BUILD, SHARED] }))
    await sleep(150)
    expect((await describe1(ec2, BUILD)).State?.Name).toBe('running')
    expect((await describe1(ec2, SHARED)).State?.Name).toBe('running')
  })

  it('is all-or-nothing: one terminated instance fails the call and starts nothing', async () => {
    const scenario = sampleFleet()
    scenario.instances!.push({ id: 'i-0deaddeaddeaddead', state: 'terminated' })
    const ec2 = new EC2Client(config(await start(scenario)))
    const err = await errorOf(
      ec2.send(new StartInstancesCommand({ InstanceIds: [WEB, 'i-0deaddeaddeaddead'] }))
    )
    expect(err.name).toBe('IncorrectInstanceState')
    expect(err.message).toBe(
      "The instance 'i-0deaddeaddeaddead' is not in a state from which it can be started."
    )
    expect((await describe1(ec2, WEB)).State?.Name).toBe('stopped')
    const missing = await errorOf(
      ec2.send(new StartInstancesCommand({ InstanceIds: [WEB, 'i-0aaaaaaaaaaaaaaaa'] }))
    )
    expect(missing.name).toBe('InvalidInstanceID.NotFound')
    expect((await describe1(ec2, WEB)).State?.Name).toBe('stopped')
  })

  it('answers InsufficientInstanceCapacity with status 500', async () => {
    const scenario = sampleFleet()
    scenario.instances![0].capacityError = true
    const ec2 = new EC2Client(config(await start(scenario)))
    const err = await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [WEB] })))
    expect(err.name).toBe('InsufficientInstanceCapacity')
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(500)
  })

  it('StopInstances: running -> stopping -> stopped', async () => {
    const f = await start(fast(sampleFleet()))
    const ec2 = new EC2Client(config(f))
    const out = await ec2.send(new StopInstancesCommand({ InstanceIds: [CACHE] }))
    expect(out.StoppingInstances![0]).toMatchObject({
      CurrentState: { Code: 64, Name: 'stopping' },
      PreviousState: { Code: 16, Name: 'running' }
    })
    await sleep(150)
    const cache = await describe1(ec2, CACHE)
    expect(cache.State?.Name).toBe('stopped')
    expect(cache.StateReason?.Code).toBe('Client.UserInitiatedShutdown')
    expect(f.state.instances.find(i => i.id === CACHE)!.stoppedAt).not.toBeNull()
    const err = await errorOf(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0aaaaaaaaaaaaaaaa'] })))
    expect(err.name).toBe('InvalidInstanceID.NotFound')
  })
})

describe('EC2 DescribeVolumes', () => {
  it('parses encrypted and plain volumes, filters by attachment and paginates', async () => {
    const f = await start()
    const ec2 = new EC2Client(config(f))
    const out = await ec2.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [WEB] }] })
    )
    expect(out.Volumes!.map(v => [v.VolumeId, v.Encrypted, v.KmsKeyId])).toEqual([
      ['vol-0a00000000000001a', true, KEY_ARN],
      ['vol-0a00000000000001b', false, undefined]
    ])
    expect(out.Volumes![0].Attachments![0]).toMatchObject({
      InstanceId: WEB,
      Device: '/dev/xvda',
      State: 'attached'
    })
    const byId = await ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0a00000000000003a'] }))
    expect(byId.Volumes![0].KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//)
    const enc = await ec2.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'encrypted', Values: ['false'] }] })
    )
    expect(enc.Volumes!.map(v => v.VolumeId)).toEqual(['vol-0a00000000000001b'])
    const missing = await errorOf(
      ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0aaaaaaaaaaaaaaaa'] }))
    )
    expect(missing.name).toBe('InvalidVolume.NotFound')

    const big = await startFake(fleet({ n: 7, volumesPerInstance: 2 }))
    try {
      const client = new EC2Client(config(big))
      let count = 0
      for await (const page of paginateDescribeVolumes({ client, pageSize: 5 }, {}))
        count += page.Volumes!.length
      expect(count).toBe(14)
    } finally {
      await big.close()
    }
  })
})
