// The request as the evaluator sees it: the caller's identities, and context keys that may be absent, present, or
// not known here (unknownKeys, maybeKeys), so a guess about the request is never passed off as a fact.
import type { ParsedPolicy } from './policy.js'
import type { PartlyKnownValue, RequestContext } from './types.js'

/** A role ARN with any path; the last group is the role name (names are unique per account, whatever the path). */
export const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/

export type Lookup =
  | { state: 'absent' }
  | { state: 'present'; values: string[] }
  | { state: 'unknownValue' } // certainly present, value not known
  | { state: 'maybe' } // may be absent or present, value not known
  | { state: 'partlyKnown'; value: PartlyKnownValue } // present, known up to one part

export interface RequestCaller {
  principalArn: string
  sessionArn?: string
  accountId: string
  partition: string
  /** The role's name (without path) when the caller is a role or role session. */
  roleName?: string
  /** The role's path is not known: match a role principal by account and name (names are unique per account). */
  pathUnknown: boolean
}

export interface Environment {
  request: RequestContext
  caller: RequestCaller
  /** Policy variables are substituted only in version 2012-10-17 documents; older ones treat ${...} literally. */
  variables: boolean
  lookup(key: string): Lookup
}

export function buildEnvironment(policy: ParsedPolicy, request: RequestContext): Environment {
  const context = new Map<string, string[]>()
  for (const [key, value] of Object.entries(request.context)) {
    const values = Array.isArray(value) ? value.map(String) : [String(value)]
    context.set(key.toLowerCase(), values)
  }
  const matcher = (patterns: string[] | undefined) => {
    const lowered = (patterns ?? []).map(p => p.toLowerCase())
    return (key: string) => lowered.some(p => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p))
  }
  const isUnknown = matcher(request.unknownKeys)
  const isMaybe = matcher(request.maybeKeys)
  const partly = new Map(Object.entries(request.partlyKnown ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  const roleMatch = ROLE_ARN.exec(request.principalArn)
  return {
    request,
    caller: {
      principalArn: request.principalArn,
      sessionArn: request.sessionArn,
      accountId: request.accountId,
      partition: request.principalArn.split(':')[1] ?? 'aws',
      roleName: roleMatch?.[3],
      pathUnknown: request.principalPathUnknown === true
    },
    variables: policy.version === '2012-10-17',
    lookup(key: string): Lookup {
      const lowered = key.toLowerCase()
      const values = context.get(lowered)
      // An empty multi-valued key carries nothing: AWS treats it as absent.
      if (values !== undefined) return values.length > 0 ? { state: 'present', values } : { state: 'absent' }
      const part = partly.get(lowered)
      if (part !== undefined) return { state: 'partlyKnown', value: part }
      if (isUnknown(lowered)) return { state: 'unknownValue' }
      if (isMaybe(lowered)) return { state: 'maybe' }
      return { state: 'absent' }
    }
  }
}
