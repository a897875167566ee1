// Progress on stderr. On a terminal: the log lines scroll above a block with one live line per instance, redrawn
// after every poll. Elsewhere (a pipe, a CI log): the log lines only, one per event. Every value is neutralised.
import type { Tracked } from '../aws/poll.js'
import { neutralise as n } from '../report/untrusted.js'
import type { Style } from './style.js'

export interface Writable {
  write(text: string): unknown
}

// More lines than this and the block would scroll off a terminal: a count of each phase replaces it.
const MAX_LIVE_LINES = 20

const PHASE_TEXT: Record<string, string> = {
  'wait-stopped': 'waiting for it to stop',
  'to-start': 'to start',
  booting: 'booting',
  'status-checks': 'status checks',
  done: 'done',
  failed: 'failed'
}

export function liveLine(t: Tracked, now: number, s: Style): string {
  const seconds =
    t.startedAt !== undefined && t.phase !== 'done' && t.phase !== 'failed'
      ? ` ${((now - t.startedAt) / 1000).toFixed(0)} s`
      : ''
  const icon = t.phase === 'failed' ? s.red('✗') : t.phase === 'done' ? s.green('✓') : s.yellow('…')
  const name = t.last.name ?? t.before.name
  return `  ${icon} ${n(t.id)}${name ? ` ${n(name)}` : ''}  ${n(t.last.state)} (${PHASE_TEXT[t.phase] ?? n(t.phase)})${seconds}`
}

export class Progress {
  private drawn = 0
  private rows: string[] = []

  constructor(
    private readonly out: Writable,
    private readonly live: boolean,
    private readonly style: Style,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** A log line (neutralised: it may hold Sids, aliases, Name tags, AWS messages). */
  log(message: string): void {
    this.erase()
    this.out.write(`${n(message)}\n`)
    this.draw()
  }

  /** The instances as last polled: redraws the live block (on a terminal only). */
  update(tracked: readonly Tracked[]): void {
    if (!this.live) return
    const now = this.now()
    if (tracked.length <= MAX_LIVE_LINES) this.rows = tracked.map(t => liveLine(t, now, this.style))
    else {
      const counts = new Map<string, number>()
      for (const t of tracked) counts.set(t.phase, (counts.get(t.phase) ?? 0) + 1)
      this.rows = [
        `  ${tracked.length} instances: ${[...counts].map(([p, c]) => `${c} ${PHASE_TEXT[p] ?? p}`).join(', ')}`
      ]
    }
    this.erase()
    this.draw()
  }

  /** Leaves the last block on screen, so the final states stay visible above the report. */
  finish(): void {
    this.drawn = 0
    this.rows = []
  }

  private erase(): void {
    // Cursor up over the block, then clear to the end of the screen.
    if (this.drawn > 0) this.out.write(`\u001b[${this.drawn}A\u001b[J`)
    this.drawn = 0
  }

  private draw(): void {
    if (this.rows.length === 0) return
    this.out.write(`${this.rows.join('\n')}\n`)
    this.drawn = this.rows.length
  }
}
