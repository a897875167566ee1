// One heading per finding code in docs/TROUBLESHOOTING.md; summary and annotations link to it.
export const TROUBLESHOOTING_URL =
  'https://github.com/ec2-start-guard/ec2-start-guard/blob/v1/docs/TROUBLESHOOTING.md'

export function troubleshootingLink(code: string): string {
  return `${TROUBLESHOOTING_URL}#${code.toLowerCase().replace(/_/g, '-')}`
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
