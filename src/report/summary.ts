// The job summary as HTML/Markdown text. Every cell is escaped: tag values and policy Sids are user data.
import type { AnnotationPlan } from './annotations.js'
import type { FixReport, InstanceReport, KeyReport, PolicyFileReport, RunReport } from './model.js'
import type { KeyVerdict } from '../kms/types.js'
import { headline, stepFailed } from './model.js'
import { formatStateReason } from './state-reason.js'
import { troubleshootingLink, TROUBLESHOOTING_URL } from './links.js'

// GitHub rejects a step summary over 1 MiB; leave room for the rest of the page.
export const SUMMARY_LIMIT_BYTES = 1_000_000
const MAX_ROWS = 1000

/**
 * Text for HTML, with no blank line in it or at its edges: a blank line ends GitHub's HTML block, and what follows
 * (a Name tag's "# heading", a link) would render as Markdown. A line break next to a blank line becomes &#10;,
 * which is the same white space in the page.
 */
export function escapeHtml(text: string): string {
  const escaped = text.replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  )
  if (!/[\r\n]/.test(escaped)) return escaped
  const lines = escaped.split(/\r\n|\r|\n/)
  const blank = (line: string) => /^[ \t]*$/.test(line)
  return lines.reduce((out, line, i) =>
    i === 0 ? line : `${out}${blank(lines[i - 1] as string) || blank(line) ? '&#10;' : '\n'}${line}`
  )
}

function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map(h => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`
  const shown = rows.slice(0, MAX_ROWS)
  const body = shown.map(r => `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`).join('\n')
  const more = rows.length > shown.length ? `\n<p>${rows.length - shown.length} more rows not shown.</p>` : ''
  return `<table>\n${head}\n${body}\n</table>${more}\n`
}

function reasonText(i: InstanceReport): string {
  if (i.outcome !== 'failed') return ''
  const reason = formatStateReason(i.stateReason)
  return reason || i.failure || 'failed'
}

function instanceRows(report: RunReport): string[][] {
  return report.instances.map(i => [
    `<code>${escapeHtml(i.instanceId)}</code>`,
    escapeHtml(i.name ?? ''),
    `${escapeHtml(i.stateBefore)} → ${i.outcome === 'failed' ? '❌ ' : ''}${escapeHtml(i.state)}${i.startedByThisStep ? ' (started)' : ''}`,
    escapeHtml(reasonText(i)),
    escapeHtml(i.privateIp ?? ''),
    escapeHtml(i.publicIp ?? ''),
    i.secondsToState === undefined ? '' : i.secondsToState.toFixed(1)
  ])
}

const STATUS_ICON = { ok: '✅', misconfigured: '❌', unverified: '⚠️' } as const

function verdictCell(verdict: string, status: keyof typeof STATUS_ICON): string {
  return `${STATUS_ICON[status]} <a href="${troubleshootingLink(verdict)}">${escapeHtml(verdict)}</a>`
}

function listShort(items: string[], shown = 5): string {
  return items.length <= shown
    ? items.join(', ')
    : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`
}

function keyRows(keys: KeyReport[]): string[][] {
  return keys.map(k => [
    `<code>${escapeHtml(k.arn)}</code>`,
    escapeHtml(k.alias ?? ''),
    escapeHtml(k.manager),
    escapeHtml(k.state),
    escapeHtml(listShort(k.instances)),
    verdictCell(k.verdict.verdict, k.disagreement ? 'unverified' : k.status),
    escapeHtml([k.verdict.reason, k.disagreement ?? ''].filter(Boolean).join(' '))
  ])
}

function fixBlock(title: string, fix: FixReport): string {
  const where =
    fix.target === 'key-policy'
      ? 'Add this statement to the key policy (keep every existing statement):'
      : "Add this statement to the caller's IAM identity policy:"
  const applied = fix.applied
    ? `<p><strong>fix: apply</strong> — ${escapeHtml(fix.applied.outcome)}: ${escapeHtml(fix.applied.detail)}</p>\n`
    : ''
  return `<details><summary>${escapeHtml(title)}</summary>\n\n${applied}<p>${escapeHtml(where)}</p>\n\n<pre lang="json"><code>${escapeHtml(JSON.stringify(fix.statement, null, 2))}</code></pre>\n</details>\n`
}

/** A Deny that stops EC2's own Decrypt: advice only, as a before/after; fix: apply never edits a Deny. */
function amendedDenyBlock(title: string, verdict: KeyVerdict): string {
  const amended = verdict.amendedDeny
  if (amended === undefined) return ''
  const code = (statement: object) =>
    `<pre lang="json"><code>${escapeHtml(JSON.stringify(statement, null, 2))}</code></pre>`
  return `<details><summary>${escapeHtml(title)}</summary>\n\n<p>${escapeHtml(AMEND_NOTE)}</p>\n\n<p>Before:</p>\n\n${code(amended.before)}\n\n<p>After:</p>\n\n${code(amended.after)}\n</details>\n`
}

const AMEND_NOTE =
  "Exempt EC2's identity-only role from this Deny (the same statement, plus ArnNotLikeIfExists aws:PrincipalArn for aws:ec2-infrastructure, as AWS's data-perimeter examples do). ec2-start-guard never edits a Deny, with fix: apply neither: change it yourself."

