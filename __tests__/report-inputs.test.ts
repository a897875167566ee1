// sarif-file, comment-on-pr and github-token: validated with the other inputs, before any AWS call.
import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { InputError, readInputs } from '../src/inputs.js'

const WS = '/home/runner/work/repo/repo'
const base = { 'instance-ids': 'i-0123456789abcdef0', region: 'us-east-1' }

function read(values: Record<string, string>) {
  return readInputs(name => ({ ...base, ...values })[name] ?? '', { GITHUB_WORKSPACE: WS })
}

function errorOf(values: Record<string, string>): InputError {
  try {
    read(values)
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return err as InputError
  }
  throw new Error('expected an InputError')
}

describe('sarif-file', () => {
  it('is off by default', () => {
    expect(read({}).sarifFile).toBeUndefined()
  })

  it.each([
    ['results/gate.sarif', `${WS}/results/gate.sarif`],
    ['./gate.sarif', `${WS}/gate.sarif`],
    [`${WS}/out/x.sarif`, `${WS}/out/x.sarif`],
    ['a/../b.sarif', `${WS}/b.sarif`]
  ])('resolves %s inside the workspace', (value, resolved) => {
    expect(read({ 'sarif-file': value }).sarifFile).toBe(path.resolve(resolved))
  })

  it.each([
    ['../outside.sarif', /outside the workspace/],
    ['/tmp/gate.sarif', /outside the workspace/],
    ['results/../../x.sarif', /outside the workspace/],
    ['results/', /names a folder/],
    ['.', /names a folder/],
    ['results/..', /names a folder/]
  ])('rejects %s, naming the input and the value', (value, why) => {
    const err = errorOf({ 'sarif-file': value })
    expect(err.input).toBe('sarif-file')
    expect(err.message).toContain(`Input 'sarif-file' has ${JSON.stringify(value)}`)
    expect(err.message).toMatch(why)
  })

  it('rejects a line break like every single-line input', () => {
    expect(errorOf({ 'sarif-file': 'a.sarif\nb.sarif' }).input).toBe('sarif-file')
  })
})

describe('comment-on-pr and github-token', () => {
  it('is off by default, and then the token is not even read', () => {
    const asked: string[] = []
    const inputs = readInputs(
      name => {
        asked.push(name)
        return (base as Record<string, string>)[name] ?? ''
      },
      { GITHUB_WORKSPACE: WS }
    )
    expect(inputs.prComment).toBeUndefined()
    expect(asked).toContain('comment-on-pr')
    expect(asked).not.toContain('github-token')
  })

  it('takes the token when comment-on-pr is true', () => {
    expect(read({ 'comment-on-pr': 'true', 'github-token': 'ghs_example0000' }).prComment).toEqual({
      token: 'ghs_example0000'
    })
  })

  it('rejects a bad comment-on-pr value', () => {
    const err = errorOf({ 'comment-on-pr': 'yes' })
    expect(err.input).toBe('comment-on-pr')
    expect(err.message).toContain('"yes"')
  })

  it('needs a token, and never shows it in a message', () => {
    expect(errorOf({ 'comment-on-pr': 'true' }).input).toBe('github-token')
    const err = errorOf({ 'comment-on-pr': 'true', 'github-token': 'ghs_secret value' })
    expect(err.input).toBe('github-token')
    expect(err.message).not.toContain('ghs_secret')
  })
})
