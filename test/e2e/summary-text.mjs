// @ts-check
// Renders the job summary's HTML as plain text for a terminal: tables as aligned columns, tags dropped.

/** @param {string} s */
function decode(s) {
  return s
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** @param {string} html */
function table(html) {
  const all = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(r => r[1])
  // A full-width cell (colspan) belongs to the row above it: printed under it, whole, not as a column.
  const wide = (/** @type {string} */ r) => /^<td colspan=/.test(r)
  const rows = all
    .filter(r => !wide(r))
    .map(r =>
      [...r.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map(c => decode(c[1].replace(/<br>/g, ' ')).trim())
    )
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map(r => (r[i] ?? '').length))))
  const line = (/** @type {string[]} */ r) =>
    r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ')
  const body = []
  let n = 0
  for (const r of all.slice(1)) {
    if (wide(r)) body.push(`    ${decode(r.replace(/<br>/g, '\n    ')).trim()}`)
    else body.push(line(rows[++n]))
  }
  return [line(rows[0]), widths.map(w => '-'.repeat(w)).join('  '), ...body].join('\n')
}

/** @param {string} html */
export function htmlToText(html) {
  return html
    .replace(/<table>[\s\S]*?<\/table>/g, t => `\n${table(t)}\n`)
    .replace(/<h[23]>([\s\S]*?)<\/h[23]>/g, (_, t) => `\n## ${decode(t)}\n`)
    .replace(/<summary>([\s\S]*?)<\/summary>/g, (_, t) => `▸ ${decode(t)}\n`)
    .replace(/<li>/g, '  • ')
    .split('\n')
    .map(l => decode(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
