// @ts-check
// The markdown the bench writes into docs/PERFORMANCE.md, from one results object (bench/results/latest.json).
import { peersMarkdown } from './peers-report.mjs'
import { docWithTables, renderMarkdown } from './report.mjs'

export { docWithTables }

/** @param {any} results */
export function pageMarkdown(results) {
  return renderMarkdown(results) + (results.peers ? `\n${peersMarkdown(results.peers)}\n` : '')
}
