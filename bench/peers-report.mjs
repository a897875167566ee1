// @ts-check
// Markdown of the comparison with the alternatives (bench/peers.mjs) and the targets of issue 12, from the
// medians of summarisePeers(). Nothing here measures anything.
import { table } from './report.mjs'

const TOOL = {
  action: 'ec2-start-guard',
  sdk: 'SDK script (waitUntilInstanceRunning)',
  cli: 'AWS CLI (wait instance-running)'
}
const s = (/** @type {number | null | undefined} */ ms, d = 2) =>
  ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(d)
const ms0 = (/** @type {number | null | undefined} */ ms) =>
  ms === null || ms === undefined ? '–' : ms.toFixed(0)
const x = (/** @type {number | null | undefined} */ a, /** @type {number | null | undefined} */ b) =>
  a === null || a === undefined || !b ? '–' : `${(a / b).toFixed(2)}×`

/**
 * @param {ReturnType<typeof import('./peers.mjs').summarisePeers>} sum
 * @param {string} tool @param {string} node @param {number} n
 */
function coldOf(sum, tool, node, n) {
  return sum.cold.find(c => c.tool === tool && c.node === node && c.n === n)
}

/**
 * The issue's "done when" lines, each with what was measured.
 * @param {ReturnType<typeof import('./peers.mjs').summarisePeers>} sum
 * @param {{ runtimes: string[] }} settings
 */
export function peersTargets(sum, settings) {
  /** @type {{ target: string, measured: string, pass: boolean }[]} */
  const out = []
  const late = sum.boots.map(b => b.byTool.action?.exitAfterRunningMs ?? null)
  out.push({
    target: 'success path: step exits ≤ 2.5 s after the fake reports running (boots 5, 10, 14, 25, 40 s)',
    measured: sum.boots.map((b, i) => `${b.bootS} s: ${s(late[i])} s`).join('; '),
    pass: late.every(v => v !== null && v <= 2500)
  })
  const vsSdk = sum.boots.map(b =>
    b.byTool.action?.wallMs != null && b.byTool.sdk?.wallMs != null
      ? b.byTool.action.wallMs - b.byTool.sdk.wallMs
      : null
  )
  out.push({
    target: 'never more than 1 s later than the SDK waiter on any boot (wall time)',
    measured: sum.boots
      .map((b, i) => `${b.bootS} s: ${vsSdk[i] === null ? '–' : `${(Number(vsSdk[i]) / 1000).toFixed(2)} s`}`)
      .join('; '),
    pass: vsSdk.every(v => v !== null && v <= 1000)
  })
  const total = (/** @type {string} */ tool) =>
    sum.boots.reduce((a, b) => a + (b.byTool[tool]?.wallMs ?? NaN), 0)
  out.push({
    target: 'sooner than the SDK waiter on the total of the boots',
    measured: `${s(total('action'), 1)} s against ${s(total('sdk'), 1)} s (${x(total('sdk'), total('action'))} faster)`,
    pass: total('action') < total('sdk')
  })
  for (const node of settings.runtimes) {
    const a = coldOf(sum, 'action', node, 1)
    const b = coldOf(sum, 'sdk', node, 1)
    out.push({
      target: `spawn → StartInstances ≤ 1.2 × the plain SDK script's, fix: suggest (${node})`,
      measured: `${ms0(a?.startMs)} ms against ${ms0(b?.startMs)} ms (${x(a?.startMs, b?.startMs)})`,
      pass: a?.startMs != null && b?.startMs != null && a.startMs <= 1.2 * b.startMs
    })
    for (const n of [1, 1000]) {
      const ra = coldOf(sum, 'action', node, n)
      const rb = coldOf(sum, 'sdk', node, n)
      out.push({
        target: `peak RSS ≤ 1.1 × the plain SDK script's, N=${n} (${node})`,
        measured: `${ra?.peakRssMb?.toFixed(0) ?? '–'} MB against ${rb?.peakRssMb?.toFixed(0) ?? '–'} MB (${x(ra?.peakRssMb, rb?.peakRssMb)})`,
        pass: ra?.peakRssMb != null && rb?.peakRssMb != null && ra.peakRssMb <= 1.1 * rb.peakRssMb
      })
    }
  }
  const silent = sum.silent.find(r => r.tool === 'action')
  out.push({
    target: 'silent failure reported within one poll (2 s) after the stop, with its key',
    measured: `${s(silent?.detectedMs)} s after the instance left pending (median of ${silent?.runs ?? 0}); key named in ${silent?.namesKey ?? 0} of ${silent?.runs ?? 0}`,
    pass: silent?.detectedMs != null && silent.detectedMs <= 2000 && silent.namesKey === silent.runs
  })
  return out
}

/**
 * @param {{ settings: any, summary: ReturnType<typeof import('./peers.mjs').summarisePeers> }} peers
 */
