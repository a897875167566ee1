// Conditions: operators ANDed, keys ANDed, values ORed. Here live the semantics around the value tests: a key absent
// from the request (IfExists, set operators, negated operators), Null, and a key that may or may not be present.
import type { Environment, Lookup } from './environment.js'
import { parseOperator, type Operator } from './operators.js'
import { isUnresolved, type ParsedCondition } from './policy.js'
import { and3, either, not3, or3 } from './tristate.js'
import type { PartlyKnownValue, Tristate } from './types.js'
import { unresolvedCause, type UnknownCause } from './unknown-cause.js'
import { compileTest } from './condition-values.js'

export function evaluateCondition(
  condition: ParsedCondition,
  env: Environment,
  causes: UnknownCause[]
): Tristate {
  const { operator: name, key } = condition
  for (const part of [name, key]) {
    if (isUnresolved(part)) {
      causes.push(unresolvedCause(part))
      return 'unknown'
    }
  }
  const operator = parseOperator(name)
  if (operator === undefined) {
    causes.push({
      kind: 'operator',
      message: `the condition operator "${name}" is not one this tool evaluates`
    })
    return 'unknown'
  }
  if (condition.malformed !== undefined) {
    causes.push({ kind: 'value', message: `${name} on ${key}: ${condition.malformed}` })
    return 'unknown'
  }
  const found = env.lookup(key)
  const evaluateWith = (lookup: Lookup): Tristate =>
    operator.base.family === 'null'
      ? evaluateNull(condition, lookup, causes)
      : evaluateOperator(operator, condition, lookup, env, causes)
  if (found.state === 'partlyKnown') return evaluatePartlyKnown(condition, found.value, evaluateWith, causes)
  if (found.state !== 'maybe') return evaluateWith(found)
  const branchCauses: UnknownCause[] = []
  const evaluateBranch = (lookup: Lookup): Tristate => {
    const saved = causes.length
    const result = evaluateWith(lookup)
    branchCauses.push(...causes.splice(saved))
    return result
  }
  const result = either(evaluateBranch({ state: 'absent' }), evaluateBranch({ state: 'unknownValue' }))
  if (result === 'unknown') {
    causes.push(...branchCauses.filter(c => c.kind !== 'context'))
    causes.push({
      kind: 'context',
      message: `${key} may or may not be in EC2's request, and its value is not known`
    })
  }
  return result
}

/**
 * A value known up to one part: decided when every witness of the documented shape gives the same answer, unless
 * the policy names that part itself (then the real value might be the one named).
 */
function evaluatePartlyKnown(
  condition: ParsedCondition,
  value: PartlyKnownValue,
  evaluateWith: (lookup: Lookup) => Tristate,
  causes: UnknownCause[]
): Tristate {
  const unknown = (): Tristate => {
    causes.push({
      kind: 'context',
      message: `${condition.key} depends on ${value.missing}, which is not known here`
    })
    return 'unknown'
  }
  if (condition.values.some(v => value.unlessPolicyNames.test(v))) return unknown()
  const saved = causes.length
  const results = value.witnesses.map(w => evaluateWith({ state: 'present', values: [w] }))
  const first = results[0] ?? 'unknown'
  if (results.every(r => r === first) && first !== 'unknown') {
    causes.splice(saved)
    return first
  }
  return unknown()
}

function evaluateNull(condition: ParsedCondition, lookup: Lookup, causes: UnknownCause[]): Tristate {
  const absent = lookup.state === 'absent'
  return or3(
    ...condition.values.map((value): Tristate => {
      if (isUnresolved(value)) {
        causes.push(unresolvedCause(value))
        return 'unknown'
      }
      const wanted = value.toLowerCase()
      if (wanted !== 'true' && wanted !== 'false') {
        causes.push({ kind: 'value', message: `Null on ${condition.key}: "${value}" is not true or false` })
        return 'unknown'
      }
      return (wanted === 'true') === absent
    })
  )
}

function evaluateOperator(
  operator: Operator,
  condition: ParsedCondition,
  lookup: Lookup,
  env: Environment,
  causes: UnknownCause[]
): Tristate {
  const { base, set, ifExists } = operator
  if (lookup.state === 'absent') {
    if (ifExists) return true
    if (set === 'ForAnyValue') return false
    if (set === 'ForAllValues') return true
    return base.negated
  }
  // Compile the policy values first: a malformed or unresolvable one is 'unknown' whatever the request holds.
  const tests = condition.values.map(value => compileTest(base, value, condition, env, causes))
  if (lookup.state !== 'present') {
    causes.push({ kind: 'context', message: `the value of ${condition.key} in EC2's request is not known` })
    return 'unknown'
  }
  const matchesAny = (v: string): Tristate => or3(...tests.map(test => test(v)))
  const each = (v: string): Tristate => (base.negated ? not3(matchesAny(v)) : matchesAny(v))
  if (set === 'ForAnyValue') return or3(...lookup.values.map(each))
  if (set === 'ForAllValues') return and3(...lookup.values.map(each))
  // Without a set operator a multi-valued key matches when any of its values does.
  const positive = or3(...lookup.values.map(matchesAny))
  return base.negated ? not3(positive) : positive
}
