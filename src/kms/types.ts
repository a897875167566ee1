// Shared vocabulary of the pure key-policy analyzer. Nothing here may import an SDK or @actions/*.

/** The verdict on one KMS key for one caller, in the context EC2 uses when it starts an instance. */
export type Verdict =
  | 'ALLOW' // the key policy allows the caller directly
  | 'ALLOW_IF_IAM' // only an account principal allows it: the caller's IAM policies decide
  | 'DENY_EXPLICIT' // a Deny statement matches EC2's CreateGrant
  | 'DENY_IMPLICIT' // nothing allows it, and IAM cannot help
  | 'KEY_STATE' // the key is disabled, pending deletion/import, expired or unavailable
  | 'AWS_MANAGED' // an AWS managed key (aws/ebs): always usable in its own account
  | 'CROSS_ACCOUNT_UNREADABLE' // the key belongs to another account: its policy cannot be read
  | 'CANNOT_EVALUATE' // malformed policy, or an operator/element we do not model, decides the outcome
  | 'UNRESOLVED' // offline only: a value that could not be resolved (e.g. !GetAtt) decides the outcome

/** What DescribeKey tells about the key; strings stay strings so the analyzer needs no SDK types. */
export interface KeyFacts {
  arn: string
  keyId: string
  accountId: string
  region: string
  keyManager: 'AWS' | 'CUSTOMER'
  keyState: string // Enabled | Disabled | PendingDeletion | PendingImport | PendingReplicaDeletion | Unavailable | Creating | Updating
  origin?: string // AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE
  keySpec?: string
  keyUsage?: string
  multiRegion?: boolean
  expirationModel?: string
  validTo?: string // ISO date; material expires then
  aliases: string[] // alias names, e.g. alias/ci-ebs
}

/** Who asks EC2 to start the instances. */
export interface Caller {
  /** The principal as IAM sees it in a key policy: arn:aws:iam::<acct>:role/<path><name> or a user ARN. */
  principalArn: string
  accountId: string
  /** The STS session ARN, when the caller is an assumed-role session. NotPrincipal must list it to except the caller. */
  sessionArn?: string
  partition?: string // default 'aws'
  /**
   * True when principalArn was derived from a session ARN, which drops the role's path: a key policy may name
   * the role as arn:aws:iam::<acct>:role/<path>/<name>, and role names are unique per account, so match by name.
   */
  pathUnknown?: boolean
}

/** The request EC2 makes on the caller's behalf (how-ec2-uses-kms.md 1.3), or any other request to evaluate. */
export interface RequestContext {
  action: string // e.g. kms:CreateGrant
  principalArn: string
  sessionArn?: string
  accountId: string
  resourceArn: string // the key ARN
  /** Condition keys present in the request. Key names are matched case-insensitively. */
  context: Record<string, string | string[] | boolean>
  /**
   * Keys the request certainly carries but whose value is not known here (e.g. the volume ID when it was not given):
   * a comparison against one is 'unknown', a Null test is not. A trailing '*' matches a key prefix.
   */
  unknownKeys?: string[]
  /** Keys the request may or may not carry, value unknown (e.g. aws:PrincipalOrgID): even Null on them is 'unknown'. */
  maybeKeys?: string[]
  /** principalArn is a role ARN without its path (Caller.pathUnknown): a principal naming that role on any path matches. */
  principalPathUnknown?: boolean
  /**
   * Keys whose value is known up to one part (e.g. kms:GranteePrincipal without the instance ID): a condition is
   * decided when every witness value gives the same answer, and is 'unknown' when the policy names such a part
   * literally (`unlessPolicyNames`), since the real value might be that one.
   */
  partlyKnown?: Record<string, PartlyKnownValue>
}

export interface PartlyKnownValue {
  /** Values of the documented shape, differing in every character of the unknown part. */
  witnesses: string[]
  /** A policy value matching this may name the unknown part itself: then the condition stays 'unknown'. */
  unlessPolicyNames: RegExp
  /** What is not known, for the finding. */
  missing: string
}

export type Tristate = true | false | 'unknown'

export interface StatementRef {
  index: number // position in the Statement array (0-based); an object Statement is index 0
  sid?: string
  effect: 'Allow' | 'Deny'
}

export interface KeyVerdict {
  verdict: Verdict
  /** True when EC2 can use the key for this caller on the key-policy side (ALLOW, AWS_MANAGED). */
  usable: boolean
  /** The statement that decided the verdict, when one did. */
  deciding?: StatementRef
  /** One line, for humans: why this verdict. */
  reason: string
  /** The permission the caller lacks, when it lacks one (kms:CreateGrant). */
  missingPermission?: string
  /** Which of the start's KMS requests the verdict fails on, when it fails on one (how-ec2-uses-kms.md 1.1). */
  deniedRequest?: StartRequestName
  /** How each request of the start was judged: what it needs, and the outcome. */
  requests?: RequestJudgement[]
  /** What the verdict assumed that is not known for certain, each with how to remove the assumption. */
  assumptions?: string[]
  /**
   * The TROUBLESHOOTING.md code of the finding when it is more specific than the verdict (EC2_DECRYPT_DENIED,
   * PRINCIPAL_ARN_FORMS_DISAGREE, ROLE_PATH_ASSUMED).
   */
  finding?: FindingCode
  /** For a Deny that stops EC2's own Decrypt: the same statement with EC2's identity-only role exempted. Advice only. */
  amendedDeny?: AmendedDeny
}

export type FindingCode = 'EC2_DECRYPT_DENIED' | 'PRINCIPAL_ARN_FORMS_DISAGREE' | 'ROLE_PATH_ASSUMED'

/** The two KMS requests per encrypted volume of a start (how-ec2-uses-kms.md 1.1). */
export type StartRequestName = 'CreateGrant' | 'Decrypt'

export interface RequestJudgement {
  request: StartRequestName
  /** Who makes it, as a key policy sees it. */
  principal: string
  /** CreateGrant needs an Allow and no Deny; EC2's Decrypt is allowed by the grant and needs only no Deny. */
  needs: 'allow-and-no-deny' | 'no-deny'
  outcome: 'allowed' | 'delegatedToIam' | 'notDenied' | 'denied' | 'notAllowed' | 'unknown'
  deciding?: StatementRef
}

export interface AmendedDeny {
  deciding: StatementRef
  /** The statement as the policy holds it. */
  before: Record<string, unknown>
  /** The same statement plus the ArnNotLikeIfExists aws:PrincipalArn exemption of aws:ec2-infrastructure. */
  after: Record<string, unknown>
}