const ROOT_NOTE =
  'Why not the often-documented account-root statement ("Principal": {"AWS": "arn:aws:iam::ACCOUNT:root"})? In a key policy the account principal only delegates to IAM: it grants no role anything, so the role would still need an IAM allow, and it changes nothing on a key that already has the root kms:* statement. Naming the role, scoped to EC2 and to grants for AWS resources, is the least privilege that works on its own.'

function fileSection(file: PolicyFileReport): string {
  const title = `<h3><code>${escapeHtml(file.file)}</code>${file.format ? ` (${escapeHtml(file.format)})` : ''}</h3>\n`
  if (file.error) return `${title}<p>❌ ${escapeHtml(file.error)}</p>\n`
  if (file.skipped) return `${title}<p>Skipped: ${escapeHtml(file.skipped)}</p>\n`
  const rows = file.policies.map(p => [
    escapeHtml(p.name),
    String(p.decidingLine ?? p.line),
    verdictCell(p.verdict.verdict, p.verdict.verdict === 'ALLOW_IF_IAM' ? 'ok' : p.status),
    escapeHtml(
      [p.verdict.reason, p.unresolved.length ? `Unresolved: ${p.unresolved.join('; ')}` : '']
        .filter(Boolean)
        .join(' ')
    )
  ])
  const fixes = file.policies.filter(p => p.fix).map(p => fixBlock(`Fix for ${p.name}`, p.fix as FixReport))
  const amended = file.policies.map(p => amendedDenyBlock(`Amend the Deny in ${p.name}`, p.verdict))
  return `${title}${table(['Key', 'Line', 'Verdict', 'Why'], rows)}${fixes.join('')}${amended.join('')}`
}

export function renderSummary(report: RunReport, annotations: AnnotationPlan): string {
  const ok = !stepFailed(report)
  const parts: string[] = []
  parts.push(`<h2>ec2-start-guard</h2>\n`)
  parts.push(`<p><strong>${ok ? '✅' : '❌'} ${escapeHtml(headline(report))}</strong></p>\n`)
  const context = [
    `mode <code>${report.offline ? 'check (key-policy-files)' : report.mode}</code>`,
    `region <code>${escapeHtml(report.region)}</code>`,
    report.caller ? `caller <code>${escapeHtml(report.caller)}</code>` : '',
    report.offline || report.mode === 'check' ? '' : `wait-for <code>${escapeHtml(report.waitFor)}</code>`,
    `fix <code>${escapeHtml(report.fix)}</code>`,
    `${(report.durationMs / 1000).toFixed(1)} s`
  ]
  parts.push(`<p>${context.filter(Boolean).join(' · ')}</p>\n`)
  if (report.problems.length > 0) {
    parts.push(`<ul>\n${report.problems.map(p => `<li>❌ ${escapeHtml(p)}</li>`).join('\n')}\n</ul>\n`)
  }
  if (report.warnings.length > 0) {
    parts.push(`<ul>\n${report.warnings.map(w => `<li>⚠️ ${escapeHtml(w)}</li>`).join('\n')}\n</ul>\n`)
  }
  if (report.instances.length > 0) {
    parts.push(`<h3>Instances</h3>\n`)
    parts.push(
      table(
        ['Instance', 'Name', 'State', 'Reason', 'Private IP', 'Public IP', 'Seconds'],
        instanceRows(report)
      )
    )
  }
  if (report.keys.length > 0) {
    parts.push(`<h3>KMS keys</h3>\n`)
    parts.push(
      table(['Key', 'Alias', 'Manager', 'State', 'Instances', 'Verdict', 'Why'], keyRows(report.keys))
    )
    const fixes = report.keys.filter(k => k.fix)
    if (fixes.length > 0) {
      parts.push(`<h3>Fixes</h3>\n`)
      for (const k of fixes)
        parts.push(
          fixBlock(`${k.fix?.applied ? 'Applied to' : 'Fix for'} ${k.alias ?? k.arn}`, k.fix as FixReport)
        )
      if (fixes.some(k => k.fix?.target === 'key-policy')) parts.push(`<p>${escapeHtml(ROOT_NOTE)}</p>\n`)
    }
    for (const k of report.keys)
      parts.push(amendedDenyBlock(`Amend the Deny in ${k.alias ?? k.arn}`, k.verdict))
  }
  for (const file of report.files) parts.push(fileSection(file))
  const hidden = annotations.hidden
  if (hidden.error + hidden.warning + hidden.notice > 0) {
    parts.push(
      `<p>${hidden.error} more error(s), ${hidden.warning} more warning(s) and ${hidden.notice} more notice(s) are in the tables above but were not annotated.</p>\n`
    )
  }
  parts.push(`<p><a href="${TROUBLESHOOTING_URL}">Troubleshooting</a></p>\n`)
  let text = parts.join('')
  if (Buffer.byteLength(text) > SUMMARY_LIMIT_BYTES) {
    // Cut by bytes (a name may be multi-byte) at a line end, so no row or tag is left half-written.
    const head = Buffer.from(text)
      .subarray(0, SUMMARY_LIMIT_BYTES - 200)
      .toString('utf8')
    text = `${head.slice(0, head.lastIndexOf('\n'))}\n</table>\n<p>Summary truncated at 1 MB; the outputs hold every instance.</p>\n`
  }
  return text
}
