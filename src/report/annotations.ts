// ::error / ::warning annotations, built as data; at most 10 per level, the rest counted in the summary.
import type { InstanceReport, KeyReport, RunReport } from './model.js'
import { failureLink, troubleshootingLink } from './links.js'

export const ANNOTATIONS_PER_LEVEL = 10

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
  file?: string
  line?: number
}

export interface AnnotationPlan {
  shown: Annotation[]
  /** How many of each level were left out. */
  hidden: Record<Annotation['level'], number>
}

/** Reasons are clauses; in a message that goes on, they end with a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`
}

function keyName(key: KeyReport): string {
  return key.alias ? `${key.arn} (${key.alias})` : key.arn
}

function keyTitle(key: KeyReport): string {
  switch (key.verdict.verdict) {
    case 'DENY_EXPLICIT':
      return key.verdict.deniedRequest === 'Decrypt'
        ? "KMS key policy denies EC2's own Decrypt"
        : 'KMS key policy denies EC2 the grant'
    case 'DENY_IMPLICIT':
      return 'KMS key policy does not let EC2 create a grant'
    case 'KEY_STATE':
      return `KMS key is not usable (${key.state})`
    case 'ALLOW_IF_IAM':
      return 'IAM policy does not allow kms:CreateGrant'
    default:
      return `KMS key ${key.verdict.verdict}`
  }
}

function keyAnnotation(key: KeyReport, level: Annotation['level']): Annotation {
  const parts = [
    `${keyName(key)}: ${sentence(key.verdict.reason)}`,
    `Instances: ${key.instances.join(', ') || 'none'}.`,
    key.verdict.missingPermission
      ? `${key.verdict.verdict === 'DENY_EXPLICIT' ? 'Denied permission' : 'Missing permission'}: ${key.verdict.missingPermission}.`
      : '',
    key.fix
      ? `Fix: add statement ${key.fix.sid} to the ${key.fix.target === 'key-policy' ? 'key policy' : "caller's IAM policy"} (see the job summary).`
      : '',
    key.disagreement ?? '',
    `See ${troubleshootingLink(key.verdict.finding ?? key.verdict.verdict)}`
  ]
  return { level, title: keyTitle(key), message: parts.filter(Boolean).join(' ') }
}

/** What the diagnosis says about a failed instance's keys, in one sentence. */
function likelyCause(instance: InstanceReport, report: RunReport): string {
  const keys = report.keys.filter(k => instance.keys.includes(k.arn))
  const suspects = keys.filter(k => k.status !== 'ok')
  if (suspects.length > 0) {
    return ` Likely cause: ${suspects.map(k => `${keyName(k)} (${k.verdict.verdict})`).join(', ')}.`
  }
  const silentStop = instance.startedByThisStep && instance.state === 'stopped'
  if (!silentStop || report.keys.length === 0) return ''
  if (keys.length === 0) return ' It has no volume encrypted with a KMS key, so KMS is not the cause.'
  return (
    ` Its KMS keys look usable to this analysis: check what it cannot see, i.e. SCPs and RCPs, permissions boundaries,` +
    ` session policies and VPC endpoint policies, and the failed CreateGrant event in CloudTrail.`
  )
}

export function buildAnnotations(report: RunReport): AnnotationPlan {
  const all: Annotation[] = []
  for (const problem of report.problems)
    all.push({ level: 'error', title: 'ec2-start-guard', message: problem })
  for (const warning of report.warnings)
    all.push({ level: 'warning', title: 'ec2-start-guard', message: warning })
  for (const instance of report.instances.filter(i => i.outcome === 'failed')) {
    all.push({
      level: 'error',
      title:
        instance.state === 'stopped' && instance.startedByThisStep
          ? 'Instance stopped right after start'
          : 'Instance did not reach the target state',
      message: `${instance.failure ?? `${instance.instanceId} is ${instance.state}`}${instance.name ? ` (Name: ${instance.name})` : ''}.${likelyCause(instance, report)}${instance.failureKind ? ` See ${failureLink(instance.failureKind)}` : ''}`
    })
  }
  for (const key of report.keys) {
    if (key.status === 'misconfigured') {
      // A key judged bad whose instances all ran is a disagreement with AWS, not a failure of the step.
      all.push(keyAnnotation(key, key.disagreement ? 'warning' : 'error'))
    } else if (key.status === 'unverified') all.push(keyAnnotation(key, 'warning'))
  }
  for (const file of report.files) {
    if (file.error) {
      // Parse errors say "at LINE:COLUMN"; point the annotation there so the PR diff shows it in place.
      const line = Number(/\bat (\d+):\d+/.exec(file.error)?.[1] ?? 1)
      all.push({
        level: 'error',
        title: 'Key policy file could not be read',
        message: `${file.file}: ${file.error}`,
        file: file.file,
        line
      })
    }
    for (const policy of file.policies) {
      if (policy.status === 'ok' && policy.verdict.verdict !== 'ALLOW_IF_IAM') continue
      const level =
        policy.status === 'misconfigured'
          ? 'error'
          : policy.verdict.verdict === 'ALLOW_IF_IAM'
            ? 'notice'
            : 'warning'
      all.push({
        level,
        title:
          policy.status === 'misconfigured'
            ? `Key policy would stop EC2 (${policy.verdict.verdict})`
            : `Key policy ${policy.verdict.verdict}`,
        message: `${policy.name}: ${sentence(policy.verdict.reason)}${policy.fix ? ` Fix: add statement ${policy.fix.sid} (see the job summary).` : ''} See ${troubleshootingLink(policy.verdict.finding ?? policy.verdict.verdict)}`,
        file: file.file,
        line: policy.decidingLine ?? policy.line
      })
    }
  }
  const shown: Annotation[] = []
  const hidden = { error: 0, warning: 0, notice: 0 }
  const count = { error: 0, warning: 0, notice: 0 }
  for (const a of all) {
    if (count[a.level] < ANNOTATIONS_PER_LEVEL) {
      count[a.level]++
      shown.push(a)
    } else hidden[a.level]++
  }
  return { shown, hidden }
}
