// KMS wrappers: one DescribeKey, one GetKeyPolicy and one ListAliases per unique key; PutKeyPolicy for fix: apply.
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  PutKeyPolicyCommand
} from '@aws-sdk/client-kms'
import type { KMSClient } from '@aws-sdk/client-kms'
import type { KeyFacts } from '../kms/types.js'
import { awsCall } from './errors.js'
import { arnParts } from '../kms/principal.js'

export { arnParts }

export async function describeKey(kms: KMSClient, keyArn: string): Promise<KeyFacts> {
  const out = await awsCall('DescribeKey', keyArn, 'kms:DescribeKey', () =>
    kms.send(new DescribeKeyCommand({ KeyId: keyArn }))
  )
  const m = out.KeyMetadata
  const arn = m?.Arn ?? keyArn
  return {
    arn,
    keyId: m?.KeyId ?? arnParts(arn).resource.replace(/^key\//, ''),
    accountId: m?.AWSAccountId ?? arnParts(arn).accountId,
    region: arnParts(arn).region,
    keyManager: m?.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
    keyState: m?.KeyState ?? 'Unknown',
    origin: m?.Origin,
    keySpec: m?.KeySpec,
    keyUsage: m?.KeyUsage,
    multiRegion: m?.MultiRegion,
    expirationModel: m?.ExpirationModel,
    validTo: m?.ValidTo?.toISOString(),
    aliases: []
  }
}

export async function getKeyPolicy(kms: KMSClient, keyArn: string): Promise<string> {
  const out = await awsCall('GetKeyPolicy', keyArn, 'kms:GetKeyPolicy', () =>
    kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))
  )
  return out.Policy ?? ''
}

/** Never sets BypassPolicyLockoutSafetyCheck: KMS must keep refusing a policy that would lock the caller out. */
export async function putKeyPolicy(kms: KMSClient, keyArn: string, policy: string): Promise<void> {
  await awsCall('PutKeyPolicy', keyArn, 'kms:PutKeyPolicy', () =>
    kms.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: policy }))
  )
}

export async function listAliases(kms: KMSClient, keyId: string): Promise<string[]> {
  const names: string[] = []
  let marker: string | undefined
  do {
    const out = await awsCall('ListAliases', keyId, 'kms:ListAliases', () =>
      kms.send(new ListAliasesCommand({ KeyId: keyId, Marker: marker }))
    )
    for (const a of out.Aliases ?? []) if (a.AliasName) names.push(a.AliasName)
    marker = out.Truncated ? out.NextMarker : undefined
  } while (marker)
  return names
}
