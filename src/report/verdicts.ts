// The one table of what each verdict means to the report. Adding a Verdict (src/kms/types.ts) is a row here, a
// heading in docs/TROUBLESHOOTING.md, and the test that checks both; the renderers read nothing else.
import type { FindingCode, KeyVerdict, Verdict } from '../kms/types.js'
import { TROUBLESHOOTING_URL } from './links.js'

/** How a finding is reported: an annotation level, or 'pass' when there is nothing to report. */
export type FindingLevel = 'error' | 'warning' | 'notice'
export type VerdictLevel = FindingLevel | 'pass'

export interface VerdictInfo {
  /**
   * Live (mode start or check), before the IAM half and what AWS did are known; 'iam' when the caller's IAM
   * policies decide (the simulation, or its absence, sets the level). Must agree with keyStatus() in src/kms.
   */
  live: VerdictLevel | 'iam'
  /** With key-policy-files, where no IAM policy can be read. */
  offline: VerdictLevel
  /** Annotation title for a key or policy with this verdict. */
  title: string
  /** Whether a statement added to the key policy (fix: apply) can turn it into ALLOW. */
  fixable: boolean
  /** The docs/TROUBLESHOOTING.md heading. */
  anchor: string
}

export const VERDICTS: Record<Verdict, VerdictInfo> = {
  ALLOW: {
    live: 'pass',
    offline: 'pass',
    title: 'KMS key policy lets EC2 use the key',
    fixable: false,
    anchor: 'allow'
  },
  ALLOW_IF_IAM: {
    live: 'iam',
    offline: 'notice',
    title: "Only the caller's IAM policy can allow kms:CreateGrant",
    fixable: true,
    anchor: 'allow-if-iam'
  },
  DENY_EXPLICIT: {
    live: 'error',
    offline: 'error',
    title: 'KMS key policy denies EC2 the grant',
    fixable: false,
    anchor: 'deny-explicit'
  },
  DENY_IMPLICIT: {
    live: 'error',
    offline: 'error',
    title: 'KMS key policy does not let EC2 create a grant',
    fixable: true,
    anchor: 'deny-implicit'
  },
  KEY_STATE: {
    live: 'error',
    offline: 'error',
    title: 'KMS key is not usable',
    fixable: false,
    anchor: 'key-state'
  },
  AWS_MANAGED: {
    live: 'pass',
    offline: 'pass',
    title: 'AWS managed key',
    fixable: false,
    anchor: 'aws-managed'
  },
  CROSS_ACCOUNT_UNREADABLE: {
    live: 'warning',
    offline: 'warning',
    title: "Another account's KMS key: its policy cannot be read",
    fixable: false,
    anchor: 'cross-account-unreadable'
  },
  CANNOT_EVALUATE: {
    live: 'warning',
    offline: 'warning',
    title: 'KMS key policy could not be evaluated',
    fixable: false,
    anchor: 'cannot-evaluate'
  },
  UNRESOLVED: {
    live: 'warning',
    offline: 'warning',
    title: 'Key policy has a value that could not be resolved',
    fixable: false,
    anchor: 'unresolved'
  }
}

/** The title of a key whose key policy would let EC2 in but whose caller's IAM policies do not. */
export const IAM_DENIES_TITLE = 'IAM policy does not allow kms:CreateGrant'

/** The row of a verdict; a verdict added to src/kms but not here still renders, as a warning. */
export function verdictInfo(verdict: string): VerdictInfo {
  return (
    (VERDICTS as Record<string, VerdictInfo>)[verdict] ?? {
      live: 'warning',
      offline: 'warning',
      title: `KMS key ${verdict}`,
      fixable: false,
      anchor: verdict.toLowerCase().replace(/_/g, '-')
    }
  )
}

export function verdictLink(verdict: string): string {
  return `${TROUBLESHOOTING_URL}#${verdictInfo(verdict).anchor}`
}

/**
 * Key findings more specific than their verdict (KeyVerdict.finding): the verdict keeps its level; the finding
 * gives the title and the troubleshooting section.
 */
export const KEY_FINDINGS: Record<FindingCode, { title: (verdictTitle: string) => string; anchor: string }> =
  {
    EC2_DECRYPT_DENIED: {
      title: () => "KMS key policy denies EC2's own Decrypt",
      anchor: 'ec2-decrypt-denied'
    },
    PRINCIPAL_ARN_FORMS_DISAGREE: {
      title: () => "The two documented forms of EC2's principal ARN get different answers",
      anchor: 'principal-arn-forms-disagree'
    },
    ROLE_PATH_ASSUMED: {
      title: verdictTitle => `${verdictTitle} (judged with the role on path /)`,
      anchor: 'role-path-assumed'
    }
  }

/** The row that renders a verdict: the verdict's own, with the title and section of its finding when it has one. */
export function findingInfo(verdict: Pick<KeyVerdict, 'verdict' | 'finding'>): VerdictInfo {
  const info = verdictInfo(verdict.verdict)
  const finding = verdict.finding ? KEY_FINDINGS[verdict.finding] : undefined
  return finding ? { ...info, title: finding.title(info.title), anchor: finding.anchor } : info
}

export function findingLink(verdict: Pick<KeyVerdict, 'verdict' | 'finding'>): string {
  return `${TROUBLESHOOTING_URL}#${findingInfo(verdict).anchor}`
}
