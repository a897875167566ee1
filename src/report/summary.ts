// The job summary as HTML inside GitHub Markdown, rendered from the report and its findings. Every value passes
// through summaryText() (escape.ts): tag values, file names, policy Sids and AWS messages are user data.
import type { AnnotationPlan } from './annotations.js'
import { summaryText as t } from './escape.js'
import {
  adviceShownBelow,
  keyLabel,
  listInstances,
  sentence,
  type Finding,
  type RunFindings
} from './findings.js'
import { instanceConsoleUrl, keyConsoleUrl, TROUBLESHOOTING_URL } from './links.js'
import type {
  FixReport,
  InstanceReport,
  KeyReport,
  PairReport,
  PolicyFileReport,
  RunReport
} from './model.js'
import type { KeyVerdict } from '../kms/types.js'
import { formatStateReason } from './state-reason.js'
import { verdictLink } from './verdicts.js'

// GitHub rejects a step summary over 1 MiB; leave room for the rest of the page.
export const SUMMARY_LIMIT_BYTES = 1_000_000
const MAX_ROWS = 1000
// The findings list repeats the annotations with nothing left out, but a fleet of failures belongs in the tables.
const MAX_FINDINGS = 30

/** A row is its cells, or one full-width cell (`{ wide }`) that belongs to the row above it. */
type Row = string[] | { wide: string }

/** `entries`: one per instance, key or policy: its row and the full-width rows under it. */
function table(headers: string[], entries: Row[][]): string {
  const head = `<tr>${headers.map(h => `<th>${t(h)}</th>`).join('')}</tr>`
  const shown = entries.slice(0, MAX_ROWS)
  const body = shown
    .flat()
    .map(r =>
      Array.isArray(r)
        ? `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`
        : `<tr><td colspan="${headers.length}">${r.wide}</td></tr>`
    )
    .join('\n')
  const more =
    entries.length > shown.length ? `\n<p>${entries.length - shown.length} more rows not shown.</p>` : ''
  return `<table>\n${head}\n${body}\n</table>${more}\n`
}

function link(href: string | undefined, html: string, title?: string): string {
  if (!href) return title ? `<span title="${t(title)}">${html}</span>` : html
  return `<a href="${t(href)}"${title ? ` title="${t(title)}"` : ''}>${html}</a>`
}

/** Why a failed instance failed: EC2's StateReason when it gave one, else what the step saw. */
function failureText(i: InstanceReport): string {
  return formatStateReason(i.stateReason) || i.failure || 'failed'
}

/** "stopped → running (started, 2.0 s)": the state, what this step did to it, and how long it took. */
function stateCell(i: InstanceReport): string {
  const seconds = i.secondsToState === undefined ? '' : `, ${i.secondsToState.toFixed(1)} s`
  const what =
    i.outcome === 'start-requested'
      ? ' (start requested, not verified)'
      : i.startedByThisStep
        ? ` (started${seconds})`
        : ''
  return `${t(i.stateBefore)} → ${i.outcome === 'failed' ? '❌ ' : ''}${t(i.state)}${what}`
}

/**
 * A cell of a name over its ID: the ID on a line of its own. An ID breaks at its hyphens as soon as its column is
 * narrower than the ID, and GitHub strips the styles that could stop that; alone on its line in the one wide
 * column of the table (the others hold short, bounded text), it never has to.
 */
function nameOverId(name: string | undefined, id: string): string {
  return name ? `${t(name)}<br>${id}` : id
}

// Seven columns made GitHub's summary pane squeeze the instance IDs until they broke at their hyphens: the Name
// is over the ID, the seconds are in the state, both IPs share a cell (a line each), and a failure's reason is a
// row of its own under the instance, across the table, as a key's is.
function instanceRows(report: RunReport, instances = report.instances): Row[][] {
  return instances.map(i => {
    const id = link(
      instanceConsoleUrl(i.instanceId, i.region ?? report.region),
      `<code>${t(i.instanceId)}</code>`
    )
    const row = [
      nameOverId(i.name, id),
      stateCell(i),
      [i.privateIp, i.publicIp]
        .filter((ip): ip is string => Boolean(ip))
        .map(ip => t(ip))
        .join('<br>')
    ]
    return i.outcome === 'failed' ? [row, { wide: `Why: ${t(sentence(failureText(i)))}` }] : [row]
  })
}

