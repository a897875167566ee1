// Secrets are redacted before a message is cut. AWS error messages are cut at 300 characters; the runner masks a
// secret only where it appears whole, so a session token cut in half would print its first part in clear. The fake
// answers DescribeInstances with an error whose message holds the caller's session token around character 300.
import { afterEach, describe, expect, it } from '@jest/globals'
import { startFake, type Fake } from './fake/server.mjs'
import { runAction } from './harness.js'
import { readAsRunner } from './workflow-commands.js'

const A = 'i-0aaaaaaaaaaaaaaa1'
const AKID = 'ASIAFAKESESSIONKEY01'
// Synthetic, in the shape STS issues them.
const TOKEN =
  'IQoJb3JpZ2luX2VjEXAMPLEb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6EXAMPLEFAKEtokenZGVmYXVsdA1234567890abcdefABCDEF+/=='

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** Every fragment of the token of 8 characters or more that appears in `text`. */
function tokenFragments(text: string): string[] {
  const found = new Set<string>()
  for (let start = 0; start + 8 <= TOKEN.length; start++) {
    const piece = TOKEN.slice(start, start + 8)
    if (text.includes(piece)) found.add(piece)
  }
  return [...found]
}

describe('an AWS error message that quotes the session token near character 300', () => {
  it.each([240, 260, 280, 289])(
    'the token starting at character %i: stdout and the summary show no fragment of 8+ characters of it',
    async at => {
      // The message as the action sees it is "<prefix> token <TOKEN> ..."; `at` places the token around the cut.
      const message = `${'The request was rejected '.repeat(20).slice(0, at - 7)} token ${TOKEN} is not valid for this request`
      expect(message.length).toBeGreaterThan(300) // long enough to be cut
      fake = await startFake(
        {
          instances: [{ id: A, name: 'ci-1', state: 'stopped' }],
          callers: { [AKID]: { sessionToken: TOKEN, iamAllowsCreateGrant: true } }
        },
        {
          faults: [{ action: 'DescribeInstances', kind: 'error', status: 400, code: 'AuthFailure', message }]
        }
      )
      const run = await runAction({
        inputs: { 'instance-ids': A, fix: 'off' },
        env: { ...fake.env(), AWS_SESSION_TOKEN: TOKEN }
      })
      expect(run.code).not.toBe(0)
      // The request reached the fault, and the failure names it (so the message went through the cut).
      expect(fake.log.some(e => e.action === 'DescribeInstances' && e.errorCode === 'AuthFailure')).toBe(true)
      const reading = readAsRunner(run.stdout)
      expect(reading.masks).toContain(TOKEN)
      // What the log shows, masks applied by the runner: the plain lines and every annotation's message.
      const masked = (text: string) => reading.masks.reduce((t, mask) => t.split(mask).join('***'), text)
      const errors = reading.commands.filter(c => c.name === 'error').map(c => masked(c.data))
      const failure = errors.find(e => e.includes('DescribeInstances failed'))
      expect(failure).toContain('AuthFailure (The request was rejected')
      const shown = [...reading.shown, ...errors].join('\n')
      expect(tokenFragments(shown)).toEqual([])
      // And stdout itself, outside the one line that registers the mask.
      const lines = run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::'))
      expect(tokenFragments(lines.join('\n'))).toEqual([])
      expect(tokenFragments(run.stderr)).toEqual([])
      // The job summary quotes the failure too.
      expect(run.summary).toContain('DescribeInstances failed')
      expect(tokenFragments(run.summary)).toEqual([])
    }
  )
})
