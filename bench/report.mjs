// @ts-check
// Markdown for the console and for docs/PERFORMANCE.md, rendered from the results object that is also
// written to bench/results/latest.json. Nothing here measures anything.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export const BEGIN = '<!-- bench:begin (written by npm run bench; do not edit by hand) -->'
export const END = '<!-- bench:end -->'

// Column order of the calls table; any other API the action called is appended.
const API_ORDER = [
  'DescribeInstances',
  'DescribeVolumes',
  'StartInstances',
  'GetCallerIdentity',
  'DescribeKey',
  'GetKeyPolicy',
  'ListAliases',
  'SimulatePrincipalPolicy',
  'GetRole',
  'DescribeInstanceStatus'
]

/** @param {string[]} head @param {(string | number)[][]} rows */
export function table(head, rows) {
  const line = (/** @type {(string | number)[]} */ cells) => `| ${cells.map(c => String(c)).join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

const s = (/** @type {number | null | undefined} */ ms, digits = 2) =>
  ms === null || ms === undefined || Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(digits)
const ms0 = (/** @type {number | null | undefined} */ ms) =>
  ms === null || ms === undefined || Number.isNaN(ms) ? '–' : ms.toFixed(0)
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–')

/** @param {any} r a run of the results */
function label(r) {
  return `${r.name}`
}

/** @param {any} results */
export function runsTable(results) {
  return table(
    [
      'Run',
      'N',
      'K',
      'Bad inst.',
      'Throttle',
      'Wall s',
      'Wall − boot s',
      'Stopped → next poll s',
      'Stopped → reported s',
      'Stopped → exit s',
      'Last running → exit s',
      'Spawn → 1st AWS call ms',
      'Peak RSS MB',
      'CPU ms',
      'Correct'
    ],
    results.runs.map((/** @type {any} */ r) => [
      label(r),
      r.instances,
      r.uniqueKeys,
      r.badInstances,
      r.spec.throttle ? `${r.spec.throttle.rate * 100}% (${r.throttledCalls} calls)` : '–',
      s(r.wallMs),
      r.runningCount > 0 ? s(r.wallMs - r.spec.bootMs) : '–',
      s(r.stoppedToPollMs),
      s(r.stoppedToReportMs),
      s(r.stoppedToExitMs),
      s(r.lastRunningToExitMs),
      ms0(r.coldStartMs),
      r.peakRssMb === null ? '–' : r.peakRssMb.toFixed(0),
      ms0(r.cpuMs),
      r.correct ? 'yes' : '**NO**'
    ])
  )
}

/** @param {any} results */
export function callsTable(results) {
  const seen = new Set(results.runs.flatMap((/** @type {any} */ r) => Object.keys(r.calls)))
  const apis = [
    ...API_ORDER.filter(a => seen.has(a)),
    ...[...seen].filter(a => !API_ORDER.includes(a)).sort()
  ]
  return table(
    ['Run', ...apis, 'Total', 'Polls × DescribeInstances per poll'],
    results.runs.map((/** @type {any} */ r) => [
      label(r),
      ...apis.map(api => {
        const c = r.calls[api]
        if (!c) return 0
        const notes = []
        if (c.throttled) notes.push(`${c.throttled} throttled`)
        if (c.errors) notes.push(`${c.errors} ${c.errorCodes.join('/')}`)
        return notes.length ? `${c.calls} (${notes.join(', ')})` : c.calls
      }),
      r.totalCalls,
      r.pollRounds.length ? `${r.pollRounds.length} × ${Math.max(...r.pollRounds)}` : '–'
    ])
  )
}

/** @param {any} results */
export function targetsTable(results) {
  return table(
    ['Target', 'Runs passed', 'Measured (worst run)', 'Result'],
    results.targets.map((/** @type {any} */ t) => [
      t.target,
      `${t.passed}/${t.runs}`,
      t.worst,
      t.pass ? 'pass' : '**MISS**'
    ])
  )
}

/** @param {any} results */
export function naiveTable(results) {
  if (!results.naive) return ''
  const rows = results.runs
    .filter((/** @type {any} */ r) => !r.spec.throttle)
    .map((/** @type {any} */ r) => {
      const p = r.naive
      return [
        label(r),
        r.totalCalls,
        p.totalCalls,
        ratio(p.totalCalls, r.totalCalls),
        s(r.wallMs, 1),
        p.wallS,
        r.badInstances ? s(r.stoppedToReportMs) : '–',
        p.detectS === null ? '–' : `${p.detectS} (timeout, no cause)`,
        r.badInstances ? ratio(p.detectS * 1000, r.stoppedToReportMs) : '–'
      ]
    })
  return table(
    [
      'Run',
      'Action calls (all APIs)',
      'Naive calls',
      'Naive ÷ action',
      'Action wall s',
      'Naive wall s',
      'Action: stopped → reported s',
      'Naive: stopped → gives up s',
      'Naive ÷ action'
    ],
    rows
  )
}

/** @param {any} results */
export function naiveMeasuredTable(results) {
  if (!results.naive) return ''
  return table(
    [
      'Naive run (real)',
      'StartInstances',
      'DescribeInstances',
      'IDs per call',
      'Checks per healthy instance',
      'Healthy: running at s',
      'Checks per stopped instance',
      'Stopped instance after the cut'
    ],
    results.naive.measured.map((/** @type {any} */ m) => [
      `N${m.spec.n}-K${m.spec.keys}${m.badInstances ? `, ${m.badInstances} bad` : ''}, ${s(m.observedMs, 1)} s`,
      m.startCalls,
      m.describeCalls,
      m.maxIdsPerCall,
      m.checksPerGoodInstance,
      s(m.goodSucceededAtMs, 1),
      m.badInstances ? m.checksPerBadInstance : '–',
      m.badInstances
        ? `waiter ${m.badStates.join('/')} (still retrying); fake shows ${m.badLastSeen.join(', ')}`
        : '–'
    ])
  )
}

/** @param {any} results */
export function machineLine(results) {
  const m = results.machine
  const g = results.git
  return [
    `Commit \`${g.commit.slice(0, 12)}\`${g.dirty ? ' (with uncommitted changes)' : ''}, dist/index.js sha256 \`${results.dist.sha256.slice(0, 12)}\`, ${results.generatedAt}.`,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.platform} ${m.release} ${m.arch}, Node ${m.node}; 1-minute load average ${m.loadAverage1m} before and ${results.loadAverage1mAfter} after the bench (${results.benchSeconds} s).`,
    `Fake AWS: ${results.settings.latencyMs} ms per call, boot ${results.settings.bootMs / 1000} s (pending → running; a failed start is stopped at ${results.settings.bootMs / 2000} s), StartInstances bucket enforced (5, refill 2/s).`
  ].join('\n')
}

/** The whole report as markdown: machine, runs, calls, targets, naive baseline. */
export function renderMarkdown(/** @type {any} */ results) {
  const parts = [
    machineLine(results),
    '### Runs',
    'Wall − boot: wall time beyond the simulated boot. Stopped → next poll: from the fake turning the last failing instance `stopped` to the first DescribeInstances that read it. Stopped → reported: the slowest failing instance, from `stopped` to the `✗` line that reports it in the step log (as it happens, not at exit). The step exits once every instance has settled, so in fleets with healthy instances stopped → exit includes waiting for them to run (last running → exit).',
    runsTable(results),
    '### AWS calls by API',
    'Requests that reached the fake, throttled attempts included; errors other than throttling are named.',
    callsTable(results),
    '### Targets',
    'Counts exclude attempts the fake throttled (the SDK retries the same call).',
    targetsTable(results)
  ]
  if (results.naive) {
    parts.push(
      '### Against the naive SDK waiter',
      `Naive = StartInstances once, then \`waitUntilInstanceRunning\` per instance with a fixed ${results.naive.waiter.delayS} s delay and maxWaitTime ${results.naive.waiter.maxWaitS} s, no acceptor for \`stopped\`. ` +
        `Its numbers for each fleet are projected from real runs cut after ${results.naive.observeS} s (below): one DescribeInstances per instance per check, a check at 0 s and every ${results.naive.waiter.delayS} s, a healthy instance done at the first check after boot, a stopped one retried until ${results.naive.waiter.maxWaitS} s (${1 + results.naive.waiter.maxWaitS / results.naive.waiter.delayS} checks) and then a TimeoutError that names no cause.`,
      naiveTable(results),
      naiveMeasuredTable(results)
    )
  }
  return parts.join('\n\n') + '\n'
}