const LEVEL_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️', pass: '✅' } as const

function verdictCell(verdict: string, level: keyof typeof LEVEL_ICON, detail?: string): string {
  return `${LEVEL_ICON[level]} <a href="${t(verdictLink(verdict))}">${t(verdict)}</a>${detail ? ` (${t(detail)})` : ''}`
}

/** The short key ID (a UUID or mrk-…) of a key ARN; the full ARN goes in the link's title. */
function keyId(arn: string): string {
  return /:key\/(.+)$/.exec(arn)?.[1] ?? arn
}

/** The key's state for KEY_STATE; "AWS managed" where the verdict does not already say so. */
function verdictDetail(k: KeyReport): string | undefined {
  if (k.verdict.verdict === 'KEY_STATE') return k.state
  return k.manager === 'AWS' && k.verdict.verdict !== 'AWS_MANAGED' ? 'AWS managed' : undefined
}

/**
 * A key is a row of short cells (alias over key ID, verdict, how many instances) and, under it, a row across the
 * whole table with its reason and its instances by Name: the reason is the answer, and as a fifth column it was
 * squeezed into a sliver while the key IDs broke at every hyphen.
 */
function keyRows(keys: KeyReport[], run: RunFindings, report: RunReport): Row[][] {
  const levelOf = (k: KeyReport) => run.findings.find(f => f.keyArn === k.arn)?.level ?? 'pass'
  const byId = new Map(report.instances.map(i => [i.instanceId, i]))
  return keys.map((k): Row[] => {
    const why = [
      k.verdict.reason,
      k.disagreement,
      k.applyRefusal ? `fix: apply did not edit it: ${k.applyRefusal}` : ''
    ]
      .filter((part): part is string => Boolean(part))
      .map(sentence)
      .join(' ')
    // Names read at a glance; an unnamed instance by its ID; every ID is in the count's hover title.
    const names = listInstances(
      k.instances.map(id => ({ id: byId.get(id)?.name || id })),
      5
    )
    const ids = listInstances(
      k.instances.map(id => ({ id })),
      20
    )
    const row = [
      nameOverId(k.alias, link(keyConsoleUrl(k.arn, k.manager), `<code>${t(keyId(k.arn))}</code>`, k.arn)),
      verdictCell(k.verdict.verdict, levelOf(k), verdictDetail(k)),
      `<span title="${t(ids)}">${k.instances.length}</span>`
    ]
    const wide = [why ? `Why: ${t(why)}` : '', names ? `Instances: ${t(names)}.` : '']
    return [row, { wide: wide.filter(Boolean).join('<br>') }]
  })
}

/** "Applied to" only when the statement is in the key policy now; a refused or failed write is still a fix to make. */
function fixHeading(fix: FixReport): string {
  const outcome = fix.applied?.outcome
  if (outcome === 'added' || outcome === 'already-present') return 'Applied to'
  return outcome ? `Not applied (${outcome}), fix for` : 'Fix for'
}

function fixBlock(title: string, fix: FixReport): string {
  const where =
    fix.target === 'key-policy'
      ? 'Add this statement to the key policy (keep every existing statement):'
      : "Add this statement to the caller's IAM identity policy:"
  const applied = fix.applied
    ? `<p><strong>fix: apply</strong> — ${t(fix.applied.outcome)}: ${t(fix.applied.detail)}</p>\n`
    : ''
  return `<details><summary>${t(title)}</summary>\n\n${applied}<p>${t(where)}</p>\n\n<pre lang="json"><code>${t(JSON.stringify(fix.statement, null, 2), true)}</code></pre>\n</details>\n`
}

/** A Deny that stops EC2's own Decrypt: advice only, as a before/after; fix: apply never edits a Deny. */
function amendedDenyBlock(title: string, verdict: KeyVerdict): string {
  const amended = verdict.amendedDeny
  if (amended === undefined) return ''
  const code = (statement: object) =>
    `<pre lang="json"><code>${t(JSON.stringify(statement, null, 2), true)}</code></pre>`
  return `<details><summary>${t(title)}</summary>\n\n<p>${t(AMEND_NOTE)}</p>\n\n<p>Before:</p>\n\n${code(amended.before)}\n\n<p>After:</p>\n\n${code(amended.after)}\n</details>\n`
}

