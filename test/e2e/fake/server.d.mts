// Types of the fake AWS endpoint for the TypeScript e2e tests (the implementation is plain JS, see server.mjs).

export type StateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped'
export type SimulateDecision = 'allowed' | 'implicitDeny' | 'explicitDeny' | 'AccessDenied'

export interface CallerInput {
  arn?: string
  roleArn?: string
  userId?: string
  secretAccessKey?: string
  /** Required on every signed request when set (X-Amz-Security-Token). */
  sessionToken?: string
  iamAllowsCreateGrant?: boolean
  denied?: string[]
  simulate?: SimulateDecision
}

export interface InstanceInput {
  id?: string
  name?: string
  state?: StateName
  tags?: Record<string, string>
  volumeIds?: string[]
  privateIp?: string
  publicIp?: string
  bootMs?: number
  stopMs?: number
  statusOkMs?: number
  capacityError?: boolean | number
  instanceType?: string
  reason?: string
  stateReason?: { code: string; message: string }
  /** Every start fails (pending -> stopping -> stopped) with this StateReason. */
  startFailure?: { code: string; message: string }
}

export interface VolumeInput {
  id: string
  encrypted?: boolean
  kmsKeyId?: string
  sizeGiB?: number
}

export interface KeyInput {
  keyId?: string
  accountId?: string
  region?: string
  keyManager?: 'CUSTOMER' | 'AWS'
  keyState?: string
  origin?: string
  keySpec?: string
  keyUsage?: string
  multiRegion?: boolean
  expirationModel?: string
  validTo?: number
  description?: string
  aliases?: string[]
  policy?: object | string
}

export interface Scenario {
  accountId?: string
  region?: string
  instances?: InstanceInput[]
  volumes?: VolumeInput[]
  keys?: KeyInput[]
  callers?: Record<string, CallerInput>
  defaultCaller?: string
  oidc?: {
    roles?: Record<string, { subjectPattern?: string; caller?: CallerInput }>
    audiences?: string[]
    subject?: string
    tokenTtlSeconds?: number
    /** Lifetime of issued role credentials; default: the DurationSeconds asked for. */
    credentialTtlSeconds?: number
  }
  [extra: string]: unknown
}

export interface Instance {
  id: string
  name: string
  state: StateName
  tags: Record<string, string>
  volumeIds: string[]
  privateIp: string
  publicIp: string
  bootMs: number
  stopMs: number
  statusOkMs: number
  capacityError: boolean | number
  instanceType: string
  reason: string
  stateReason: { code: string; message: string } | null
  launchTime: number
  startedAt: number | null
  runningAt: number | null
  stoppedAt: number | null
  startCount: number
  lastLaunch: { keyArn: string; volumeId: string; allowed: boolean; why: string }[]
}

export interface Volume {
  id: string
  encrypted: boolean
  kmsKeyId: string | undefined
  sizeGiB: number
  instanceId: string | null
  device: string | null
}

export interface Key {
  keyId: string
  arn: string
  accountId: string
  region: string
  keyManager: 'CUSTOMER' | 'AWS'
  keyState: string
  aliases: string[]
  policy: string
  policyWrites: { t: number; bypass: boolean; by: string }[]
  [field: string]: unknown
}

export interface Caller {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  arn: string
  roleArn: string
  userId: string
  accountId: string
  iamAllowsCreateGrant: boolean
  denied: string[]
  simulate: SimulateDecision
}

export interface State {
  accountId: string
  region: string
  instances: Instance[]
  volumes: Volume[]
  keys: Key[]
  callers: Record<string, Caller>
  defaultCaller: string
}

export interface RequestLogEntry {
  t: number
  service: 'ec2' | 'kms' | 'sts' | 'iam' | 'oidc'
  action: string
  params: Record<string, unknown>
  accessKeyId: string | null
  status: number
  errorCode?: string
  /** A `hang` fault withheld the reply. */
  held?: boolean
}

export type ThrottleSpec = { rate?: number; seed?: number; firstN?: number; actions?: string[] } | null

