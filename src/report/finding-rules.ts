// What each finding code means to a reader who only sees the code (a code-scanning rule, a PR comment row): its
// title, one paragraph of help, and its docs/TROUBLESHOOTING.md section. Titles of verdicts and key findings come
// from verdicts.ts, so the annotation, the summary and the rule say the same thing.
import type { FindingCode, Verdict } from '../kms/types.js'
import { RUN_CODES } from './findings.js'
import { FAILURE_CODES, TROUBLESHOOTING_URL, troubleshootingAnchor } from './links.js'
import { KEY_FINDINGS, verdictInfo } from './verdicts.js'

export interface FindingRule {
  /** The code, as in the finding: DENY_IMPLICIT, EC2_DECRYPT_DENIED, STOPPED_AFTER_START, RUN_PROBLEM… */
  id: string
  title: string
  help: string
  helpUri: string
}

type FailureCode = (typeof FAILURE_CODES)[keyof typeof FAILURE_CODES]
type RunCode = (typeof RUN_CODES)[keyof typeof RUN_CODES]

const VERDICT_HELP: Record<Verdict, string> = {
  ALLOW:
    'A key-policy statement names the caller and allows kms:CreateGrant in the context EC2 sends; nothing to fix.',
  ALLOW_IF_IAM:
    "Only the account principal allows kms:CreateGrant, so the caller's IAM policy decides whether EC2 gets its grant. Offline, IAM cannot be read: add a statement that names the role, or rely on mode: check against the deployed key.",
  DENY_EXPLICIT:
    'A Deny statement of the key policy matches the kms:CreateGrant that EC2 makes for the caller (or its own Decrypt), so every instance with a volume under this key stops right after start. A Deny is never edited automatically: narrow it yourself.',
  DENY_IMPLICIT:
    'Nothing in the key policy allows the kms:CreateGrant that EC2 makes for the caller, and IAM cannot help. Add the least-privilege statement the job summary shows (the role, scoped to kms:ViaService ec2.<region>.amazonaws.com and kms:GrantIsForAWSResource).',
  KEY_STATE:
    'The key is disabled, pending deletion or import, unavailable, has expired material, or is not a symmetric encryption key: EC2 cannot use it whatever the policy says.',
  AWS_MANAGED: 'An AWS managed key (aws/ebs) is usable by every principal of its own account.',
  CROSS_ACCOUNT_UNREADABLE:
    "The key belongs to another account, whose key policy cannot be read from here: its owner must allow the caller's kms:CreateGrant.",
  CANNOT_EVALUATE:
    'The key policy could not be read or parsed, or an element the evaluator does not model decides the outcome: the verdict is left open rather than guessed.',
  UNRESOLVED:
    'A value of the key policy (a resource attribute, a module output, "known after apply") cannot be known before deployment and decides the outcome.'
}

const KEY_FINDING_HELP: Record<FindingCode, string> = {
  EC2_DECRYPT_DENIED:
    "A Deny statement stops the kms:Decrypt that EC2 makes as aws:ec2-infrastructure (typically an aws:SourceVpce or aws:SourceIp condition). The job summary shows the same Deny with EC2's identity-only role exempted.",
  PRINCIPAL_ARN_FORMS_DISAGREE:
    "AWS documents two forms of the aws:PrincipalArn of EC2's own Decrypt, and the key policy gives them different answers: the verdict is left open.",
  ROLE_PATH_ASSUMED:
    "The caller's role path was not known (a session ARN drops it), so aws:PrincipalArn was judged with the role on path /. Set principal-arn to the role's full ARN."
}

const FAILURE_RULES: Record<FailureCode, { title: string; help: string }> = {
  STOPPED_AFTER_START: {
    title: 'Instance stopped right after start',
    help: 'StartInstances succeeded, then the instance went back to stopped (the silent stop), most often because a KMS key of its volumes does not let EC2 create its grant.'
  },
  START_ERROR: {
    title: 'StartInstances returned an error',
    help: 'StartInstances itself failed for the instance (permissions, state, capacity, throttling).'
  },
  STATUS_IMPAIRED: {
    title: 'Instance status check impaired',
    help: 'The instance runs but an instance or system status check is impaired: not a KMS problem.'
  },
  TIMEOUT: {
    title: 'Instance did not reach the target state in time',
    help: 'The instance did not reach wait-for within timeout-seconds.'
  }
}

const RUN_RULES: Record<RunCode, { title: string; help: string }> = {
  RUN_PROBLEM: {
    title: 'The run could not judge everything it was asked to',
    help: 'A problem of the run itself (a glob that matched no file, a diagnosis that timed out, an error that ended the step): it fails the step.'
  },
  RUN_WARNING: {
    title: 'Something to know about the run',
    help: 'A part of the analysis could not be done (for example the IAM simulation): the step does not fail on it, but what it covers is unverified.'
  },
  POLICY_FILE_UNREADABLE: {
    title: 'Key policy file could not be read',
    help: 'A file that key-policy-files matched could not be parsed as key-policy JSON, CloudFormation or Terraform: it fails the gate, since its keys cannot be judged.'
  },
  INSTANCE_FAILED: {
    title: 'Instance did not reach the target state',
    help: 'The instance did not reach the target state for a reason the poller did not classify; its state and reason are in the job summary.'
  }
}

/** Every code a finding can carry. */
export const KNOWN_CODES: readonly string[] = [
  ...Object.keys(VERDICT_HELP),
  ...Object.keys(KEY_FINDING_HELP),
  ...Object.keys(FAILURE_RULES),
  ...Object.keys(RUN_RULES)
]

/** The rule of a finding code; a code none of the tables knows still gets a rule, named by its code. */
export function findingRule(code: string): FindingRule {
  // Every code of KNOWN_CODES has its heading (__tests__/docs/troubleshooting.test.ts).
  const helpUri = `${TROUBLESHOOTING_URL}#${troubleshootingAnchor(code)}`
  const keyFinding = (KEY_FINDINGS as Record<string, (typeof KEY_FINDINGS)[FindingCode] | undefined>)[code]
  if (keyFinding) {
    const title = keyFinding.title('KMS key verdict')
    return { id: code, title, help: KEY_FINDING_HELP[code as FindingCode], helpUri }
  }
  const verdictHelp = (VERDICT_HELP as Record<string, string | undefined>)[code]
  if (verdictHelp) return { id: code, title: verdictInfo(code).title, help: verdictHelp, helpUri }
  const other = (FAILURE_RULES as Record<string, { title: string; help: string } | undefined>)[code] ??
    (RUN_RULES as Record<string, { title: string; help: string } | undefined>)[code] ?? {
      title: `ec2-start-guard finding ${code}`,
      help: `See the troubleshooting section for ${code}.`
    }
  return { id: code, ...other, helpUri }
}
