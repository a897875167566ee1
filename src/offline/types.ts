// The shapes the offline readers hand to the evaluator. Pure data: no SDK, no toolkit.

/** Where the keys would live: used to resolve pseudo parameters and to build the default policy. */
export interface ExtractContext {
  accountId: string
  region: string
  partition: string
}

export type PolicyFileFormat =
  'raw-policy' | 'cloudformation-json' | 'cloudformation-yaml' | 'terraform-plan' | 'terraform-source'

export interface ExtractedPolicy {
  /** CFN logical ID, Terraform address, or 'key policy' for a raw policy file. */
  name: string
  /** 1-based line of the policy in the file (the KeyPolicy / policy key); 1 when unknown. */
  line: number
  /** 1-based line of each statement, in order; [line] when Statement is a single object. */
  statementLines: number[]
  /** The policy document with intrinsics resolved; unresolved values carry UNRESOLVED_MARKER. */
  policy: object
  /** Human descriptions of the values that could not be resolved. */
  unresolved: string[]
}

export type ExtractResult =
  | { kind: 'policies'; format: PolicyFileFormat; policies: ExtractedPolicy[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string }
