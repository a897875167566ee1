// The one escaping helper for text that goes into the job summary (HTML inside GitHub Markdown).

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/**
 * Any text from AWS, the repository or the user, made safe for the summary: HTML-escaped, and on one line.
 * GitHub renders the summary as Markdown, where a blank line ends an HTML block: a Name tag or a file name with a
 * blank line in it would end the table and let the rest render as Markdown (links, images, headings). Line breaks
 * become spaces, so no value can contain one. `keepLines` is only for <pre> blocks, which a blank line does not
 * end (CommonMark HTML block type 1); even there, whitespace-only lines are dropped.
 */
export function summaryText(text: string, keepLines = false): string {
  const flat = keepLines
    ? text.replace(/\r\n?/g, '\n').replace(/\n[ \t]*(?=\n)/g, '')
    : text.replace(/[ \t]*(?:[\r\n\u2028\u2029][ \t]*)+/g, ' ')
  return flat.replace(/[&<>"']/g, c => ENTITIES[c])
}
