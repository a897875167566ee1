// The secrets of this process (the GitHub OIDC token, the access key ID, secret key and session token), so that text
// is redacted *before* it is cut. The runner masks a registered secret only where it appears whole: an AWS error
// message cut at 300 characters in the middle of a session token would print the first part of it in clear.
// aws/credentials.ts feeds this registry wherever it calls core.setSecret; this module needs no toolkit.

/** What a redacted secret becomes: the runner's own mask. */
export const REDACTED = '***'

/**
 * The shortest fragment of a secret redacted at a text's edge (where an earlier cut may have split it). Shorter
 * pieces are left alone: four characters of a 100-character token say nothing, and short matches would eat text.
 */
export const MIN_EDGE_FRAGMENT = 4

const secrets = new Set<string>()

/** Registers a secret; empty values are ignored (there is nothing to hide). */
export function registerSecret(value: string | undefined): void {
  if (value) secrets.add(value)
}

/** Forgets every secret: for tests, which run many scenarios in one process. */
export function clearSecrets(): void {
  secrets.clear()
}

/** Longest first, so that a secret that contains another is redacted whole. */
function registered(): string[] {
  return [...secrets].sort((a, b) => b.length - a.length)
}

/**
 * Text with every registered secret replaced by `***`, and with any piece of a secret at either edge of the text (a
 * prefix at the end, a suffix at the start, as left by a cut made before this one) replaced too.
 */
export function redactSecrets(text: string): string {
  if (secrets.size === 0) return text
  const all = registered()
  let out = text
  for (const secret of all) out = out.split(secret).join(REDACTED)
  for (const secret of all) out = redactEdges(out, secret)
  return out
}

function redactEdges(text: string, secret: string): string {
  let out = text
  // The longest prefix of the secret that ends the text.
  for (let length = Math.min(secret.length - 1, out.length); length >= MIN_EDGE_FRAGMENT; length--) {
    if (out.endsWith(secret.slice(0, length))) {
      out = out.slice(0, out.length - length) + REDACTED
      break
    }
  }
  // The longest suffix of the secret that starts the text.
  for (let length = Math.min(secret.length - 1, out.length); length >= MIN_EDGE_FRAGMENT; length--) {
    if (out.startsWith(secret.slice(secret.length - length))) {
      out = REDACTED + out.slice(length)
      break
    }
  }
  return out
}

/**
 * Text cut to at most `max` characters (the last three are "..." when it was cut), with secrets redacted first, so
 * the cut never splits one; the edges are checked again after the cut.
 */
export function cutRedacted(text: string, max: number): string {
  const redacted = redactSecrets(text)
  if (redacted.length <= max) return redacted
  return redactSecrets(redacted.slice(0, max - 3)) + '...'
}
