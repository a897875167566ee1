// The condition operators this tool evaluates, by the names AWS spells, with their set (ForAnyValue/ForAllValues)
// and IfExists modifiers. A name not listed here is not guessed at: the condition is 'unknown'.

type Family =
  | 'string'
  | 'stringIgnoreCase'
  | 'stringLike'
  | 'bool'
  | 'null'
  | 'arn'
  | 'ip'
  | 'numeric'
  | 'date'
  | 'binary'
export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte'

export interface BaseOperator {
  family: Family
  /** A negated operator is the negation of its positive twin, and is true when the key is absent. */
  negated: boolean
  comparison?: Comparison
}

function ordered(family: 'numeric' | 'date', prefix: string): Record<string, BaseOperator> {
  return {
    [`${prefix}Equals`]: { family, negated: false, comparison: 'eq' },
    [`${prefix}NotEquals`]: { family, negated: true, comparison: 'eq' },
    [`${prefix}LessThan`]: { family, negated: false, comparison: 'lt' },
    [`${prefix}LessThanEquals`]: { family, negated: false, comparison: 'lte' },
    [`${prefix}GreaterThan`]: { family, negated: false, comparison: 'gt' },
    [`${prefix}GreaterThanEquals`]: { family, negated: false, comparison: 'gte' }
  }
}

const BASE_OPERATORS: Record<string, BaseOperator> = {
  StringEquals: { family: 'string', negated: false },
  StringNotEquals: { family: 'string', negated: true },
  StringEqualsIgnoreCase: { family: 'stringIgnoreCase', negated: false },
  StringNotEqualsIgnoreCase: { family: 'stringIgnoreCase', negated: true },
  StringLike: { family: 'stringLike', negated: false },
  StringNotLike: { family: 'stringLike', negated: true },
  Bool: { family: 'bool', negated: false },
  Null: { family: 'null', negated: false },
  // ArnEquals and ArnLike are the same operator in IAM: both take wildcards per ARN component.
  ArnEquals: { family: 'arn', negated: false },
  ArnLike: { family: 'arn', negated: false },
  ArnNotEquals: { family: 'arn', negated: true },
  ArnNotLike: { family: 'arn', negated: true },
  IpAddress: { family: 'ip', negated: false },
  NotIpAddress: { family: 'ip', negated: true },
  BinaryEquals: { family: 'binary', negated: false },
  ...ordered('numeric', 'Numeric'),
  ...ordered('date', 'Date')
}

export interface Operator {
  base: BaseOperator
  set?: 'ForAnyValue' | 'ForAllValues'
  ifExists: boolean
}

/** Operator names are matched exactly as AWS spells them; anything else is an operator we do not know. */
export function parseOperator(name: string): Operator | undefined {
  let rest = name
  let set: Operator['set']
  for (const prefix of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      set = prefix
      rest = rest.slice(prefix.length + 1)
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists'
  if (ifExists) rest = rest.slice(0, -'IfExists'.length)
  const base = Object.hasOwn(BASE_OPERATORS, rest) ? BASE_OPERATORS[rest] : undefined
  if (base === undefined) return undefined
  if (base.family === 'null' && (ifExists || set !== undefined)) return undefined
  return { base, set, ifExists }
}
