// @ts-check
// EC2 query API: DescribeInstances, StartInstances, StopInstances, DescribeInstanceStatus, DescribeVolumes.
import { performance } from 'node:perf_hooks'
import { FakeError, decodeToken, ec2Filters, encodeToken, listParam, wildcardMatch } from './common.mjs'
import { STATE_CODES, advanceAll, startInstance, statusOf, stopInstance } from './ec2-state.mjs'
import { ec2Ok, el, items, raw } from './xml.mjs'
import { renderInstance, renderState, renderVolume } from './ec2-render.mjs'

/** @typedef {import('./scenario.mjs').Instance} Instance */
/** @typedef {import('./scenario.mjs').Volume} Volume */
/** @typedef {import('./scenario.mjs').State} State */
/** @typedef {{ action: string, params: Record<string, string>, caller: import('./scenario.mjs').Caller, state: State }} Ctx */

export const EC2_ACTIONS = {
  DescribeInstances: describeInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  DescribeVolumes: describeVolumes
}

/** @param {Ctx} ctx */
function describeInstances({ params, state }) {
  advanceAll(state)
  const ids = listParam(params, 'InstanceId')
  const selected = filter(select(state.instances, ids, 'instance'), ec2Filters(params), instanceFilterValues)
  const { page, nextToken } = paginate(selected, params, ids.length > 0, 1000)
  /** @type {Map<string, Instance[]>} */
  const byReservation = new Map()
  for (const inst of page)
    byReservation.set(inst.reservationId, [...(byReservation.get(inst.reservationId) ?? []), inst])
  const reservations = [...byReservation.entries()].map(
    ([rid, list]) =>
      `${el('reservationId', rid)}${el('ownerId', state.accountId)}<groupSet/>` +
      items(
        'instancesSet',
        list.map(i => renderInstance(i, state))
      )
  )
  return ec2Ok('DescribeInstances', items('reservationSet', reservations) + el('nextToken', nextToken))
}

/** @param {Ctx} ctx */
function startInstances({ params, state, caller }) {
  advanceAll(state)
  const list = select(state.instances, required(listParam(params, 'InstanceId')), 'instance')
  for (const inst of list) {
    if (['terminated', 'shutting-down', 'stopping'].includes(inst.state)) {
      throw new FakeError(
        400,
        'IncorrectInstanceState',
        `The instance '${inst.id}' is not in a state from which it can be started.`
      )
    }
  }
  const capacity = list.find(i => i.state === 'stopped' && i.capacityError)
  if (capacity) {
    if (typeof capacity.capacityError === 'number') capacity.capacityError--
    throw new FakeError(
      500,
      'InsufficientInstanceCapacity',
      `We currently do not have sufficient ${capacity.instanceType} capacity in the Availability Zone you requested (${state.region}a).`
    )
  }
  dryRun(params)
  const out = list.map(inst => {
    const before = inst.state
    if (before === 'stopped') startInstance(state, inst, caller)
    return transition(inst.id, inst.state, before)
  })
  return ec2Ok('StartInstances', items('instancesSet', out))
}

/** @param {Ctx} ctx */
function stopInstances({ params, state }) {
  advanceAll(state)
  const list = select(state.instances, required(listParam(params, 'InstanceId')), 'instance')
  for (const inst of list) {
    if (['terminated', 'shutting-down'].includes(inst.state)) {
      throw new FakeError(
        400,
        'IncorrectInstanceState',
        `The instance '${inst.id}' is not in a state from which it can be stopped.`
      )
    }
  }
  dryRun(params)
  const out = list.map(inst => {
    const before = inst.state
    if (before === 'running' || before === 'pending') stopInstance(inst)
    return transition(inst.id, inst.state, before)
  })
  return ec2Ok('StopInstances', items('instancesSet', out))
}

