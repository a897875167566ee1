import { describe, expect, it } from '@jest/globals'
import { parseArgs, UsageError } from '../../src/cli/args.js'

function usage(argv: string[]): string {
  try {
    parseArgs(argv)
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError)
    return (err as Error).message
  }
  throw new Error('expected a UsageError')
}

describe('parseArgs', () => {
  it('maps the subcommand and flags to the action inputs of the same name', () => {
    const args = parseArgs([
      'start',
      '--instance-ids',
      'i-12345678',
      '--instance-ids=i-87654321',
      '--region',
      'eu-west-1',
      '--wait-for=status-ok',
      '--timeout-seconds',
      '600',
      '--profile',
      'ops',
      '--json',
      '--no-color'
    ])
    expect(args).toEqual({
      command: 'start',
      inputs: {
        'instance-ids': 'i-12345678\ni-87654321',
        region: 'eu-west-1',
        'wait-for': 'status-ok',
        'timeout-seconds': '600'
      },
      profile: 'ops',
      json: true,
      noColor: true,
      help: false,
      version: false
    })
  })

  it('--filters repeat as lines of one group; --or starts the next group', () => {
    const args = parseArgs([
      'check',
      '--filters',
      'tag:env=ci',
      '--filters',
      'tag:team=qa',
      '--or',
      '--filters=tag:role=db'
    ])
    expect(args.inputs.filters).toBe('tag:env=ci\ntag:team=qa\n---\ntag:role=db')
  })

  it('names every bad argument in one error', () => {
    const message = usage([
      'restart',
      '--bogus',
      '--region',
      'a',
      '--region',
      'b',
      '--fix',
      '--json=1',
      'stray'
    ])
    expect(message).toContain('unknown command "restart"')
    expect(message).toContain('unknown flag --bogus')
    expect(message).toContain('--region is given twice')
    expect(message).toContain('--json takes no value')
    expect(message).toContain('unexpected argument "stray"')
  })

  it('a flag followed by another flag has no value', () => {
    expect(usage(['check', '--instance-ids', '--json'])).toBe('--instance-ids needs a value')
  })

  it('needs a command unless --help or --version', () => {
    expect(usage([])).toMatch(/a command is required: check, start, diagnose/)
    expect(parseArgs(['--help']).help).toBe(true)
    expect(parseArgs(['--version']).version).toBe(true)
  })

  it('--mode is the subcommand', () => {
    expect(usage(['check', '--mode', 'start'])).toMatch(/--mode is the subcommand/)
  })
})
