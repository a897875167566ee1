// Where the report points: one heading per finding code in docs/TROUBLESHOOTING.md, and the AWS console page of
// each instance and key, in its own partition (each has its own console host) and region.
export const TROUBLESHOOTING_URL =
  'https://github.com/ec2-start-guard/ec2-start-guard/blob/v1/docs/TROUBLESHOOTING.md'

/** The anchor GitHub gives the heading `## <code as lower-case, - for _>`. */
export function troubleshootingAnchor(code: string): string {
  return code.toLowerCase().replace(/_/g, '-')
}

export function troubleshootingLink(code: string): string {
  return `${TROUBLESHOOTING_URL}#${troubleshootingAnchor(code)}`
}

/** The documented code of each way an instance can fail to reach its target state. */
export const FAILURE_CODES = {
  'stopped-after-start': 'STOPPED_AFTER_START',
  'not-running': 'STOPPED_AFTER_START',
  'start-error': 'START_ERROR',
  'status-impaired': 'STATUS_IMPAIRED',
  timeout: 'TIMEOUT'
} as const

export type FailureKindCode = keyof typeof FAILURE_CODES

export function failureLink(kind: FailureKindCode): string {
  return troubleshootingLink(FAILURE_CODES[kind])
}

// The console's host differs per partition: aws, aws-cn (China) and aws-us-gov (GovCloud).
const CONSOLE_HOSTS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com'
}

/** The partition of a region name: cn-* is aws-cn, us-gov-* is aws-us-gov, the rest is aws. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

function consoleBase(partition: string): string | undefined {
  const host = CONSOLE_HOSTS[partition]
  return host ? `https://${host}` : undefined
}

/** The instance's page in the EC2 console, or undefined for a partition whose console we do not know. */
export function instanceConsoleUrl(instanceId: string, region: string): string | undefined {
  const base = consoleBase(partitionOfRegion(region))
  const r = encodeURIComponent(region)
  return base && `${base}/ec2/home?region=${r}#InstanceDetails:instanceId=${encodeURIComponent(instanceId)}`
}

/** The key's page in the KMS console (customer managed or AWS managed list), from its ARN. */
export function keyConsoleUrl(keyArn: string, manager?: string): string | undefined {
  const m = /^arn:([\w-]+):kms:([\w-]+):\d{12}:key\/([\w-]+)$/.exec(keyArn)
  if (!m) return undefined
  const [, partition, region, keyId] = m
  const base = consoleBase(partition)
  const list = manager === 'AWS' ? 'defaultKeys' : 'keys'
  return (
    base && `${base}/kms/home?region=${encodeURIComponent(region)}#/kms/${list}/${encodeURIComponent(keyId)}`
  )
}
