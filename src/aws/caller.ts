// Who is calling: sts:GetCallerIdentity, mapped to the principal a key policy names.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { STSClient } from '@aws-sdk/client-sts'
import type { Caller } from '../kms/types.js'
import { callerFromArn } from '../kms/principal.js'
import { awsCall } from './errors.js'

export { callerFromArn }

export async function getCaller(sts: STSClient): Promise<Caller> {
  const out = await awsCall('GetCallerIdentity', 'the caller', 'sts:GetCallerIdentity', () =>
    sts.send(new GetCallerIdentityCommand({}))
  )
  return callerFromArn(out.Arn ?? '', out.Account)
}
