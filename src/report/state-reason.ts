// EC2 StateReason as one string. EC2 repeats the code at the start of the message
// ("Client.InternalError: Client error on launch"), so the code is only prefixed when the message lacks it.
export function formatStateReason(reason?: { code?: string; message?: string }): string {
  const code = reason?.code ?? ''
  const message = reason?.message ?? ''
  if (!message) return code
  if (!code || message.startsWith(code)) return message
  return `${code}: ${message}`
}
