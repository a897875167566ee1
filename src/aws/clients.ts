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
    ...(agents ? { requestHandler: agents } : {})
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
