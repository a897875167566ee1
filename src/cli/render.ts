// The CLI's text output, rendered from the report and its findings (computed once, as for the action): the
// instances, the verdict table of the keys, the findings and the fix statements. Every value from AWS or the user
// passes through neutralise(), which also removes terminal escapes (ESC, CSI), so a Name tag cannot repaint the
// screen.
import { adviceShownBelow, type Finding, type RunFindings } from '../report/findings.js'
import type { InstanceReport, KeyReport, RunReport } from '../report/model.js'
import { formatStateReason } from '../report/state-reason.js'
import { neutralise as n } from '../report/untrusted.js'
import type { Style } from './style.js'

type Level = Finding['level'] | 'pass'

function mark(level: Level, s: Style): string {
  return level === 'error'
    ? s.red('✗')
    : level === 'warning'
      ? s.yellow('!')
      : level === 'notice'
        ? 'i'
        : s.green('✓')
}

/** Columns padded to their widest cell (by code points); the last column is not padded. Cells are plain text. */
export function textTable(
  headers: string[],
  rows: string[][],
  s: Style,
  colour?: (row: number, col: number, cell: string) => string
): string {
  const width = headers.map((h, c) => Math.max([...h].length, ...rows.map(r => [...(r[c] ?? '')].length)))
  const line = (cells: string[], paint: (col: number, cell: string) => string) =>
    `  ${cells
      .map((cell, c) => {
        const padded = c === cells.length - 1 ? cell : cell + ' '.repeat(width[c] - [...cell].length)
        return paint(c, padded)
      })
      .join('  ')}`.trimEnd()
  return [
    line(headers, (_c, cell) => s.bold(cell)),
    ...rows.map((r, i) => line(r, (c, cell) => (colour ? colour(i, c, cell) : cell)))
  ].join('\n')
}

function keyLevel(k: KeyReport, run: RunFindings): Level {
  return run.findings.find(f => f.keyArn === k.arn)?.level ?? 'pass'
}

function instanceRow(i: InstanceReport): string[] {
  const reason =
    i.outcome === 'failed'
      ? formatStateReason(i.stateReason) || i.failure || 'failed'
      : i.outcome === 'start-requested'
        ? 'start requested, not verified'
        : ''
  return [
    n(i.instanceId),
    n(i.name ?? ''),
    `${n(i.stateBefore)} → ${n(i.state)}${i.startedByThisStep ? ' (started)' : ''}`,
    n(reason),
    n(i.privateIp ?? '')
  ]
}

function keyRow(k: KeyReport, run: RunFindings): string[] {
  const level = keyLevel(k, run)
  const why = [
    k.verdict.reason,
    k.disagreement,
    k.applyRefusal ? `fix: apply did not edit it: ${k.applyRefusal}` : ''
  ]
  return [
    n(k.alias ?? '—'),
    `${level === 'pass' ? 'ok' : level === 'error' ? 'BLOCKS' : 'check'} ${n(k.verdict.verdict)}`,
    n(k.arn),
    n(`${k.instances.length}: ${k.instances.join(', ')}`),
    n(why.filter(Boolean).join(' '))
  ]
}

function findingLine(f: Finding, s: Style): string {
  const text = [f.subject ? `${f.subject}:` : '', f.cause, ...f.evidence, ...adviceShownBelow(f.advice)]
    .filter(Boolean)
    .join(' ')
  return `  ${mark(f.level, s)} ${s.bold(n(f.title))} — ${n(text)}${f.link ? `\n    ${s.dim(n(f.link))}` : ''}`
}

/** diagnose: each instance's chain, instance → key(s) → verdict for the caller, and each key's volumes. */
function traceLines(report: RunReport, run: RunFindings, s: Style): string[] {
  const lines: string[] = []
  for (const i of report.instances) {
    lines.push(`  ${n(i.instanceId)}${i.name ? ` (${n(i.name)})` : ''}: ${n(i.state)}`)
    if (i.keys.length === 0) lines.push('    no volume encrypted with a customer managed KMS key')
    for (const arn of i.keys) {
      const k = report.keys.find(key => key.arn === arn)
      if (!k) {
        lines.push(`    key ${n(arn)}: not read`)
        continue
      }
      lines.push(
        `    ${mark(keyLevel(k, run), s)} volumes ${n(k.volumes.join(', '))} → key ${n(k.alias ?? k.arn)} (${n(k.state)}, ${n(k.manager)} managed) → ${n(k.verdict.verdict)} for ${n(report.caller ?? 'the caller')}`
      )
    }
  }
  return lines
}