/** @param {Ctx} ctx */
function describeInstanceStatus({ params, state }) {
  advanceAll(state)
  const ids = listParam(params, 'InstanceId')
  if (ids.length > 100) {
    throw new FakeError(
      400,
      'InvalidParameterValue',
      'The maximum number of instance IDs in a request is 100.'
    )
  }
  const all = params.IncludeAllInstances === 'true'
  const now = performance.now()
  const chosen = select(state.instances, ids, 'instance').filter(i => all || i.state === 'running')
  const selected = filter(chosen, ec2Filters(params), (inst, name) => {
    if (name === 'instance-state-name') return [inst.state]
    if (name === 'instance-state-code') return [String(STATE_CODES[inst.state])]
    if (name === 'instance-status.status' || name === 'system-status.status') return [statusOf(inst, now)]
    if (name === 'availability-zone') return [`${state.region}a`]
    return undefined
  })
  const { page, nextToken } = paginate(selected, params, ids.length > 0, 1000)
  const rendered = page.map(inst => {
    const status = statusOf(inst, now)
    const detail = status === 'ok' ? 'passed' : status
    const check = (/** @type {string} */ name) =>
      raw(
        name,
        el('status', status) +
          (status === 'not-applicable'
            ? ''
            : items('details', [el('name', 'reachability') + el('status', detail)]))
      )
    return (
      el('instanceId', inst.id) +
      el('availabilityZone', `${state.region}a`) +
      raw('instanceState', renderState(inst.state)) +
      check('systemStatus') +
      check('instanceStatus') +
      '<eventsSet/>'
    )
  })
  return ec2Ok('DescribeInstanceStatus', items('instanceStatusSet', rendered) + el('nextToken', nextToken))
}

/** @param {Ctx} ctx */
function describeVolumes({ params, state }) {
  advanceAll(state)
  const ids = listParam(params, 'VolumeId')
  const selected = filter(select(state.volumes, ids, 'volume'), ec2Filters(params), (v, name) => {
    if (name === 'volume-id') return [v.id]
    if (name === 'encrypted') return [String(v.encrypted)]
    if (name === 'attachment.instance-id') return v.instanceId ? [v.instanceId] : []
    if (name === 'attachment.device') return v.device ? [v.device] : []
    if (name === 'status') return [v.instanceId ? 'in-use' : 'available']
    if (name === 'size') return [String(v.sizeGiB)]
    if (name === 'availability-zone') return [`${state.region}a`]
    return undefined
  })
  const { page, nextToken } = paginate(selected, params, ids.length > 0, 500)
  return ec2Ok(
    'DescribeVolumes',
    items(
      'volumeSet',
      page.map(v => renderVolume(v, state))
    ) + el('nextToken', nextToken)
  )
}

/** @param {string} id @param {import('./scenario.mjs').StateName} now @param {import('./scenario.mjs').StateName} before */
function transition(id, now, before) {
  return (
    el('instanceId', id) + raw('currentState', renderState(now)) + raw('previousState', renderState(before))
  )
}

