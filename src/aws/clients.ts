// Builds the AWS clients a run needs, and only those: each SDK client is loaded on first use so a run
// that never simulates IAM policies never pays for loading the IAM client.
import type { EC2Client } from '@aws-sdk/client-ec2'
import type { KMSClient } from '@aws-sdk/client-kms'
import type { STSClient } from '@aws-sdk/client-sts'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types'
import { ACTION_VERSION } from '../version.js'

export const USER_AGENT = `ec2-start-guard/${ACTION_VERSION}`

// EC2's StartInstances bucket holds 5 requests and refills at 2/s; standard retries back off exponentially
// (throttling base 500 ms, capped at 20 s), so 10 attempts ride out a burst of a few seconds.
export const MAX_ATTEMPTS = 10

export interface ClientConfig {
  region: string
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
  maxAttempts?: number
}

export interface AwsClients {
  ec2(): Promise<EC2Client>
  kms(): Promise<KMSClient>
  sts(): Promise<STSClient>
  iam(): Promise<IAMClient>
  /** Which clients were built, for the benchmark's cold-start accounting. */
  loaded(): string[]
}

function common(config: ClientConfig) {
  // Endpoint resolution is never overridden: AWS_ENDPOINT_URL(_EC2/_KMS/_STS/_IAM) keep working.
  return {
    region: config.region,
    credentials: config.credentials,
    maxAttempts: config.maxAttempts ?? MAX_ATTEMPTS,
    retryMode: 'standard',
    customUserAgent: USER_AGENT
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
    ec2: once('ec2', built, async () => new (await import('@aws-sdk/client-ec2')).EC2Client(common(config))),
    kms: once('kms', built, async () => new (await import('@aws-sdk/client-kms')).KMSClient(common(config))),
    sts: once('sts', built, async () => new (await import('@aws-sdk/client-sts')).STSClient(common(config))),
    iam: once('iam', built, async () => new (await import('@aws-sdk/client-iam')).IAMClient(common(config))),
    loaded: () => [...built]
  }
}
