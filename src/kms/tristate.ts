// Kleene's three-valued logic: 'unknown' decides nothing, so a known false (AND) or true (OR) still wins over it.
import type { Tristate } from './types.js'

export function and3(...values: Tristate[]): Tristate {
  if (values.includes(false)) return false
  return values.includes('unknown') ? 'unknown' : true
}

export function or3(...values: Tristate[]): Tristate {
  if (values.includes(true)) return true
  return values.includes('unknown') ? 'unknown' : false
}

export function not3(value: Tristate): Tristate {
  return value === 'unknown' ? 'unknown' : !value
}

/** Both branches of an uncertainty: known only when they agree. */
export function either(a: Tristate, b: Tristate): Tristate {
  return a === b ? a : 'unknown'
}
