// summaryText keeps untrusted text inside the summary's HTML block: a blank line would end GitHub's HTML block and
// let what follows (a Name tag's "# heading", a link) render as Markdown.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { summaryText } from '../../src/report/escape.js'

const hasBlankLine = (html: string) => html.split(/\r\n|\r|\n/).some(line => /^[ \t]*$/.test(line))
const UNITS = fc.constantFrom('a', ' ', '\t', '\n', '\r', '\u2028', '#', '<', '&')

describe('summaryText', () => {
  it('escapes the five HTML characters', () => {
    expect(summaryText(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('puts a value with line breaks (LF, CR LF, lone CR) on one line', () => {
    expect(summaryText('ci-1\n\n# heading')).toBe('ci-1 # heading')
    expect(summaryText('a\r\n \r\nb\r\rc')).toBe('a b c')
  })

  it('never leaves a blank line in a cell, wherever the text is placed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: UNITS }), text => {
        expect(hasBlankLine(`<td>${summaryText(text)}</td>`)).toBe(false)
        expect(hasBlankLine(`<p>\nx${summaryText(text)}x\n</p>`)).toBe(false)
      })
    )
  })

  it('keeps the lines of a <pre> block but drops the blank ones (property)', () => {
    expect(summaryText('{\n\n  "a": 1\n}', true)).toBe('{\n  &quot;a&quot;: 1\n}')
    fc.assert(
      fc.property(fc.string({ unit: UNITS }), text => {
        expect(hasBlankLine(`<pre><code>x${summaryText(text, true)}x</code></pre>`)).toBe(false)
      })
    )
  })
})