const AMEND_NOTE =
  "Exempt EC2's identity-only role from this Deny (the same statement, plus ArnNotLikeIfExists aws:PrincipalArn for aws:ec2-infrastructure, as AWS's data-perimeter examples do). ec2-start-guard never edits a Deny, with fix: apply neither: change it yourself."

const ROOT_NOTE =
  'Why not the often-documented account-root statement ("Principal": {"AWS": "arn:aws:iam::ACCOUNT:root"})? In a key policy the account principal only delegates to IAM: it grants no role anything, so the role would still need an IAM allow, and it changes nothing on a key that already has the root kms:* statement. Naming the role, scoped to EC2 and to grants for AWS resources, is the least privilege that works on its own.'

function fileSection(file: PolicyFileReport, run: RunFindings): string {
  const title = `<h3><code>${t(file.file)}</code>${file.format ? ` (${t(file.format)})` : ''}</h3>\n`
  if (file.error) return `${title}<p>❌ ${t(file.error)}</p>\n`
  if (file.skipped) return `${title}<p>Skipped: ${t(file.skipped)}</p>\n`
  const levelOf = (name: string) =>
    run.findings.find(f => f.file === file.file && f.subject === name)?.level ?? 'pass'
  // As the key table: short columns, and the reason on a full-width row under its key, so the verdict never
  // wraps between its icon and its name.
  const rows = file.policies.map((p): Row[] => [
    [t(p.name), String(p.decidingLine ?? p.line), verdictCell(p.verdict.verdict, levelOf(p.name))],
    {
      wide: `Why: ${t(
        [sentence(p.verdict.reason), p.unresolved.length ? `Unresolved: ${p.unresolved.join('; ')}.` : '']
          .filter(Boolean)
          .join(' ')
      )}`
    }
  ])
  const fixes = file.policies.filter(p => p.fix).map(p => fixBlock(`Fix for ${p.name}`, p.fix as FixReport))
  const amended = file.policies.map(p => amendedDenyBlock(`Amend the Deny in ${p.name}`, p.verdict))
  return `${title}${table(['Key', 'Line', 'Verdict'], rows)}${fixes.join('')}${amended.join('')}`
}

function findingItem(f: Finding): string {
  const where = f.file ? ` <code>${t(f.file)}${f.line ? `:${f.line}` : ''}</code>` : ''
  const text = [f.subject ? `${f.subject}:` : '', f.cause, ...f.evidence, ...adviceShownBelow(f.advice)]
    .filter(Boolean)
    .join(' ')
  const more = f.link ? ` <a href="${t(f.link)}">Troubleshooting</a>` : ''
  return `<li>${LEVEL_ICON[f.level]} <strong>${t(f.title)}</strong>${where} — ${t(text)}${more}</li>`
}

/**
 * Several (account, region) pairs: one row each under the total. Short columns only, as in the other tables (the
 * page is about 1000 px wide); a pair's problem and caller go on a full-width row under it.
 */
function pairsSection(pairs: readonly PairReport[]): string {
  const rows = pairs.map((p): Row[] => {
    const result = `${p.problems.length > 0 || p.failed > 0 ? '❌' : '✅'} ${p.instances} instance(s): ${p.running} running, ${p.failed} failed; ${p.keys} key(s) · ${(p.durationMs / 1000).toFixed(1)} s`
    const under = [
      p.problems.length > 0 ? `Problem: ${t(p.problems.join(' '))}` : '',
      p.caller ? `Caller <code>${t(p.caller)}</code>` : ''
    ].filter(Boolean)
    return [
      [`<code>${t(p.account ?? '')}</code>`, `<code>${t(p.region)}</code>`, result],
      ...under.map(wide => ({ wide }))
    ]
  })
  return `<h3>Accounts and regions</h3>\n${table(['Account', 'Region', 'Result'], rows)}`
}

