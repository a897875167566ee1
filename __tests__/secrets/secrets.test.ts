import { afterEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { AwsCallError } from '../../src/aws/errors.js'
import { clearSecrets, cutRedacted, redactSecrets, registerSecret, REDACTED } from '../../src/secrets.js'

// A session token as STS issues it: long, base64, a fixed prefix.
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN+abc/def0123456789ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP=='
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/** Every fragment of `secret` of `min` characters or more that appears in `text`. */
function fragmentsIn(text: string, secret: string, min = 8): string[] {
  const found: string[] = []
  for (let start = 0; start + min <= secret.length; start++) {
    const piece = secret.slice(start, start + min)
    if (text.includes(piece)) found.push(piece)
  }
  return found
}

afterEach(() => clearSecrets())

describe('redactSecrets', () => {
  it('replaces every whole occurrence of a registered secret', () => {
    registerSecret(TOKEN)
    expect(redactSecrets(`a ${TOKEN} b ${TOKEN}`)).toBe(`a ${REDACTED} b ${REDACTED}`)
  })

  it('replaces a prefix of a secret that ends the text and a suffix that starts it (an earlier cut)', () => {
    registerSecret(TOKEN)
    expect(redactSecrets(`token was ${TOKEN.slice(0, 40)}`)).toBe(`token was ${REDACTED}`)
    expect(redactSecrets(`${TOKEN.slice(50)} was the token`)).toBe(`${REDACTED} was the token`)
  })

  it('leaves text alone when nothing is registered, and ignores empty secrets', () => {
    registerSecret('')
    registerSecret(undefined)
    expect(redactSecrets('nothing to hide')).toBe('nothing to hide')
  })

  it('redacts a secret that contains another one whole', () => {
    registerSecret('abcd1234')
    registerSecret('xxabcd1234yy')
    expect(redactSecrets('=xxabcd1234yy=')).toBe(`=${REDACTED}=`)
  })
})

describe('cutRedacted', () => {
  it('never leaves a fragment of 8 or more characters of a secret, wherever the cut falls', () => {
    registerSecret(TOKEN)
    registerSecret(SECRET_KEY)
    for (let at = 0; at < 320; at++) {
      const text = `${'x'.repeat(at)}${TOKEN} then ${SECRET_KEY} end`
      const cut = cutRedacted(text, 300)
      expect(cut.length).toBeLessThanOrEqual(300)
      expect(fragmentsIn(cut, TOKEN)).toEqual([])
      expect(fragmentsIn(cut, SECRET_KEY)).toEqual([])
    }
  })

  it('holds for random text around random secrets (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 20, maxLength: 120, unit: 'grapheme-ascii' }),
        fc.string({ maxLength: 400 }),
        fc.nat(400),
        fc.integer({ min: 20, max: 400 }),
        (secret, text, at, max) => {
          clearSecrets()
          registerSecret(secret)
          const position = Math.min(at, text.length)
          const cut = cutRedacted(text.slice(0, position) + secret + text.slice(position), max)
          expect(cut.length).toBeLessThanOrEqual(max)
          expect(cut.includes(secret)).toBe(false)
          // The cut may not end in a piece of the secret long enough to be read.
          for (let n = 8; n < secret.length; n++) expect(cut.endsWith(secret.slice(0, n))).toBe(false)
        }
      )
    )
  })

  it('returns short text unchanged', () => {
    expect(cutRedacted('short', 300)).toBe('short')
  })
})

describe('AwsCallError', () => {
  it('redacts the session token before cutting the AWS message at 300 characters', () => {
    registerSecret(TOKEN)
    const cause = Object.assign(new Error(`${'m'.repeat(270)} token ${TOKEN} was rejected`), {
      name: 'InvalidClientTokenId'
    })
    const message = new AwsCallError(
      'DescribeInstances',
      'i-0aaaaaaaaaaaaaaa1',
      'ec2:DescribeInstances',
      cause
    ).message
    expect(message).toContain('InvalidClientTokenId')
    expect(fragmentsIn(message, TOKEN)).toEqual([])
  })

  it('without the registry, the same message shows the first part of the token (what the registry prevents)', () => {
    const cause = Object.assign(new Error(`${'m'.repeat(270)} token ${TOKEN} was rejected`), {
      name: 'InvalidClientTokenId'
    })
    const message = new AwsCallError(
      'DescribeInstances',
      'i-0aaaaaaaaaaaaaaa1',
      'ec2:DescribeInstances',
      cause
    ).message
    expect(fragmentsIn(message, TOKEN).length).toBeGreaterThan(0)
  })
})
