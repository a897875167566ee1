// A key policy as the text it is, for edits that must not change a byte of what they keep. JSON.parse loses what an
// edit has to preserve: it keeps only the last of two members with the same name ("Statement" twice), and it turns
// 99999999999999999999 into 100000000000000000000 when printed again. This reads the tokens of valid JSON (the
// caller has run JSON.parse on it first) with an explicit stack, so any depth is safe.

export interface JsonToken {
  kind: 'punct' | 'string' | 'number' | 'literal'
  text: string
  start: number
  end: number
}

/** A value's place in the text: [start, end) in characters, and [first, last] in tokens. */
export interface JsonSpan {
  start: number
  end: number
  first: number
  last: number
}

export interface PolicyText {
  tokens: JsonToken[]
  /** Every member name that occurs twice in one object, with where: `"Statement" (top level)`. */
  duplicates: string[]
  /** The top-level members in order, with the span of each value. */
  members: Array<{ name: string; value: JsonSpan }>
  /** The top-level Statement member's value, and its items when it is an array. */
  statement?: { value: JsonSpan; isArray: boolean; items: JsonSpan[] }
}

const TOKEN =
  /\s*(?:([{}[\]:,])|("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null))/y

/** The tokens of JSON text; throws on anything that is not JSON. */
export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = []
  TOKEN.lastIndex = 0
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    TOKEN.lastIndex = at
    const match = TOKEN.exec(text)
    if (!match) throw new Error(`not JSON at character ${at}`)
    const textOf = match[1] ?? match[2] ?? match[3] ?? match[4] ?? ''
    const kind = match[1] ? 'punct' : match[2] ? 'string' : match[3] ? 'number' : 'literal'
    const end = TOKEN.lastIndex
    tokens.push({ kind, text: textOf, start: end - textOf.length, end })
    at = end
  }
  return tokens
}

interface Frame {
  kind: 'object' | 'array'
  /** Member names seen (objects). */
  names: Set<string>
  path: string
  /** Index of the opening token. */
  open: number
  /** The member name whose value is being read (objects), or the next item index (arrays). */
  pending?: string
  items: JsonSpan[]
  itemStart?: number
}

/** Reads a key policy's text: its top-level members, its Statement items and every duplicate member name. */
export function readPolicyText(text: string): PolicyText {
  const tokens = tokenizeJson(text)
  const duplicates: string[] = []
  const members: PolicyText['members'] = []
  let statement: PolicyText['statement']
  const stack: Frame[] = []
  /** A value starts at token i: remember it for the frame that holds it. */
  const valueStarts = (i: number) => {
    const top = stack[stack.length - 1]
    if (top && top.itemStart === undefined) top.itemStart = i
  }
  /** The value that started at the frame's itemStart ended at token i. */
  const valueEnds = (i: number) => {
    const top = stack[stack.length - 1]
    if (!top || top.itemStart === undefined) return
    const span: JsonSpan = {
      start: tokens[top.itemStart].start,
      end: tokens[i].end,
      first: top.itemStart,
      last: i
    }
    top.items.push(span)
    if (stack.length === 1 && top.kind === 'object' && top.pending !== undefined) {
      members.push({ name: top.pending, value: span })
    }
    top.itemStart = undefined
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const top = stack[stack.length - 1]
    if (token.text === '{' || token.text === '[') {
      valueStarts(i)
      const name = top?.kind === 'object' ? top.pending : top ? `[${top.items.length}]` : undefined
      const path = top === undefined ? '' : top.path === '' ? `${name}` : `${top.path}.${name}`
      stack.push({
        kind: token.text === '{' ? 'object' : 'array',
        names: new Set(),
        path,
        open: i,
        items: []
      })
    } else if (token.text === '}' || token.text === ']') {
      const closed = stack.pop() as Frame
      if (closed.kind === 'array' && stack.length === 1 && stack[0].pending === 'Statement') {
        statement = {
          value: { start: tokens[closed.open].start, end: token.end, first: closed.open, last: i },
          isArray: true,
          items: closed.items
        }
      }
      valueEnds(i)
    } else if (token.kind === 'string' && top?.kind === 'object' && tokens[i + 1]?.text === ':') {
      const name = JSON.parse(token.text) as string
      if (top.names.has(name))
        duplicates.push(`"${name}" (${top.path === '' ? 'top level' : `in ${top.path}`})`)
      top.names.add(name)
      top.pending = name
      i++ // the colon
    } else if (token.text === ',') {
      continue
    } else {
      valueStarts(i)
      valueEnds(i)
    }
  }
  // The last Statement member is the one JSON.parse keeps (two of them are refused anyway, as a duplicate).
  const found = members.filter(m => m.name === 'Statement').pop()
  if (found && tokens[found.value.first].text === '{') {
    statement = { value: found.value, isArray: false, items: [found.value] }
  } else if (!found || tokens[found.value.first].text !== '[') statement = undefined
  return { tokens, duplicates, members, statement }
}

/** The tokens of a span as one string: whitespace between tokens does not count, every other character does. */
export function spanTokens(policy: PolicyText, span: JsonSpan): string {
  return policy.tokens
    .slice(span.first, span.last + 1)
    .map(t => t.text)
    .join('\u0000')
}