/**
 * A fault for the requests of one action. `hang` performs the request and never answers (until releaseHeld() or
 * close()); `error` answers with status and code in the service's wire format without performing it. `after`
 * lets that many matching requests through first; `times` limits how many it hits (default: all).
 */
export interface FaultSpec {
  action: string
  kind: 'hang' | 'error'
  status?: number
  code?: string
  message?: string
  after?: number
  times?: number
}

export interface FakeOptions {
  /** Runs after each request is handled, before its reply is sent; may change the state for the next request. */
  afterRequest?: (entry: RequestLogEntry, state: State) => void
  latencyMs?: number
  enforceLimits?: boolean
  throttle?: ThrottleSpec
  faults?: FaultSpec[]
}

export interface Fake {
  url: string
  port: number
  log: RequestLogEntry[]
  /** performance.now() when the fake started; log `t` is relative to it, instance timestamps are not. */
  t0: number
  /** Secret keys and session tokens issued by AssumeRoleWithWebIdentity. */
  issuedSecrets: string[]
  oidc: {
    bearer: string
    issued: Map<string, Record<string, unknown>>
    issue(audience: string, opts?: { ttlSeconds?: number; sub?: string }): string
  }
  /** Live state; reading it applies the transitions that are due. */
  readonly state: State
  env(): Record<string, string>
  setLatency(ms: number): void
  setThrottle(spec: ThrottleSpec): void
  setFaults(specs: FaultSpec[]): void
  /** Sends the replies that `hang` faults withheld. */
  releaseHeld(): void
  callsByAction(): Record<string, number>
  close(): Promise<void>
}

export function startFake(scenario?: Scenario, options?: FakeOptions): Promise<Fake>

// Re-exported builders (also importable from scenario.mjs / grants.mjs by plain JS).
export interface FleetExpectation {
  runningIds: string[]
  stoppedIds: string[]
  badKeyArns: string[]
}
export type BuiltScenario = Scenario & { expect: FleetExpectation }
export interface FleetOptions {
  n?: number
  keys?: number
  badKeyEvery?: number
  badKind?: 'no-grant' | 'deny' | 'disabled'
  volumesPerInstance?: number
  bootMs?: number
  stopMs?: number
  statusOkMs?: number
  runningEvery?: number
  tags?: Record<string, string>
  iamAllowsCreateGrant?: boolean
}
export function sampleFleet(): BuiltScenario
export function fleet(opts?: FleetOptions): BuiltScenario
export const policies: {
  adminOnly(
    account: string,
    roleArn: string,
    options?: { canWrite?: boolean }
  ): { Version: string; Id: string; Statement: Array<Record<string, unknown>> }
  createKeyDefault(account: string): object
  consoleDefault(account: string, roleArn: string): object
  awsEbs(account: string, region: string): object
  denyCreateGrant(account: string, roleArn: string): object
  crossAccountAllows(keyAccount: string, callerAccount: string): object
}
export type GrantWhy =
  'ok' | 'invalidState' | 'explicitDeny' | 'noAllow' | 'iamDenied' | 'badPolicy' | 'decryptDenied'
export function mayEc2CreateGrant(
  key: { keyState: string; keyManager: string; accountId: string; policy: string },
  caller: { arn: string; roleArn: string; accountId: string; iamAllowsCreateGrant: boolean },
  region: string
): { allowed: boolean; why: GrantWhy }
export function mayEc2Decrypt(
  key: { keyManager: string; policy: string },
  accountId: string,
  target: { volumeId: string; instanceId: string }
): { allowed: boolean; why: 'ok' | 'decryptDenied' | 'badPolicy'; sid?: string }
export function mayEc2AttachVolume(
  key: { keyState: string; keyManager: string; accountId: string; policy: string },
  caller: { arn: string; roleArn: string; accountId: string; iamAllowsCreateGrant: boolean },
  region: string,
  target: { volumeId: string; instanceId: string }
): { allowed: boolean; why: GrantWhy; sid?: string }
