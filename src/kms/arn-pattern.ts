// ArnEquals / ArnLike: a pattern matches an ARN component by component, so it is split on colons first.
import { tokensToMatcher, type Token } from './policy-values.js'

/**
 * ARNs match component by component (six colon-separated parts, the last may hold colons), so a wildcard never spans
 * a colon. A pattern of fewer parts is not an ARN pattern: only "*" alone is accepted as "any ARN".
 */
export function arnTest(tokens: Token[]): ((arn: string) => boolean) | undefined {
  if (tokens.length === 1 && typeof tokens[0] !== 'string' && tokens[0]?.wildcard === '*') return () => true
  const components = splitTokens(tokens)
  if (components.length < 6) return undefined
  const patterns = components.map(c => tokensToMatcher(c, false))
  return v => {
    const parts = splitArn(v)
    return parts.length === 6 && patterns.every((p, i) => p.test(parts[i] ?? ''))
  }
}

function splitArn(arn: string): string[] {
  const parts = arn.split(':')
  return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')]
}

function splitTokens(tokens: Token[]): Token[][] {
  const components: Token[][] = [[]]
  for (const token of tokens) {
    if (typeof token !== 'string' || components.length === 6) {
      components[components.length - 1]?.push(token)
      continue
    }
    const pieces = token.split(':')
    pieces.forEach((piece, i) => {
      if (i > 0 && components.length < 6) components.push([])
      else if (i > 0) components[components.length - 1]?.push(':')
      if (piece !== '') components[components.length - 1]?.push(piece)
    })
  }
  return components
}
