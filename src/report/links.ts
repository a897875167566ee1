// One heading per finding code in docs/TROUBLESHOOTING.md; summary and annotations link to it.
export const TROUBLESHOOTING_URL =
  'https://github.com/ec2-start-guard/ec2-start-guard/blob/v1/docs/TROUBLESHOOTING.md'

export function troubleshootingLink(code: string): string {
  return `${TROUBLESHOOTING_URL}#${code.toLowerCase().replace(/_/g, '-')}`
}