/** One (account, region) pair: its result, its problem, its instances. */
function pairSection(report: RunReport, pair: PairReport): string {
  const mine = report.instances.filter(i => i.region === pair.region && i.account === pair.account)
  const failed = pair.problems.length > 0 || pair.failed > 0
  const head = `<h3>${failed ? '❌' : '✅'} <code>${t(pair.region)}</code>${pair.account ? ` · account <code>${t(pair.account)}</code>` : ''}</h3>\n`
  const problems = pair.problems.length
    ? `<ul>\n${pair.problems.map(p => `<li>❌ ${t(p)}</li>`).join('\n')}\n</ul>\n`
    : ''
  const rows = instanceRows(report, mine)
  return `${head}${problems}${rows.length ? table(['Instance', 'State', 'IP (private, public)'], rows) : '<p>No instance.</p>\n'}`
}

export function renderSummary(report: RunReport, run: RunFindings, annotations: AnnotationPlan): string {
  const parts: string[] = []
  parts.push(`<h2>ec2-start-guard</h2>\n`)
  parts.push(`<p><strong>${run.icon} ${t(run.headline)}</strong></p>\n`)
  const context = [
    `mode <code>${report.offline ? 'check (key-policy-files)' : t(report.mode)}</code>`,
    report.pairs
      ? `${report.pairs.length} (account, region) pairs`
      : `region <code>${t(report.region)}</code>`,
    report.caller ? `caller <code>${t(report.caller)}</code>` : '',
    // describeFilterGroups numbers the groups only when there are several.
    report.filters
      ? `filters <code>${t(report.filters)}</code>${report.filters.startsWith('group 1: ') ? ' (the union of the groups)' : ''}`
      : '',
    report.offline || report.mode === 'check' ? '' : `wait-for <code>${t(report.waitFor)}</code>`,
    `fix <code>${t(report.fix)}</code>`,
    `${(report.durationMs / 1000).toFixed(1)} s`
  ]
  parts.push(`<p>${context.filter(Boolean).join(' · ')}</p>\n`)
  if (report.pairs) parts.push(pairsSection(report.pairs))
  if (run.findings.length > 0) {
    const shown = run.findings.slice(0, MAX_FINDINGS)
    const rest = run.findings.length - shown.length
    parts.push(
      `<ul>\n${shown.map(findingItem).join('\n')}${rest > 0 ? `\n<li>${rest} more finding(s): see the tables below.</li>` : ''}\n</ul>\n`
    )
  }
  if (report.pairs) parts.push(...report.pairs.map(p => pairSection(report, p)))
  else if (report.instances.length > 0) {
    parts.push(`<h3>Instances</h3>\n`)
    parts.push(table(['Instance', 'State', 'IP (private, public)'], instanceRows(report)))
  }
  if (report.keys.length > 0) {
    parts.push(`<h3>KMS keys</h3>\n`)
    parts.push(table(['Key', 'Verdict', 'Instances'], keyRows(report.keys, run, report)))
    const fixes = report.keys.filter(k => k.fix)
    const refused = report.keys.filter(k => k.applyRefusal)
    if (fixes.length + refused.length > 0) {
      parts.push(`<h3>Fixes</h3>\n`)
      for (const k of fixes)
        parts.push(fixBlock(`${fixHeading(k.fix as FixReport)} ${k.alias ?? k.arn}`, k.fix as FixReport))
      if (refused.length > 0)
        parts.push(
          `<ul>\n${refused.map(k => `<li><strong>fix: apply</strong> did not edit ${t(keyLabel(k))}: ${t(k.applyRefusal ?? '')}.</li>`).join('\n')}\n</ul>\n`
        )
      if (fixes.some(k => k.fix?.target === 'key-policy')) parts.push(`<p>${t(ROOT_NOTE)}</p>\n`)
    }
    for (const k of report.keys)
      parts.push(amendedDenyBlock(`Amend the Deny in ${k.alias ?? k.arn}`, k.verdict))
  }
  for (const file of report.files) parts.push(fileSection(file, run))
  const hidden = annotations.hidden
  if (hidden.error + hidden.warning + hidden.notice > 0) {
    parts.push(
      `<p>GitHub shows at most 10 annotations per level: ${hidden.error} error(s), ${hidden.warning} warning(s) and ${hidden.notice} notice(s) were left out; they are in the list and tables above.</p>\n`
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
