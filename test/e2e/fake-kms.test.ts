// The fake's KMS, driven by the real SDK v3 client, down to a fixed key policy letting an instance start.
import { describe, expect, it } from '@jest/globals'
import { EC2Client, StartInstancesCommand } from '@aws-sdk/client-ec2'
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  NotFoundException,
  PutKeyPolicyCommand
} from '@aws-sdk/client-kms'
import { policies, sampleFleet } from './fake/server.mjs'
import {
  ACCT,
  BUILD,
  FOREIGN_ARN,
  KEY,
  KEY_ARN,
  ROLE,
  ROOT_ONLY_ARN,
  config,
  describe1,
  errorOf,
  fakePerTest,
  fast,
  sleep
} from './fake-test-helpers.js'

const start = fakePerTest()

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
