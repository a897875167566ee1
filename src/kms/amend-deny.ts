// Advice for a key-policy Deny that stops EC2's own Decrypt: the same statement, plus the exemption AWS's
// data-perimeter examples use for EC2's identity-only role (how-ec2-uses-kms.md 1.1 item 2). Never applied:
// a Deny is the policy owner's to edit, so this is shown, not written.
import { judgeDecrypt } from './decrypt-judgement.js'
import { parseKeyPolicy, type ParsedPolicy } from './policy.js'
import { ec2InfrastructureRole, type StartRequest } from './requests.js'
import type { AmendedDeny, StatementRef } from './types.js'

const EXEMPT_OPERATOR = 'ArnNotLikeIfExists'
const EXEMPT_KEY = 'aws:PrincipalArn'

/**
 * The statement with `ArnNotLikeIfExists aws:PrincipalArn` listing EC2's identity-only role in both documented
 * forms: the role ARN (what AWS's perimeter examples exempt) and the role ARN followed by the instance ID (how the
 * EBS guide writes it). Values already under that operator and key are kept, in order.
 */
export function exemptEc2Infrastructure(
  statement: Record<string, unknown>,
  partition: string,
  accountId: string
): Record<string, unknown> {
  const role = ec2InfrastructureRole(partition, accountId)
  const exemptions = [role, `${role}/*`]
  const copy = structuredClone(statement)
  const condition = isObject(copy.Condition) ? copy.Condition : {}
  const block = isObject(condition[EXEMPT_OPERATOR]) ? condition[EXEMPT_OPERATOR] : {}
  const existingKey = Object.keys(block).find(k => k.toLowerCase() === EXEMPT_KEY.toLowerCase()) ?? EXEMPT_KEY
  const existing = block[existingKey]
  const values = existing === undefined ? [] : Array.isArray(existing) ? [...existing] : [existing]
  for (const value of exemptions) if (!values.includes(value)) values.push(value)
  block[existingKey] = values
  condition[EXEMPT_OPERATOR] = block
  copy.Condition = condition
  return copy
}

/** The amended statement, when amending it is enough for EC2's Decrypt to pass that statement in both forms. */
export function amendDeny(
  policy: ParsedPolicy,
  deciding: StatementRef,
  decrypt: StartRequest,
  partition: string,
  accountId: string
): AmendedDeny | undefined {
  const statement = policy.statements.find(s => s.index === deciding.index)
  if (statement === undefined) return undefined
  const after = exemptEc2Infrastructure(statement.raw, partition, accountId)
  const document = {
    ...(policy.version !== undefined ? { Version: policy.version } : {}),
    Statement: policy.statements.map(s => (s.index === deciding.index ? after : s.raw))
  }
  const amended = parseKeyPolicy(document)
  if (!amended.ok) return undefined
  // Checked, not assumed: the amended statement must no longer match EC2's Decrypt (another Deny may still).
  const judged = judgeDecrypt(
    { ...amended.policy, statements: amended.policy.statements.filter(s => s.index === deciding.index) },
    decrypt
  )
  if (judged.state !== 'notDenied') return undefined
  return { deciding, before: statement.raw, after }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
