import { describe, expect, it } from '@jest/globals'
import { jsonErrorOffset } from '../../src/offline/json-error-position.js'

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": [true, false, null, -1.5e3, "x\\n\\u00e9"], "b": {}}', -1],
    [' [] ', -1],
    ['', 0],
    ['{"a": 1,}', 8],
    ['[1,]', 3],
    ['{"a": 1 "b": 2}', 8],
    ["{'a': 1}", 1],
    ['{"a": tru}', 9],
    ['{"a": "x\ty"}', 8],
    ['{"a": "\\u12x4"}', 11],
    ['{"a": 01}', 7],
    ['{"a": 1} x', 9],
    ['"open', 5]
  ])('%j -> %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset)
    // The scanner and JSON.parse must agree on what is valid.
    expect(offset === -1).toBe(isValid(text))
  })
})

function isValid(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
