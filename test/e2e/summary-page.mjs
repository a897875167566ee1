// @ts-check
// The job summary as GitHub shows it: the Markdown the step appended to GITHUB_STEP_SUMMARY (HTML blocks inside
// Markdown), rendered by markdown-it with raw HTML on, inside GitHub's own markdown stylesheet
// (github-markdown-css) in an article as wide as GitHub's summary pane. The browser test measures this page.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import MarkdownIt from 'markdown-it'

const require = createRequire(import.meta.url)

/** The article's width on GitHub: its summary pane at a 1012 px window, as the stylesheet's README lays it out. */
export const PAGE_CSS = `
body { margin: 0; background: #ffffff; }
.markdown-body { box-sizing: border-box; min-width: 200px; max-width: 980px; margin: 0 auto; padding: 45px; }
@media (max-width: 767px) { .markdown-body { padding: 15px; } }
`

/**
 * @param {string} summary what the step wrote to GITHUB_STEP_SUMMARY
 * @param {string} [title]
 */
export function summaryPage(summary, title = 'ec2-start-guard job summary') {
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
  const body = new MarkdownIt({ html: true, linkify: false }).render(summary)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${css}
${PAGE_CSS}
</style>
</head>
<body>
<article class="markdown-body">
${body}
</article>
</body>
</html>
`
}
