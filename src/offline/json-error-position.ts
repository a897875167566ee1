// JSON.parse names the offset of some syntax errors but not of others ("Unexpected token", depending on the Node
// version). This strict scanner finds the offset of the first error, so every malformed-JSON message has a line.

/** Offset of the first JSON syntax error in `text`, or -1 when it is valid. */
export function jsonErrorOffset(text: string): number {
  let at = 0
  const fail = (offset = at): never => {
    throw offset
  }
  const ws = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++
  }
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail()
      at++
    }
  }
  const string = () => {
    at++ // opening quote
    for (;;) {
      if (at >= text.length) fail()
      const char = text[at]
      if (char === '"') return void at++
      if (char < ' ') fail()
      if (char === '\\') {
        at++
        if (text[at] === 'u') {
          for (let i = 1; i <= 4; i++) if (!/[0-9a-fA-F]/.test(text[at + i] ?? '')) fail(at + i)
          at += 5
        } else if ('"\\/bfnrt'.includes(text[at] ?? 'x')) at++
        else fail()
      } else at++
    }
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at))
    if (!match) fail()
    else at += match[0].length
  }
  const value = (): void => {
    ws()
    const char = text[at]
    if (char === '{') {
      at++
      ws()
      if (text[at] === '}') return void at++
      for (;;) {
        ws()
        if (text[at] !== '"') fail()
        string()
        ws()
        if (text[at] !== ':') fail()
        at++
        value()
        ws()
        if (text[at] === '}') return void at++
        if (text[at] !== ',') fail()
        at++
      }
    }
    if (char === '[') {
      at++
      ws()
      if (text[at] === ']') return void at++
      for (;;) {
        value()
        ws()
        if (text[at] === ']') return void at++
        if (text[at] !== ',') fail()
        at++
      }
    }
    if (char === '"') return string()
    if (char === 't') return literal('true')
    if (char === 'f') return literal('false')
    if (char === 'n') return literal('null')
    return number()
  }
  try {
    value()
    ws()
    if (at < text.length) fail()
    return -1
  } catch (offset) {
    if (typeof offset === 'number') return offset
    throw offset
  }
}
