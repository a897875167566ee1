// The operator's own AWS setup: --profile reads that profile (SSO, assume-role and credential_process profiles
// included) even when the environment holds other keys; without it, the SDK's default chain decides.
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types'

export async function cliCredentials(
  profile: string | undefined
): Promise<AwsCredentialIdentityProvider | undefined> {
  if (profile === undefined) return undefined
  const { fromIni } = await import('@aws-sdk/credential-provider-ini')
  return fromIni({ profile })
}
