// EC2's own kms:Decrypt of a volume's data key (how-ec2-uses-kms.md 1.1 item 2): the grant allows it, so only a
// key-policy Deny can stop it. Judged once per documented form of its aws:PrincipalArn; when the forms give
// different answers, the outcome is not decidable and says so.
import { evaluatePolicy } from './evaluate.js'
import { statementLabel, type ParsedPolicy } from './policy.js'
import type { PrincipalArnForm, StartRequest } from './requests.js'
import type { StatementRef } from './types.js'

export type DecryptJudgement =
  | { state: 'notDenied' }
  | { state: 'denied'; by: StatementRef }
  | { state: 'unknown'; because: string[]; onlyUnresolved: boolean; deciding?: StatementRef }
  | { state: 'formsDisagree'; deniedIn: PrincipalArnForm; by: StatementRef }

type FormJudgement = Exclude<DecryptJudgement, { state: 'formsDisagree' }>

function judgeForm(policy: ParsedPolicy, request: StartRequest['forms'][number]['request']): FormJudgement {
  const evaluation = evaluatePolicy(policy, request)
  const denies = evaluation.statements.filter(s => s.ref.effect === 'Deny')
  const certain = denies.find(s => s.match === true)
  if (certain !== undefined) return { state: 'denied', by: certain.ref }
  const maybe = denies.filter(s => s.match === 'unknown')
  if (maybe.length === 0) return { state: 'notDenied' }
  const causes = maybe.flatMap(s => s.unknownBecause.map(c => ({ ...c, ref: s.ref })))
  return {
    state: 'unknown',
    because: causes.map(c => `${statementLabel(c.ref)}: ${c.message}`),
    onlyUnresolved: causes.length > 0 && causes.every(c => c.kind === 'unresolved'),
    deciding: maybe[0]?.ref
  }
}

export function judgeDecrypt(policy: ParsedPolicy, decrypt: StartRequest): DecryptJudgement {
  const judged = decrypt.forms.map(f => ({ form: f.form, judgement: judgeForm(policy, f.request) }))
  const unknown = judged.find(j => j.judgement.state === 'unknown')
  if (unknown !== undefined) return unknown.judgement
  const denied = judged.find(j => j.judgement.state === 'denied')
  if (denied === undefined) return { state: 'notDenied' }
  if (judged.every(j => j.judgement.state === 'denied')) return denied.judgement
  return {
    state: 'formsDisagree',
    deniedIn: denied.form ?? 'role',
    by: (denied.judgement as { by: StatementRef }).by
  }
}
