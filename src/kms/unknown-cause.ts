// Why a match is 'unknown'. Every matcher reports its causes in this one shape so the evaluator can name them per
// statement, and the analyzer can tell an unresolved value (offline) from something this tool does not model.

/** Where an 'unknown' came from. Only 'unresolved' ones can make the analyzer answer UNRESOLVED. */
export type UnknownKind = 'unresolved' | 'operator' | 'value' | 'variable' | 'context'

export interface UnknownCause {
  kind: UnknownKind
  message: string
}

export function unresolvedCause(value: string): UnknownCause {
  return { kind: 'unresolved', message: `the value "${value}" could not be resolved` }
}
