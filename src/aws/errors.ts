// Turns SDK errors into messages that say which call failed, for which resource, and what to do.
import { cutRedacted } from '../secrets.js'

export type ErrorKind =
  | 'throttling'
  | 'access-denied'
  | 'not-found'
  | 'credentials'
  | 'invalid-state'
  | 'capacity'
  | 'invalid-request'
  | 'transient'
  | 'unknown'

const KINDS: Record<string, ErrorKind> = {
  RequestLimitExceeded: 'throttling',
  ThrottlingException: 'throttling',
  Throttling: 'throttling',
  TooManyRequestsException: 'throttling',
  UnauthorizedOperation: 'access-denied',
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  'InvalidInstanceID.NotFound': 'not-found',
  'InvalidVolume.NotFound': 'not-found',
  NotFoundException: 'not-found',
  NoSuchEntity: 'not-found',
  AuthFailure: 'credentials',
  InvalidClientTokenId: 'credentials',
  UnrecognizedClientException: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  ExpiredToken: 'credentials',
  ExpiredTokenException: 'credentials',
  CredentialsProviderError: 'credentials',
  IncorrectInstanceState: 'invalid-state',
  KMSInvalidStateException: 'invalid-state',
  DisabledException: 'invalid-state',
  InsufficientInstanceCapacity: 'capacity',
  InstanceLimitExceeded: 'capacity',
  'InvalidInstanceID.Malformed': 'invalid-request',
  InvalidParameterValue: 'invalid-request',
  UnsupportedOperation: 'invalid-request',
  MalformedPolicyDocumentException: 'invalid-request',
  LimitExceededException: 'invalid-request',
  DependencyTimeoutException: 'transient',
  KMSInternalException: 'transient',
  InternalError: 'transient',
  ServiceUnavailable: 'transient'
}

export function errorName(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown }
    const name = typeof e.name === 'string' ? e.name : typeof e.Code === 'string' ? e.Code : undefined
    if (name && name !== 'Error') return name.replace(/^.*#/, '')
    if (typeof e.code === 'string') return e.code
  }
  return 'Error'
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}

export function classifyError(err: unknown): ErrorKind {
  const name = errorName(err)
  if (KINDS[name]) return KINDS[name]
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode
  if (status !== undefined && status >= 500) return 'transient'
  return 'unknown'
}

/** An AWS call that failed, described for a human who has to fix it. */
export class AwsCallError extends Error {
  readonly kind: ErrorKind
  readonly code: string
  constructor(
    readonly operation: string,
    readonly resource: string,
    readonly permission: string,
    override readonly cause: unknown
  ) {
    const code = errorName(cause)
    const kind = classifyError(cause)
    super(describe(operation, resource, permission, code, kind, errorMessage(cause)))
    this.name = 'AwsCallError'
    this.kind = kind
    this.code = code
  }
}

function describe(
  operation: string,
  resource: string,
  permission: string,
  code: string,
  kind: ErrorKind,
  message: string
): string {
  const head = `${operation} failed for ${resource}: ${code}`
  const detail = message && message !== code ? ` (${oneLine(message)})` : ''
  switch (kind) {
    case 'access-denied':
      return `${head}${detail}; the role needs ${permission}`
    case 'credentials':
      return `${head}${detail}; the AWS credentials are missing, invalid or expired: use role-to-assume, or run aws-actions/configure-aws-credentials first`
    case 'throttling':
      return `${head}${detail}; AWS kept throttling after every retry: run fewer jobs at once against this account and region`
    default:
      return `${head}${detail}`
  }
}

/** An AWS message on one line, at most 300 characters; secrets are redacted before the cut, which could split one. */
function oneLine(text: string): string {
  return cutRedacted(text.replace(/\s+/g, ' ').trim(), 300)
}

/** Runs one AWS call and rethrows its failure as an AwsCallError naming operation, resource and permission. */
export async function awsCall<T>(
  operation: string,
  resource: string,
  permission: string,
  call: () => Promise<T>
): Promise<T> {
  try {
    return await call()
  } catch (err) {
    if (err instanceof AwsCallError) throw err
    throw new AwsCallError(operation, resource, permission, err)
  }
}

/** "i-1, i-2, i-3 and 7 more": resource lists stay readable in one line. */
export function listResources(ids: readonly string[], shown = 3): string {
  if (ids.length <= shown) return ids.join(', ')
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`
}