const DOC_TEMPLATE = `# Performance

How many AWS calls \`ec2-start-guard\` makes and how fast it finishes, measured by \`npm run bench\`
(\`bench/run.mjs\`): the bundled action (\`node dist/index.js\`, spawned like the runner does) against the HTTP
fake of AWS in \`test/e2e/fake/\`. Everything between the markers below is written by the bench; rerun it to
update, and compare \`bench/results/latest.json\` between commits.

${BEGIN}
${END}
`

/**
 * Replaces the text between the markers of docs/PERFORMANCE.md (creating the file if needed), formatted
 * with the repository's prettier settings so that \`npm run lint\` stays green.
 * @param {string} path @param {string} markdown
 */
export async function writeDoc(path, markdown) {
  const text = await docWithTables(
    existsSync(path) ? readFileSync(path, 'utf8') : DOC_TEMPLATE,
    path,
    markdown
  )
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

/**
 * The page with the text between its markers replaced, as writeDoc writes it.
 * @param {string} doc @param {string} path @param {string} markdown
 */
export async function docWithTables(doc, path, markdown) {
  if (!doc.includes(BEGIN) || !doc.includes(END)) doc = `${doc.trimEnd()}\n\n${BEGIN}\n${END}\n`
  const before = doc.slice(0, doc.indexOf(BEGIN) + BEGIN.length)
  const after = doc.slice(doc.indexOf(END))
  let text = `${before}\n\n${markdown.trim()}\n\n${after}`
  try {
    const prettier = await import('prettier')
    const options = (await prettier.resolveConfig(path)) ?? {}
    text = await prettier.format(text, { ...options, filepath: path })
  } catch {
    // prettier is a dev dependency; without it the table is still valid markdown.
  }
  return text
}
