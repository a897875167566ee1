// Shared by the fake-*.test.ts files, which drive the fake AWS endpoint with the real SDK v3 clients: the sample
// fleet's names, client config aimed at the fake, and one fake per test, closed after it so none outlives its test.
import { afterEach } from '@jest/globals'
import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2'
import { sampleFleet, startFake, type Fake, type FakeOptions, type Scenario } from './fake/server.mjs'

export const ACCT = '111122223333'
export const ROLE = `arn:aws:iam::${ACCT}:role/ci-start-role`
export const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab'
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCT}:key/${KEY}`
export const ROOT_ONLY_ARN = `arn:aws:kms:us-east-1:${ACCT}:key/2345bcde-23bc-45de-67f0-234567890abc`
export const FOREIGN_ARN = 'arn:aws:kms:us-east-1:444455556666:key/mrk-4567def045de67f0890145678901bcde'
const CREDS = { accessKeyId: 'AKIAFAKECI', secretAccessKey: 'x' }
export const [WEB, BUILD, DB, GPU, CACHE, SHARED] = sampleFleet().instances!.map(i => i.id!)

/** Call once at the top of a test file: returns `start`, and closes the fake it started after each test. */
export function fakePerTest(): (scenario?: Scenario, options?: FakeOptions) => Promise<Fake> {
  let fake: Fake | undefined
  afterEach(async () => {
    await fake?.close()
    fake = undefined
  })
  return async (scenario = sampleFleet(), options = {}) => {
    fake = await startFake(scenario, options)
    return fake
  }
}

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
export const config = (f: Fake, maxAttempts = 1, credentials: Creds = CREDS) => ({
  region: 'us-east-1',
  endpoint: f.url,
  credentials,
  maxAttempts
})
export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
export const fast = (s: Scenario): Scenario => ({
  ...s,
  instances: s.instances!.map(i => ({ bootMs: 100, stopMs: 100, statusOkMs: 400, ...i }))
})

export async function describe1(ec2: EC2Client, id: string): Promise<Instance> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))
  return out.Reservations![0].Instances![0]
}
export async function errorOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p
  } catch (err) {
    return err as Error & Record<string, unknown>
  }
  throw new Error('expected the call to fail')
}
