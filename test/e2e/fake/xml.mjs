// @ts-check
// XML escaping and the response envelopes of the query protocols (EC2, STS, IAM) and of KMS JSON 1.1.
import { requestId } from './common.mjs'

export const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/'
export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'
export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/'

/** @typedef {{ status: number, contentType: string, body: string, errorCode?: string, requestId: string }} Reply */

/** @param {unknown} s */
export function esc(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/**
 * One element; `undefined`/`null` content omits it, '' renders `<name/>`. Strings are escaped, use `raw` for
 * nested XML.
 * @param {string} name
 * @param {unknown} content
 */
export function el(name, content) {
  if (content === undefined || content === null) return ''
  const text = esc(content)
  return text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`
}

/**
 * An element holding already-serialised XML.
 * @param {string} name
 * @param {string | string[]} inner
 */
export function raw(name, inner) {
  const s = Array.isArray(inner) ? inner.join('') : inner
  return s === '' ? `<${name}/>` : `<${name}>${s}</${name}>`
}

/** EC2-style list: `<name><item>..</item>...</name>`. @param {string} name @param {string[]} items */
export const items = (name, items) =>
  raw(
    name,
    items.map(i => `<item>${i}</item>`)
  )

/** awsQuery list: `<name><member>..</member></name>`. @param {string} name @param {string[]} members */
export const members = (name, members) =>
  raw(
    name,
    members.map(m => `<member>${m}</member>`)
  )

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'

/**
 * @param {string} action
 * @param {string} inner
 * @returns {Reply}
 */
export function ec2Ok(action, inner) {
  const id = requestId()
  return {
    status: 200,
    contentType: 'text/xml;charset=UTF-8',
    requestId: id,
    body: `${XML_DECL}<${action}Response xmlns="${EC2_NS}">${el('requestId', id)}${inner}</${action}Response>`
  }
}

/** @param {number} status @param {string} code @param {string} message @returns {Reply} */
export function ec2Error(status, code, message) {
  const id = requestId()
  return {
    status,
    contentType: 'text/xml;charset=UTF-8',
    requestId: id,
    errorCode: code,
    body: `${XML_DECL}<Response><Errors><Error>${el('Code', code)}${el('Message', message)}</Error></Errors>${el('RequestID', id)}</Response>`
  }
}

/**
 * awsQuery success envelope (STS, IAM).
 * @param {string} ns @param {string} action @param {string} result inner XML of <ActionResult>
 * @returns {Reply}
 */
export function queryOk(ns, action, result) {
  const id = requestId()
  return {
    status: 200,
    contentType: 'text/xml',
    requestId: id,
    body:
      `${XML_DECL}<${action}Response xmlns="${ns}">${raw(`${action}Result`, result)}` +
      `<ResponseMetadata>${el('RequestId', id)}</ResponseMetadata></${action}Response>`
  }
}

/**
 * awsQuery error envelope (STS, IAM).
 * @param {string} ns @param {number} status @param {string} code @param {string} message
 * @returns {Reply}
 */
export function queryError(ns, status, code, message) {
  const id = requestId()
  const type = status >= 500 ? 'Receiver' : 'Sender'
  return {
    status,
    contentType: 'text/xml',
    requestId: id,
    errorCode: code,
    body:
      `${XML_DECL}<ErrorResponse xmlns="${ns}"><Error>${el('Type', type)}${el('Code', code)}` +
      `${el('Message', message)}</Error>${el('RequestId', id)}</ErrorResponse>`
  }
}

/** KMS JSON 1.1 success; `undefined` body answers an empty 200. @param {unknown} [value] @returns {Reply} */
export function jsonOk(value) {
  return {
    status: 200,
    contentType: 'application/x-amz-json-1.1',
    requestId: requestId(),
    body: value === undefined ? '' : JSON.stringify(value)
  }
}

/** KMS JSON 1.1 error. @param {number} status @param {string} code @param {string} message @returns {Reply} */
export function jsonError(status, code, message) {
  return {
    status,
    contentType: 'application/x-amz-json-1.1',
    requestId: requestId(),
    errorCode: code,
    body: JSON.stringify({ __type: code, message })
  }
}

/** ISO-8601 timestamp with milliseconds, as EC2 writes it. @param {number} epochMs */
export const iso = epochMs => new Date(epochMs).toISOString()

/** `2026-01-01 00:00:00 GMT`, as in EC2's StateTransitionReason. @param {number} epochMs */
export const gmt = epochMs => `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} GMT`