/** @param {Record<string, string>} params */
function dryRun(params) {
  if (params.DryRun === 'true') {
    throw new FakeError(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.')
  }
}

/** @param {string[]} ids */
function required(ids) {
  if (!ids.length)
    throw new FakeError(400, 'MissingParameter', 'The request must contain the parameter InstanceId')
  return ids
}

const ID_FORMAT = { instance: /^i-([0-9a-f]{8}|[0-9a-f]{17})$/, volume: /^vol-([0-9a-f]{8}|[0-9a-f]{17})$/ }

/**
 * Explicit ids: every one must exist (malformed ids first), in request order; no ids: everything.
 * @template {{ id: string }} T
 * @param {T[]} all @param {string[]} ids @param {'instance' | 'volume'} kind
 * @returns {T[]}
 */
function select(all, ids, kind) {
  if (!ids.length) return all
  const byId = new Map(all.map(x => [x.id, x]))
  const unique = [...new Set(ids)]
  const malformed = unique.find(id => !byId.has(id) && !ID_FORMAT[kind].test(id))
  const Kind = kind === 'instance' ? 'Instance' : 'Volume'
  if (malformed) throw new FakeError(400, `Invalid${Kind}ID.Malformed`, `Invalid id: "${malformed}"`)
  const missing = unique.filter(id => !byId.has(id))
  if (missing.length) {
    const list = missing.join(', ')
    if (kind === 'volume') {
      const msg =
        missing.length > 1 ? `The volumes '${list}' do not exist.` : `The volume '${list}' does not exist.`
      throw new FakeError(400, 'InvalidVolume.NotFound', msg)
    }
    const msg =
      missing.length > 1
        ? `The instance IDs '${list}' do not exist`
        : `The instance ID '${list}' does not exist`
    throw new FakeError(400, 'InvalidInstanceID.NotFound', msg)
  }
  return unique.map(id => /** @type {T} */ (byId.get(id)))
}

/** @param {Instance} inst @param {string} name @returns {string[] | undefined} */
function instanceFilterValues(inst, name) {
  if (name.startsWith('tag:')) {
    const v = inst.tags[name.slice(4)]
    return v === undefined ? [] : [v]
  }
  switch (name) {
    case 'instance-id':
      return [inst.id]
    case 'instance-state-name':
      return [inst.state]
    case 'instance-state-code':
      return [String(STATE_CODES[inst.state])]
    case 'tag-key':
      return Object.keys(inst.tags)
    case 'tag-value':
      return Object.values(inst.tags)
    case 'instance-type':
      return [inst.instanceType]
    case 'private-ip-address':
      return [inst.privateIp]
    case 'ip-address':
      return inst.state === 'running' ? [inst.publicIp] : []
    case 'block-device-mapping.volume-id':
      return inst.volumeIds
    default:
      return undefined
  }
}

/**
 * Filters are ANDed, values of one filter ORed; values may use * and ? wildcards. Unknown names are an error.
 * @template T
 * @param {T[]} list
 * @param {{ name: string, values: string[] }[]} filters
 * @param {(x: T, name: string) => string[] | undefined} valuesOf
 */
function filter(list, filters, valuesOf) {
  if (filters.length > 50)
    throw new FakeError(400, 'FilterLimitExceeded', 'The maximum number of filters is 50.')
  for (const f of filters) {
    if (list.length && valuesOf(list[0], f.name) === undefined) {
      throw new FakeError(400, 'InvalidParameterValue', `The filter '${f.name}' is invalid`)
    }
  }
  return list.filter(x =>
    filters.every(f => {
      const actual = valuesOf(x, f.name) ?? []
      return f.values.some(p => actual.some(a => wildcardMatch(p, a)))
    })
  )
}

/**
 * MaxResults/NextToken; MaxResults may not be combined with explicit ids.
 * @template T
 * @param {T[]} list @param {Record<string, string>} params @param {boolean} withIds @param {number} max
 */
function paginate(list, params, withIds, max) {
  const offset = decodeToken(params.NextToken)
  if (offset === null) {
    throw new FakeError(400, 'InvalidParameterValue', `Invalid value '${params.NextToken}' for nextToken`)
  }
  if (params.MaxResults === undefined) return { page: list.slice(offset), nextToken: undefined }
  const idsParam = max === 500 ? 'volumeIds' : 'instancesSet'
  if (withIds) {
    throw new FakeError(
      400,
      'InvalidParameterCombination',
      `The parameter ${idsParam} cannot be used with the parameter maxResults`
    )
  }
  let n = Number(params.MaxResults)
  if (!Number.isInteger(n) || n < 5) {
    throw new FakeError(
      400,
      'InvalidParameterValue',
      `Value ( ${params.MaxResults} ) for parameter maxResults is invalid. Expecting a value greater than 5.`
    )
  }
  if (n > max) {
    if (max === 500) n = 500
    else {
      throw new FakeError(
        400,
        'InvalidParameterValue',
        `Value ( ${params.MaxResults} ) for parameter maxResults is invalid. Expecting a value less than ${max}.`
      )
    }
  }
  const page = list.slice(offset, offset + n)
  return { page, nextToken: offset + n < list.length ? encodeToken(offset + n) : undefined }
}