function fixLines(k: KeyReport): string[] {
  const fix = k.fix
  if (!fix) return []
  const where =
    fix.target === 'key-policy'
      ? `add this statement to the key policy of ${k.arn} (keep every existing statement):`
      : "add this statement to the caller's IAM identity policy:"
  const head = fix.applied
    ? `Applied to ${k.alias ?? k.arn} — ${fix.applied.outcome}: ${fix.applied.detail}`
    : `Fix for ${k.alias ?? k.arn}: ${where}`
  // One neutralised line per JSON line: a Sid or an ARN can never break out of the block.
  return [
    n(head),
    ...JSON.stringify(fix.statement, null, 2)
      .split('\n')
      .map(l => `  ${n(l)}`)
  ]
}

/** A Deny that stops EC2's own Decrypt: its before and after, as advice; nothing ever edits a Deny. */
function amendedDenyLines(k: KeyReport): string[] {
  const amended = k.verdict.amendedDeny
  if (!amended) return []
  const json = (statement: object) =>
    JSON.stringify(statement, null, 2)
      .split('\n')
      .map(l => `  ${n(l)}`)
  return [
    n(
      `Amend the Deny in ${k.alias ?? k.arn} to exempt EC2's identity-only role (ec2-start-guard never edits a Deny; change it yourself). Before:`
    ),
    ...json(amended.before),
    'After:',
    ...json(amended.after)
  ]
}

export function renderText(report: RunReport, run: RunFindings, s: Style, trace: boolean): string {
  const out: string[] = []
  const headline = `${run.failed ? '✗' : run.icon === '✅' ? '✓' : '!'} ${n(run.headline)}`
  out.push(
    run.failed
      ? s.red(s.bold(headline))
      : run.icon === '✅'
        ? s.green(s.bold(headline))
        : s.yellow(s.bold(headline))
  )
  const context = [
    `mode ${report.mode}`,
    `region ${n(report.region)}`,
    report.caller ? `caller ${n(report.caller)}` : '',
    report.filters ? `filters ${n(report.filters)}` : '',
    report.mode === 'check' ? '' : `wait-for ${n(report.waitFor)}`,
    `fix ${n(report.fix)}`,
    `${(report.durationMs / 1000).toFixed(1)} s`
  ]
  out.push(s.dim(context.filter(Boolean).join(' · ')))
  if (report.instances.length > 0) {
    out.push('', s.bold('Instances'))
    out.push(
      textTable(
        ['INSTANCE', 'NAME', 'STATE', 'REASON', 'PRIVATE IP'],
        report.instances.map(instanceRow),
        s,
        (r, c, cell) => (c === 2 && report.instances[r].outcome === 'failed' ? s.red(cell) : cell)
      )
    )
  }
  if (report.keys.length > 0) {
    out.push('', s.bold('KMS keys'))
    out.push(
      textTable(
        ['ALIAS', 'VERDICT', 'KEY', 'INSTANCES', 'WHY'],
        report.keys.map(k => keyRow(k, run)),
        s,
        (r, c, cell) => {
          if (c !== 1) return cell
          const level = keyLevel(report.keys[r], run)
          return level === 'error' ? s.red(cell) : level === 'pass' ? s.green(cell) : s.yellow(cell)
        }
      )
    )
  }
  if (trace && report.instances.length > 0) out.push('', s.bold('Trace'), ...traceLines(report, run, s))
  if (run.findings.length > 0) out.push('', s.bold('Findings'), ...run.findings.map(f => findingLine(f, s)))
  const fixes = report.keys.flatMap(k => [...fixLines(k), ...amendedDenyLines(k)])
  if (fixes.length > 0) out.push('', s.bold('Fixes'), ...fixes)
  return `${out.join('\n')}\n`
}
