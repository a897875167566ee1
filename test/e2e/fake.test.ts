// The fake AWS endpoint, driven by the real SDK v3 clients: every operation must parse, every transition happen.
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  StartInstancesCommand,
  StopInstancesCommand,
  paginateDescribeInstances,
  paginateDescribeVolumes,
  type Instance
} from '@aws-sdk/client-ec2'
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  NotFoundException,
  PutKeyPolicyCommand
} from '@aws-sdk/client-kms'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'
import {
  fleet,
  mayEc2CreateGrant,
  policies,
  sampleFleet,
  startFake,
  type Fake,
  type Scenario
} from './fake/server.mjs'

const ACCT = '111122223333'
const ROLE = `arn:aws:iam::${ACCT}:role/ci-start-role`
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab'
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCT}:key/${KEY}`
const ROOT_ONLY_ARN = `arn:aws:kms:us-east-1:${ACCT}:key/2345bcde-23bc-45de-67f0-234567890abc`
const FOREIGN_ARN = 'arn:aws:kms:us-east-1:444455556666:key/mrk-4567def045de67f0890145678901bcde'
const CREDS = { accessKeyId: 'AKIAFAKECI', secretAccessKey: 'x' }
const [WEB, BUILD, DB, GPU, CACHE, SHARED] = sampleFleet().instances!.map(i => i.id!)

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(scenario: Scenario = sampleFleet(), options = {}) {
  fake = await startFake(scenario, options)
  return fake
}
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
const config = (f: Fake, maxAttempts = 1, credentials: Creds = CREDS) => ({
  region: 'us-east-1',
  endpoint: f.url,
  credentials,
  maxAttempts
})
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
const fast = (s: Scenario): Scenario => ({
  ...s,
  instances: s.instances!.map(i => ({ bootMs: 100, stopMs: 100, statusOkMs: 400, ...i }))
})

async function describe1(ec2: EC2Client, id: string): Promise<Instance> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))
  return out.Reservations![0].Instances![0]
}
async function errorOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p
  } catch (err) {
    return err as Error & Record<string, unknown>
  }
  throw new Error('expected the call to fail')
}

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

describe('KMS', () => {
  it('DescribeKey by key id, key ARN, alias name and alias ARN', async () => {
    const kms = new KMSClient(config(await start()))
    for (const KeyId of [
      KEY,
      KEY_ARN,
      'alias/ci-runners',
      `arn:aws:kms:us-east-1:${ACCT}:alias/ci-runners`
    ]) {
      const { KeyMetadata: md } = await kms.send(new DescribeKeyCommand({ KeyId }))
      expect(md).toMatchObject({
        KeyId: KEY,
        Arn: KEY_ARN,
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        Enabled: true
      })
      expect(md!.CreationDate).toBeInstanceOf(Date)
    }
    const foreign = await kms.send(new DescribeKeyCommand({ KeyId: FOREIGN_ARN }))
    expect(foreign.KeyMetadata).toMatchObject({ AWSAccountId: '444455556666', MultiRegion: true })
    const ebs = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }))
    expect(ebs.KeyMetadata?.KeyManager).toBe('AWS')
    const err = await errorOf(
      kms.send(new DescribeKeyCommand({ KeyId: '00000000-0000-4000-8000-000000000000' }))
    )
    expect(err).toBeInstanceOf(NotFoundException)
    expect(err.message).toBe(
      `Key 'arn:aws:kms:us-east-1:${ACCT}:key/00000000-0000-4000-8000-000000000000' does not exist`
    )
  })

  it('GetKeyPolicy returns the stored text; cross-account is AccessDeniedException', async () => {
    const f = await start()
    const kms = new KMSClient(config(f))
    const out = await kms.send(new GetKeyPolicyCommand({ KeyId: KEY_ARN, PolicyName: 'default' }))
    expect(out.PolicyName).toBe('default')
    expect(out.Policy).toBe(f.state.keys[0].policy)
    expect(JSON.parse(out.Policy!).Statement[2].Principal.AWS).toEqual([ROLE])
    const err = await errorOf(kms.send(new GetKeyPolicyCommand({ KeyId: FOREIGN_ARN })))
    expect(err.name).toBe('AccessDeniedException')
    expect(err.$fault).toBe('client')
    expect(err.message).toBe(
      `User: arn:aws:sts::${ACCT}:assumed-role/ci-start-role/gha is not authorized to perform: kms:GetKeyPolicy on resource: ${FOREIGN_ARN} because no resource-based policy allows the kms:GetKeyPolicy action`
    )
  })

  it('PutKeyPolicy stores verbatim, checks size, JSON, lockout, and a fixed key lets the instance start', async () => {
    const f = await start(fast(sampleFleet()))
    const kms = new KMSClient(config(f))
    const put = (Policy: string, extra = {}) =>
      kms.send(new PutKeyPolicyCommand({ KeyId: ROOT_ONLY_ARN, Policy, ...extra }))
    expect((await errorOf(put('x'.repeat(32769)))).name).toBe('LimitExceededException')
    expect((await errorOf(put('{not json'))).name).toBe('MalformedPolicyDocumentException')
    const lockout = await errorOf(put(JSON.stringify({ Version: '2012-10-17', Statement: [] })))
    expect(lockout.name).toBe('MalformedPolicyDocumentException')
    expect(lockout.message).toBe(
      'The new key policy will not allow you to update the key policy in the future.'
    )
    await put(JSON.stringify({ Version: '2012-10-17', Statement: [] }), {
      BypassPolicyLockoutSafetyCheck: true
    })
    const fixed = JSON.stringify(policies.consoleDefault(ACCT, ROLE), null, 4)
    const out = await put(fixed, { PolicyName: 'default' })
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: ROOT_ONLY_ARN }))).Policy).toBe(fixed)
    const key = f.state.keys.find(k => k.arn === ROOT_ONLY_ARN)!
    expect(key.policyWrites.map(w => w.bypass)).toEqual([true, false])

    const ec2 = new EC2Client(config(f))
    await ec2.send(new StartInstancesCommand({ InstanceIds: [BUILD] }))
    await sleep(150)
    expect((await describe1(ec2, BUILD)).State?.Name).toBe('running')

    const ebsKey = f.state.keys.find(k => k.keyManager === 'AWS')!
    const managed = await errorOf(kms.send(new PutKeyPolicyCommand({ KeyId: ebsKey.arn, Policy: fixed })))
    expect(managed.name).toBe('AccessDeniedException')
    expect(
      (await errorOf(kms.send(new PutKeyPolicyCommand({ KeyId: FOREIGN_ARN, Policy: fixed })))).name
    ).toBe('AccessDeniedException')
  })

  it('ListAliases filters by key and paginates with Limit/Marker', async () => {
    const kms = new KMSClient(config(await start()))
    const one = await kms.send(new ListAliasesCommand({ KeyId: KEY }))
    expect(one.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/ci-runners',
        AliasArn: `arn:aws:kms:us-east-1:${ACCT}:alias/ci-runners`,
        TargetKeyId: KEY
      })
    ])
    expect(one.Truncated).toBe(false)
    const first = await kms.send(new ListAliasesCommand({ Limit: 3 }))
    expect(first.Aliases).toHaveLength(3)
    expect(first.Truncated).toBe(true)
    const rest = await kms.send(new ListAliasesCommand({ Limit: 3, Marker: first.NextMarker }))
    expect(rest.Aliases!.map(a => a.AliasName)).toEqual(['alias/aws/ebs'])
    expect(rest.Truncated).toBe(false)
  })
})

describe('access denied, throttling, latency', () => {
  it("applies a caller's denied list with each service's real error", async () => {
    const scenario = {
      ...sampleFleet(),
      callers: { AKIAFAKECI: { denied: ['ec2:StartInstances', 'kms:GetKeyPolicy'] } }
    }
    const f = await start(scenario)
    const ec2 = new EC2Client(config(f))
    const err = await errorOf(ec2.send(new StartInstancesCommand({ InstanceIds: [WEB] })))
    expect(err.name).toBe('UnauthorizedOperation')
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403)
    expect(err.message).toContain(
      `ec2:StartInstances on resource: arn:aws:ec2:us-east-1:${ACCT}:instance/${WEB}`
    )
    const kmsErr = await errorOf(new KMSClient(config(f)).send(new GetKeyPolicyCommand({ KeyId: KEY })))
    expect(kmsErr.name).toBe('AccessDeniedException')
    expect(kmsErr.message).toContain(`kms:GetKeyPolicy on resource: ${KEY_ARN}`)
  })

  it('throttles the first N calls (RequestLimitExceeded, ThrottlingException, Throttling) and the SDK retries', async () => {
    const f = await start()
    f.setThrottle({ firstN: 1, actions: ['DescribeInstances', 'DescribeKey', 'GetCallerIdentity'] })
    const ec2Err = await errorOf(new EC2Client(config(f)).send(new DescribeInstancesCommand({})))
    expect(ec2Err.name).toBe('RequestLimitExceeded')
    expect((ec2Err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(503)
    f.setThrottle({ firstN: 1, actions: ['DescribeKey'] })
    expect((await errorOf(new KMSClient(config(f)).send(new DescribeKeyCommand({ KeyId: KEY })))).name).toBe(
      'ThrottlingException'
    )
    f.setThrottle({ firstN: 1, actions: ['GetCallerIdentity'] })
    expect((await errorOf(new STSClient(config(f)).send(new GetCallerIdentityCommand({})))).name).toBe(
      'Throttling'
    )

    f.setThrottle({ firstN: 1, actions: ['StartInstances'] })
    const out = await new EC2Client(config(f, 3)).send(new StartInstancesCommand({ InstanceIds: [WEB] }))
    expect(out.$metadata.attempts).toBe(2)
    expect(f.log.filter(e => e.action === 'StartInstances').map(e => e.status)).toEqual([503, 200])
  })

  it('throttles a seeded fraction reproducibly, and enforces the StartInstances bucket', async () => {
    const run = async () => {
      const f = await startFake({})
      f.setThrottle({ rate: 0.3, seed: 42 })
      const ec2 = new EC2Client(config(f))
      const codes: number[] = []
      for (let i = 0; i < 20; i++) {
        codes.push(
          await ec2.send(new DescribeInstancesCommand({})).then(
            () => 200,
            () => 503
          )
        )
      }
      await f.close()
      return codes
    }
    const a = await run()
    expect(await run()).toEqual(a)
    const throttled = a.filter(c => c === 503).length
    expect(throttled).toBeGreaterThan(1)
    expect(throttled).toBeLessThan(12)

    const f = await start(sampleFleet(), { enforceLimits: true })
    const ec2 = new EC2Client(config(f))
    const results = []
    for (let i = 0; i < 7; i++) {
      results.push(
        await ec2.send(new StartInstancesCommand({ InstanceIds: [CACHE] })).then(
          () => 'ok',
          e => e.name
        )
      )
    }
    expect(results.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    expect(results[5]).toBe('RequestLimitExceeded')
  })

  it('delays responses by the configured latency', async () => {
    const f = await start({}, { latencyMs: 120 })
    const ec2 = new EC2Client(config(f))
    let t = performance.now()
    await ec2.send(new DescribeInstancesCommand({}))
    expect(performance.now() - t).toBeGreaterThanOrEqual(115)
    f.setLatency(0)
    t = performance.now()
    await ec2.send(new DescribeInstancesCommand({}))
    expect(performance.now() - t).toBeLessThan(115)
  })
})

describe('STS, OIDC, IAM', () => {
  const fetchToken = async (f: Fake, audience: string, bearer = f.env().ACTIONS_ID_TOKEN_REQUEST_TOKEN) => {
    const res = await fetch(
      `${f.env().ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`,
      {
        headers: { Authorization: `Bearer ${bearer}` }
      }
    )
    return { status: res.status, body: (await res.json()) as { value?: string } }
  }

  it('GetCallerIdentity names the caller of the access key; unknown keys are InvalidClientTokenId', async () => {
    const f = await start()
    const out = await new STSClient(config(f)).send(new GetCallerIdentityCommand({}))
    expect(out).toMatchObject({ Account: ACCT, Arn: `arn:aws:sts::${ACCT}:assumed-role/ci-start-role/gha` })
    expect(out.UserId).toMatch(/^AROA[0-9A-F]+:gha$/)
    const sts = new STSClient(config(f, 1, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }))
    expect((await errorOf(sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
  })

  it('OIDC token via @actions/core, AssumeRoleWithWebIdentity, and the fresh credentials work', async () => {
    const f = await start()
    expect((await fetchToken(f, 'sts.amazonaws.com', 'wrong')).status).toBe(401)
    const saved = { ...process.env }
    const write = process.stdout.write
    Object.assign(process.env, f.env())
    process.stdout.write = (() => true) as typeof write // silence ::debug:: and ::add-mask::
    let token: string
    try {
      const core = await import('@actions/core')
      token = await core.getIDToken('sts.amazonaws.com')
    } finally {
      process.env = saved
      process.stdout.write = write
    }
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main'
    })
    const sts = new STSClient({ region: 'us-east-1', endpoint: f.url, maxAttempts: 1 })
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'run-42',
        WebIdentityToken: token
      })
    )
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-start-role/run-42`)
    expect(out.SubjectFromWebIdentityToken).toBe(claims.sub)
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date)
    const creds = out.Credentials!
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(f.issuedSecrets).toEqual([creds.SecretAccessKey, creds.SessionToken])
    expect(f.log.find(e => e.action === 'AssumeRoleWithWebIdentity')?.accessKeyId).toBeNull()

    const session = {
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!
    }
    const who = await new STSClient(config(f, 1, session)).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-start-role/run-42`)
    const noToken = { accessKeyId: session.accessKeyId, secretAccessKey: 'x' }
    const err = await errorOf(new STSClient(config(f, 1, noToken)).send(new GetCallerIdentityCommand({})))
    expect(err.name).toBe('InvalidClientTokenId')
    expect(f.log.at(-2)?.accessKeyId).toBe(session.accessKeyId)
  })

  it('rejects foreign, expired, mis-addressed and unauthorised web identities', async () => {
    const f = await start({
      oidc: {
        roles: {
          [ROLE]: { subjectPattern: 'repo:octo-org/octo-repo:*' },
          'arn:aws:iam::111122223333:role/other': { subjectPattern: 'repo:other/*' }
        }
      }
    })
    const sts = new STSClient({ region: 'us-east-1', endpoint: f.url, maxAttempts: 1 })
    const assume = (WebIdentityToken: string, RoleArn = ROLE) =>
      errorOf(
        sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn, RoleSessionName: 'sess', WebIdentityToken }))
      )
    const good = (await fetchToken(f, 'sts.amazonaws.com')).body.value!
    // Wire code InvalidIdentityToken; the SDK names its modeled class InvalidIdentityTokenException.
    expect((await assume(`${good.split('.').slice(0, 2).join('.')}.forged`)).name).toBe(
      'InvalidIdentityTokenException'
    )
    expect(f.log.at(-1)?.errorCode).toBe('InvalidIdentityToken')
    expect((await assume(f.oidc.issue('sts.amazonaws.com', { ttlSeconds: -10 }))).name).toBe(
      'ExpiredTokenException'
    )
    expect((await assume(f.oidc.issue('https://github.com/octo-org'))).name).toBe(
      'InvalidIdentityTokenException'
    )
    const denied = await assume(good, 'arn:aws:iam::111122223333:role/nope')
    expect(denied.name).toBe('AccessDenied')
    expect(denied.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity')
    expect((await assume(good, 'arn:aws:iam::111122223333:role/other')).name).toBe('AccessDenied')
  })

  it('SimulatePrincipalPolicy: AccessDenied by default, EvaluationResults when the scenario allows', async () => {
    const input = {
      PolicySourceArn: ROLE,
      ActionNames: ['kms:CreateGrant'],
      ResourceArns: [KEY_ARN],
      ContextEntries: [
        {
          ContextKeyName: 'kms:ViaService',
          ContextKeyValues: ['ec2.us-east-1.amazonaws.com'],
          ContextKeyType: 'string' as const
        },
        {
          ContextKeyName: 'kms:GrantIsForAWSResource',
          ContextKeyValues: ['true'],
          ContextKeyType: 'boolean' as const
        }
      ]
    }
    const f = await start()
    const err = await errorOf(new IAMClient(config(f)).send(new SimulatePrincipalPolicyCommand(input)))
    expect(err.name).toBe('AccessDenied')
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403)
    expect(f.log.at(-1)?.params).toMatchObject({
      PolicySourceArn: ROLE,
      ActionNames: ['kms:CreateGrant'],
      ResourceArns: [KEY_ARN],
      ContextEntries: [
        {
          ContextKeyName: 'kms:ViaService',
          ContextKeyValues: ['ec2.us-east-1.amazonaws.com'],
          ContextKeyType: 'string'
        },
        { ContextKeyName: 'kms:GrantIsForAWSResource', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }
      ]
    })
    await f.close()
    const g = await start({ callers: { AKIAFAKECI: { simulate: 'allowed' } } })
    const out = await new IAMClient(config(g)).send(new SimulatePrincipalPolicyCommand(input))
    expect(out.IsTruncated).toBe(false)
    expect(out.EvaluationResults).toEqual([
      expect.objectContaining({
        EvalActionName: 'kms:CreateGrant',
        EvalResourceName: KEY_ARN,
        EvalDecision: 'allowed'
      })
    ])
  })
})

describe('request log and builders', () => {
  it('logs services, actions, params and access key ids; serves /_fake/log; answers unknown actions', async () => {
    const f = await start()
    await new EC2Client(config(f)).send(new DescribeInstancesCommand({ InstanceIds: [WEB] }))
    await new KMSClient(config(f)).send(new DescribeKeyCommand({ KeyId: KEY }))
    const res = await fetch(f.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=RebootInstances&Version=2016-11-15&InstanceId.1=i-0aaaaaaaaaaaaaaaa'
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<Code>InvalidAction</Code>')
    expect(f.log.map(e => [e.service, e.action, e.accessKeyId, e.status])).toEqual([
      ['ec2', 'DescribeInstances', 'AKIAFAKECI', 200],
      ['kms', 'DescribeKey', 'AKIAFAKECI', 200],
      ['ec2', 'RebootInstances', null, 400]
    ])
    expect(f.log[0].params).toMatchObject({ Action: 'DescribeInstances', 'InstanceId.1': WEB })
    expect(f.log[1].params).toEqual({ KeyId: KEY })
    expect(f.log[0].t).toBeLessThan(f.log[1].t)
    expect(f.callsByAction()).toEqual({ DescribeInstances: 1, DescribeKey: 1, RebootInstances: 1 })
    const served = (await (await fetch(`${f.url}/_fake/log`)).json()) as unknown[]
    expect(served).toHaveLength(3)
    expect(f.env()).toMatchObject({
      AWS_ENDPOINT_URL_EC2: f.url,
      AWS_ENDPOINT_URL_KMS: f.url,
      AWS_ENDPOINT_URL_STS: f.url,
      AWS_ENDPOINT_URL_IAM: f.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAFAKECI'
    })
  })

  it('fleet(): bad keys every k-th key, expectations match what the fake does', async () => {
    const scenario = fleet({ n: 9, keys: 3, badKeyEvery: 3, bootMs: 60 })
    expect(scenario.expect.stoppedIds).toHaveLength(3)
    expect(scenario.expect.badKeyArns).toHaveLength(1)
    const f = await start(scenario)
    const ec2 = new EC2Client(config(f))
    const ids = scenario.instances!.map(i => i.id!)
    await ec2.send(new StartInstancesCommand({ InstanceIds: ids }))
    await sleep(80)
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }))
    const states = out.Reservations!.flatMap(r => r.Instances!).map(i => [i.InstanceId, i.State?.Name])
    const expected = ids.map(id => [id, scenario.expect.runningIds.includes(id) ? 'running' : 'stopped'])
    expect(states).toEqual(expected)
  })
})

describe('grants.mjs, the fake own CreateGrant oracle', () => {
  const caller = {
    arn: `arn:aws:sts::${ACCT}:assumed-role/ci-start-role/gha`,
    roleArn: ROLE,
    accountId: ACCT,
    iamAllowsCreateGrant: false
  }
  const key = (policy: object, extra = {}) => ({
    keyState: 'Enabled',
    keyManager: 'CUSTOMER',
    accountId: ACCT,
    policy: JSON.stringify(policy),
    ...extra
  })
  it.each([
    ['role is a key user', key(policies.consoleDefault(ACCT, ROLE)), false, 'ok'],
    ['root only, no IAM allow', key(policies.createKeyDefault(ACCT)), false, 'iamDenied'],
    ['root only, IAM allows', key(policies.createKeyDefault(ACCT)), true, 'ok'],
    ['explicit deny beats IAM', key(policies.denyCreateGrant(ACCT, ROLE)), true, 'explicitDeny'],
    [
      'disabled key',
      key(policies.consoleDefault(ACCT, ROLE), { keyState: 'Disabled' }),
      true,
      'invalidState'
    ],
    ['aws/ebs', key(policies.awsEbs(ACCT, 'us-east-1'), { keyManager: 'AWS' }), false, 'ok'],
    [
      'cross-account without IAM',
      key(policies.crossAccountAllows('444455556666', ACCT), { accountId: '444455556666' }),
      false,
      'iamDenied'
    ],
    [
      'cross-account with IAM',
      key(policies.crossAccountAllows('444455556666', ACCT), { accountId: '444455556666' }),
      true,
      'ok'
    ]
  ])('%s', (_name, k, iam, why) => {
    expect(mayEc2CreateGrant(k, { ...caller, iamAllowsCreateGrant: iam }, 'us-east-1').why).toBe(why)
  })

  // The shared fixtures (../shared/key-policies, beside the repository here and in CI): a missing folder fails.
  const dir = fileURLToPath(new URL('../../../shared/key-policies/', import.meta.url))
  const fixtures: { file: string; expectedVerdict: string; scenario: { keyAccount: string } }[] = JSON.parse(
    readFileSync(resolve(dir, 'index.json'), 'utf8')
  ).fixtures
  it('has the shared fixtures to agree with', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12)
  })
  it.each(fixtures.map(f => [f.file, f] as const))('agrees with fixture %s', (file, f) => {
    const k = key({}, { policy: readFileSync(resolve(dir, file), 'utf8'), accountId: f.scenario.keyAccount })
    const decide = (iam: boolean) =>
      mayEc2CreateGrant(k, { ...caller, iamAllowsCreateGrant: iam }, 'us-east-1').allowed
    expect([decide(false), decide(true)]).toEqual(
      f.expectedVerdict === 'ALLOW'
        ? [true, true]
        : f.expectedVerdict === 'ALLOW_IF_IAM'
          ? [false, true]
          : [false, false]
    )
  })
})

describe('IAM GetRole', () => {
  it('finds a role by name whatever its path, and answers NoSuchEntity otherwise', async () => {
    const { IAMClient, GetRoleCommand } = await import('@aws-sdk/client-iam')
    const f = await startFake({
      callers: {
        AKIAPATHED: {
          arn: 'arn:aws:sts::111122223333:assumed-role/deploy/s',
          roleArn: 'arn:aws:iam::111122223333:role/ops/ci/deploy'
        }
      }
    })
    try {
      const iam = new IAMClient({
        region: 'us-east-1',
        endpoint: f.url,
        credentials: { accessKeyId: 'AKIAPATHED', secretAccessKey: 'x' },
        maxAttempts: 1
      })
      const out = await iam.send(new GetRoleCommand({ RoleName: 'deploy' }))
      expect(out.Role).toMatchObject({
        Path: '/ops/ci/',
        RoleName: 'deploy',
        Arn: 'arn:aws:iam::111122223333:role/ops/ci/deploy'
      })
      await expect(iam.send(new GetRoleCommand({ RoleName: 'nobody' }))).rejects.toMatchObject({
        name: 'NoSuchEntityException'
      })
    } finally {
      await f.close()
    }
  })
})
