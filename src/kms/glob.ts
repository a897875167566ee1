// `*` and `?` wildcard matching in linear time, without RegExp. A RegExp built from a pattern such as
// `*?*?*?*?*?Z` backtracks exponentially on a long value that does not match (47 s at seven pairs, hours at ten), and a
// key policy or a pull request's policy file chooses the pattern. The greedy two-pointer match below is
// O(pattern × value) in the worst case and never recurses.
import type { Token } from './policy-values.js'

/** One position of a compiled pattern: a literal character (already folded when matching ignores case) or a wildcard. */
type Atom = string | '*?' | '??'
const ANY_RUN = '*?' // `*`: any run of characters, empty included
const ANY_ONE = '??' // `?`: exactly one character

/** A compiled pattern. `test` keeps the shape of RegExp.test, so callers read the same. */
export interface GlobMatcher {
  test(value: string): boolean
}

/** Positions are UTF-16 code units, as in the RegExp (`.` without the `u` flag) this replaces: verdicts stay as they were. */
function atomsOf(tokens: readonly Token[], ignoreCase: boolean): Atom[] {
  const atoms: Atom[] = []
  for (const token of tokens) {
    if (typeof token !== 'string') {
      atoms.push(token.wildcard === '*' ? ANY_RUN : ANY_ONE)
      continue
    }
    const text = ignoreCase ? fold(token) : token
    for (let i = 0; i < text.length; i++) atoms.push(text[i] as string)
  }
  return atoms
}

/**
 * Case folding per UTF-16 unit, as a RegExp with the `i` flag and without `u` canonicalises (ECMA-262
 * Canonicalize): the unit's upper case when that is one unit, except that a non-ASCII unit never folds to ASCII.
 * The length never changes, so positions stay aligned.
 */
function fold(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    const upper = c.toUpperCase()
    out += upper.length !== 1 || (c.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? c : upper
  }
  return out
}

function matchAtoms(atoms: readonly Atom[], value: string): boolean {
  let p = 0 // next atom
  let v = 0 // next character of the value
  let star = -1 // the atom index just after the last `*` seen
  let resume = 0 // where in the value that `*` resumes matching
  while (v < value.length) {
    const atom = atoms[p]
    if (atom === ANY_RUN) {
      star = ++p
      resume = v
    } else if (atom !== undefined && (atom === ANY_ONE || atom === value[v])) {
      p++
      v++
    } else if (star >= 0) {
      // The last `*` swallows one more character; everything after it is tried again from there.
      p = star
      v = ++resume
    } else return false
  }
  while (atoms[p] === ANY_RUN) p++
  return p === atoms.length
}

/** Compiles tokens (text and wildcards) into a matcher of whole values. */
export function globMatcher(tokens: readonly Token[], ignoreCase: boolean): GlobMatcher {
  const atoms = atomsOf(tokens, ignoreCase)
  return { test: value => matchAtoms(atoms, ignoreCase ? fold(value) : value) }
}
