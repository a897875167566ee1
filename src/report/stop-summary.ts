// The post step's result (stop-on-post) as data, and its job summary: the same escaping as the main summary.
import { summaryText as t } from './escape.js'
import { instanceConsoleUrl } from './links.js'

export interface StopRow {
  instanceId: string
  /** "running → stopping", or undefined when StopInstances failed for it. */
  previous?: string
  current?: string
}

export interface StopResult {
  region: string
  rows: StopRow[]
  failures: string[]
  requested: number
}

export function stopVerdict(result: StopResult): { failed: boolean; text: string } {
  return result.failures.length === 0
    ? { failed: false, text: `✅ Stopped the ${result.requested} instance(s) this job started.` }
    : {
        failed: true,
        text: `❌ Some instances this job started are STILL RUNNING (and cost money): stop them by hand.`
      }
}

export function renderStopSummary(result: StopResult): string {
  const rows = result.rows.map(r => {
    const url = instanceConsoleUrl(r.instanceId, result.region)
    const id = `<code>${t(r.instanceId)}</code>`
    const state = r.current === undefined ? '❌ not stopped' : `${t(r.previous ?? '')} → ${t(r.current)}`
    return `<tr><td>${url ? `<a href="${t(url)}">${id}</a>` : id}</td><td>${state}</td></tr>`
  })
  const failures = result.failures.length
    ? `<ul>\n${result.failures.map(f => `<li>❌ ${t(f)}</li>`).join('\n')}\n</ul>\n`
    : ''
  return `<h3>ec2-start-guard: stop-on-post</h3>\n<p><strong>${t(stopVerdict(result).text)}</strong></p>\n${failures}<table>\n<tr><th>Instance</th><th>State</th></tr>\n${rows.join('\n')}\n</table>\n`
}