export function peersMarkdown(peers) {
  const { settings, summary: sum } = peers
  const tools = Object.keys(sum.boots[0]?.byTool ?? {})
  const callsAt = sum.boots.find(b => b.bootS === 14) ?? sum.boots[0]
  const parts = []
  parts.push(
    '### Against the alternatives',
    `The same fake (${settings.latencyMs} ms per call), one instance, its boot driven by time: \`running\` N s after StartInstances. ` +
      `Tools: ${tools.map(t => TOOL[/** @type {'action'} */ (t)]).join(', ')}${settings.cli ? ` (${settings.cli})` : ' (the AWS CLI was not available)'}. ` +
      `The SDK script and the CLI use their waiters' default delays (15 s). Medians of ${settings.reps}; on the success path the tools of one repetition run at the same time, each against its own fake.`,
    table(
      [
        'Boot s',
        ...tools.map(t => `${t}: exit after running s`),
        ...tools.map(t => `${t}: wall s`),
        'action − SDK s',
        'SDK / action wall'
      ],
      [
        ...sum.boots.map(b => [
          b.bootS,
          ...tools.map(t => s(b.byTool[t].exitAfterRunningMs)),
          ...tools.map(t => s(b.byTool[t].wallMs)),
          b.byTool.action.wallMs !== null && b.byTool.sdk.wallMs !== null
            ? s(b.byTool.action.wallMs - b.byTool.sdk.wallMs)
            : '–',
          x(b.byTool.sdk.wallMs, b.byTool.action.wallMs)
        ]),
        [
          '**total**',
          ...tools.map(() => ''),
          ...tools.map(t =>
            s(
              sum.boots.reduce((a, b) => a + (b.byTool[t].wallMs ?? NaN), 0),
              1
            )
          ),
          '',
          x(
            sum.boots.reduce((a, b) => a + (b.byTool.sdk.wallMs ?? NaN), 0),
            sum.boots.reduce((a, b) => a + (b.byTool.action.wallMs ?? NaN), 0)
          )
        ]
      ]
    ),
    `Calls on the success path (boot ${callsAt?.bootS ?? '–'} s, medians): ${tools.map(t => `${t} ${callsAt?.byTool[t].calls ?? '–'}`).join(', ')} (the action also reads the caller, volume, key, key policy and alias, and polls every 2 s).`,
    '### Cold start and memory, on each Node',
    'One process at a time, an instance that is `running` at the first poll. Ratios are to the plain SDK script on the same Node (the CLI: to the SDK script on the local Node). At N = 1000 the tools do different work before StartInstances: the SDK script and the CLI are handed the 1000 IDs and start them blind, while the action finds the fleet with `filters: tag:bench=yes` and reads all 1000 instances first (one DescribeInstances, mostly XML parsing), so that it never starts a terminated or unknown target.',
    table(
      [
        'Tool',
        'Runtime',
        'N',
        'Spawn → 1st AWS call ms',
        'Spawn → StartInstances ms',
        '× SDK script',
        'Peak RSS MB',
        '× SDK script',
        'Calls'
      ],
      sum.cold.map(c => {
        const ref = coldOf(sum, 'sdk', c.tool === 'cli' ? settings.runtimes[0] : c.node, c.n)
        return [
          TOOL[/** @type {'action'} */ (c.tool)],
          c.node,
          c.n,
          ms0(c.firstCallMs),
          ms0(c.startMs),
          x(c.startMs, ref?.startMs),
          c.peakRssMb?.toFixed(0) ?? '–',
          x(c.peakRssMb, ref?.peakRssMb),
          c.calls ?? '–'
        ]
      })
    ),
    '### Silent stop',
    `A key policy that blocks EC2: the instance leaves \`pending\` ${settings.stopAfterS} s after StartInstances (stopping, then stopped with Client.InternalError). The SDK and CLI waiters have no acceptor for \`stopped\`; they were killed after ${settings.silentObserveS} s (they would time out after 600 s without a cause).`,
    table(
      [
        'Tool',
        'Reported s after leaving pending',
        'Reported (of runs)',
        'Key named',
        'Still waiting when killed',
        'Exit s'
      ],
      sum.silent.map(r => [
        TOOL[/** @type {'action'} */ (r.tool)],
        s(r.detectedMs),
        `${r.detectedRuns}/${r.runs}`,
        `${r.namesKey}/${r.runs}`,
        `${r.killed}/${r.runs}`,
        s(r.wallMs)
      ])
    ),
    '### Targets of issue 12',
    table(
      ['Target', 'Measured', 'Result'],
      peersTargets(sum, settings).map(t => [t.target, t.measured, t.pass ? 'pass' : '**MISS**'])
    )
  )
  return parts.join('\n\n')
}
