/* eslint-disable no-control-regex -- terminal escapes are what these tests look for */
// The CLI edge: live lines, colours and JSON for a terminal.
import { describe, expect, it } from '@jest/globals'
import { Progress } from '../../src/cli/progress.js'
import { NO_COLOURS, colourWanted } from '../../src/cli/style.js'
import { terminalSafeJson } from '../../src/cli/main.js'
import type { Tracked } from '../../src/aws/poll.js'

function tracked(id: string, state: string, phase: Tracked['phase'], name?: string): Tracked {
  const snapshot = { instanceId: id, state, name, volumeIds: [] }
  return { id, before: snapshot, last: snapshot, phase, startedByUs: true, startedAt: 0 }
}

function sink() {
  const chunks: string[] = []
  return { chunks, write: (text: string) => chunks.push(text) }
}

describe('Progress', () => {
  it('on a terminal redraws one line per instance in place, log lines scrolling above', () => {
    const out = sink()
    const p = new Progress(out, true, NO_COLOURS, () => 12_000)
    p.update([tracked('i-1', 'pending', 'booting', 'web'), tracked('i-2', 'stopped', 'failed')])
    p.log('✗ i-2 stopped')
    p.update([tracked('i-1', 'running', 'done', 'web'), tracked('i-2', 'stopped', 'failed')])
    expect(out.chunks).toEqual([
      '  … i-1 web  pending (booting) 12 s\n  ✗ i-2  stopped (failed)\n',
      '\u001b[2A\u001b[J',
      '✗ i-2 stopped\n',
      '  … i-1 web  pending (booting) 12 s\n  ✗ i-2  stopped (failed)\n',
      '\u001b[2A\u001b[J',
      '  ✓ i-1 web  running (done)\n  ✗ i-2  stopped (failed)\n'
    ])
  })

  it('elsewhere prints the log lines only', () => {
    const out = sink()
    const p = new Progress(out, false, NO_COLOURS)
    p.update([tracked('i-1', 'pending', 'booting')])
    p.log('✓ i-1 running')
    expect(out.chunks).toEqual(['✓ i-1 running\n'])
  })

  it('neutralises names and messages: no escape reaches the terminal', () => {
    const out = sink()
    const p = new Progress(out, true, NO_COLOURS, () => 0)
    p.update([tracked('i-1', 'pending', 'booting', 'x\u001b[2Jy\u009b1m')])
    p.log('a\u001b]0;t\u0007b\n::error::c')
    const text = out.chunks.filter(c => !c.startsWith('\u001b[')).join('')
    expect(text).not.toMatch(/[\u001b\u0007\u009b]/)
    expect(text).toContain('x�[2Jy�1m')
    expect(text).toContain('a�]0;t�b⏎::error::c')
  })

  it('a fleet too large for the screen is one line of counts', () => {
    const out = sink()
    const p = new Progress(out, true, NO_COLOURS)
    p.update(Array.from({ length: 25 }, (_, i) => tracked(`i-${i}`, 'pending', i < 5 ? 'done' : 'booting')))
    expect(out.chunks).toEqual(['  25 instances: 5 done, 20 booting\n'])
  })
})

describe('colours and JSON for a terminal', () => {
  it('colours only on a TTY without NO_COLOR or --no-color', () => {
    expect(colourWanted(true, {}, false)).toBe(true)
    expect(colourWanted(false, {}, false)).toBe(false)
    expect(colourWanted(true, { NO_COLOR: '1' }, false)).toBe(false)
    expect(colourWanted(true, { NO_COLOR: '' }, false)).toBe(true)
    expect(colourWanted(true, {}, true)).toBe(false)
  })

  it('escapes DEL, C1 controls and line separators and still parses to the same value', () => {
    const value = { name: 'a\u009b31m\u007f\u2028b\u001b' }
    const text = terminalSafeJson(value)
    expect(text).not.toMatch(/[\u001b\u007f-\u009f\u2028]/)
    expect(JSON.parse(text)).toEqual(value)
  })
})
