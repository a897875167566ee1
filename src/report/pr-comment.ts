// The pull-request comment (README, "Comment on the pull request"): the verdict and one row per finding, rendered
// from the findings model only. Sids, file names, aliases and AWS messages are untrusted: HTML-escaped on one line
// (summaryText), and an @ can never mention anyone.
import { createHash } from 'node:crypto'
import { summaryText } from './escape.js'
import { findingRule } from './finding-rules.js'
import type { RunFindings } from './findings.js'

const MARKER_PREFIX = '<!-- ec2-start-guard:pr-comment'
/** GitHub refuses a comment body over 65536 characters; rows beyond this are counted, not shown. */
export const COMMENT_LIMIT = 65_536
const MAX_ROWS = 50
const LEVEL_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const

/**
 * The hidden first line that finds this job's comment again: one comment per workflow and job, so two gates of a
 * repository (an offline gate, a live check) keep their own. Hashed, so no name can close the HTML comment.
 */
export function commentMarker(env: Record<string, string | undefined>): string {
  const id = createHash('sha256')
    .update(`${env.GITHUB_WORKFLOW ?? ''}\u0000${env.GITHUB_JOB ?? ''}`)
    .digest('hex')
    .slice(0, 16)
  return `${MARKER_PREFIX}:${id} -->`
}

/** Text from AWS or the repository, safe in the comment: escaped, one line, and no @mention or #reference. */
function text(value: string): string {
  // A word joiner after @ and # keeps GitHub from turning "@org/team" into a mention or "#1" into a link.
  return summaryText(value).replace(/[@#]/g, c => `${c}\u2060`)
}

export function renderPrComment(run: RunFindings, marker: string, runUrl?: string): string {
  const head = [marker, '### ec2-start-guard', '', `**${run.icon} ${text(run.headline)}**`, '']
  const rows = run.findings.slice(0, MAX_ROWS).map(f => {
    const rule = findingRule(f.code)
    const where = f.file
      ? `<code>${text(f.file)}${f.line ? `:${f.line}` : ''}</code>`
      : f.subject
        ? text(f.subject)
        : ''
    const detail = [f.subject && f.file ? `${f.subject}:` : '', f.cause, ...f.advice]
      .filter(Boolean)
      .join(' ')
    return `<tr><td>${LEVEL_ICON[f.level]}</td><td><a href="${summaryText(rule.helpUri)}"><code>${text(f.code)}</code></a></td><td>${where}</td><td><strong>${text(f.title)}</strong> — ${text(detail)}</td></tr>`
  })
  const body =
    run.findings.length === 0
      ? ['No findings: nothing in this run needs attention.']
      : [
          '<table>',
          '<tr><th></th><th>Code</th><th>Where</th><th>Finding</th></tr>',
          ...rows,
          '</table>',
          ...(run.findings.length > rows.length
            ? ['', `${run.findings.length - rows.length} more finding(s) in the job summary.`]
            : [])
        ]
  const foot = ['', runUrl ? `<sub>Updated by <a href="${summaryText(runUrl)}">this run</a>.</sub>` : '']
  let comment = [...head, ...body, ...foot].join('\n').trimEnd() + '\n'
  if (comment.length > COMMENT_LIMIT) {
    const cut = comment.slice(0, COMMENT_LIMIT - 200)
    comment = `${cut.slice(0, cut.lastIndexOf('\n'))}\n</table>\n\nComment cut at GitHub's size limit: the job summary has every finding.\n`
  }
  return comment
}

/** The run's page, from the runner's environment, when it is known. */
export function runUrlOf(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env
  if (!server || !repo || !id || !/^\d+$/.test(id) || !/^https?:\/\//.test(server)) return undefined
  return `${server}/${repo}/actions/runs/${id}`
}
