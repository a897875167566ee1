// escapeHtml keeps untrusted text inside the summary's HTML block: no blank line in it or at its edges.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { escapeHtml } from '../../src/report/summary.js'

const hasBlankLine = (html: string) => html.split(/\r\n|\r|\n/).some(line => /^[ \t]*$/.test(line))

describe('escapeHtml', () => {
  it('escapes the five HTML characters and leaves single line breaks alone', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(escapeHtml('one\ntwo')).toBe('one\ntwo')
  })

  it('turns the line breaks next to a blank line into &#10; (LF, CR LF, lone CR)', () => {
    expect(escapeHtml('ci-1\n\n# heading')).toBe('ci-1&#10;&#10;# heading')
    expect(escapeHtml('a\r\n \r\nb\r\rc')).toBe('a&#10; &#10;b&#10;&#10;c')
    expect(escapeHtml('\nleading and trailing\n')).toBe('&#10;leading and trailing&#10;')
  })

  it('never leaves a blank line, wherever the text is placed between two lines (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r', '#', '<') }), text => {
        expect(hasBlankLine(`<td>${escapeHtml(text)}</td>`)).toBe(false)
        expect(hasBlankLine(`<p>\n${escapeHtml(`x${text}x`)}\n</p>`)).toBe(false)
      })
    )
  })
})
