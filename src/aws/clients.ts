// Builds the AWS clients a run needs, and only those: each SDK client is loaded on first use so a run
// that never simulates IAM policies never pays for loading the IAM client.
import type { EC2Client } from '@aws-sdk/client-ec2'
import type { KMSClient } from '@aws-sdk/client-kms'
import type { STSClient } from '@aws-sdk/client-sts'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types'
import { ACTION_VERSION } from '../version.js'
import { ActionRetryStrategy } from './retry.js'

export const USER_AGENT = `ec2-start-guard/${ACTION_VERSION}`

// Without these the SDK waits forever for an endpoint that accepted the connection and went silent. An EC2 or KMS
// call answers in well under a second; 15 s per attempt (3 attempts for a timeout, see retry.ts) bounds one call
// to about 46 s. throwOnRequestTimeout makes the request timeout an error: by default the SDK only logs a warning.
export const REQUEST_TIMEOUTS = {
  connectionTimeout: 5_000,
  requestTimeout: 15_000,
  throwOnRequestTimeout: true
} as const

export interface ClientConfig {
  region: string
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
}

export interface AwsClients {
  ec2(): Promise<EC2Client>
  kms(): Promise<KMSClient>
  sts(): Promise<STSClient>
  iam(): Promise<IAMClient>
  /** Which clients were built, for the benchmark's cold-start accounting. */
  loaded(): string[]
}

/** Whether HTTPS_PROXY, HTTP_PROXY or ALL_PROXY (either case) is set; the proxy code loads only then. */
function proxyRequested(env: NodeJS.ProcessEnv): boolean {
  return ['https_proxy', 'http_proxy', 'all_proxy'].some(n => env[n] || env[n.toUpperCase()])
}

async function common(config: ClientConfig) {
  const agents = proxyRequested(process.env) ? (await import('./proxy.js')).proxyAgents() : undefined
  // Endpoint resolution is never overridden: AWS_ENDPOINT_URL(_EC2/_KMS/_STS/_IAM) keep working.
  return {
    region: config.region,
    credentials: config.credentials,
    // One strategy per client: 10 attempts for throttling, 3 for other retryable errors (see retry.ts).
    retryStrategy: new ActionRetryStrategy(),
    customUserAgent: USER_AGENT,
    // Options of the SDK's own Node.js handler, not a handler of ours: endpoint resolution stays the SDK's.
    requestHandler: { ...REQUEST_TIMEOUTS, ...agents }
  }
}

function once<T>(name: string, built: string[], make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => {
    if (!value) {
      built.push(name)
      value = make()
    }
    return value
  }
}

export function createClients(config: ClientConfig): AwsClients {
  const built: string[] = []
  return {
    ec2: once(
      'ec2',
      built,
      async () => new (await import('@aws-sdk/client-ec2')).EC2Client(await common(config))
    ),
    kms: once(
      'kms',
      built,
      async () => new (await import('@aws-sdk/client-kms')).KMSClient(await common(config))
    ),
    sts: once(
      'sts',
      built,
      async () => new (await import('@aws-sdk/client-sts')).STSClient(await common(config))
    ),
    iam: once(
      'iam',
      built,
      async () => new (await import('@aws-sdk/client-iam')).IAMClient(await common(config))
    ),
    loaded: () => [...built]
  }
}

interface Sender {
  send(command: unknown, options?: Record<string, unknown>): Promise<unknown>
}

/**
 * The same client, with every request it sends cancelled when `signal` aborts (the SDK's own abortSignal option):
 * a deadline for a whole phase, on top of each request's timeout. An aborted request is not retried.
 */
export function withAbortSignal<T extends object>(client: T, signal: AbortSignal): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver) as unknown
      return (command: unknown, options?: Record<string, unknown>) =>
        (target as unknown as Sender).send(command, { ...options, abortSignal: signal })
    }
  })
}
