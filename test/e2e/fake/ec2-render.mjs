// @ts-check
// EC2 XML for instances and volumes, element for element like the wire samples.
import { STATE_CODES } from './ec2-state.mjs'
import { el, iso, items, raw } from './xml.mjs'

/** @typedef {import('./scenario.mjs').State} State */

const ATTACH_TIME = '2026-01-01T00:00:01.000Z'

/** @param {import('./scenario.mjs').StateName} name */
export const renderState = name => el('code', STATE_CODES[name]) + el('name', name)

/**
 * @param {import('./scenario.mjs').Instance} inst
 * @param {State} state
 */
export function renderInstance(inst, state) {
  const running = inst.state === 'running'
  const dashed = inst.publicIp.replace(/\./g, '-')
  const publicDns = running ? `ec2-${dashed}.compute-1.amazonaws.com` : ''
  const devices = inst.volumeIds
    .map(id => state.volumes.find(v => v.id === id && v.instanceId === inst.id))
    .filter(v => v !== undefined)
    .map(
      v =>
        el('deviceName', v.device) +
        raw(
          'ebs',
          el('volumeId', v.id) +
            el('status', 'attached') +
            el('attachTime', ATTACH_TIME) +
            el('deleteOnTermination', v.device === '/dev/xvda')
        )
    )
  return [
    el('instanceId', inst.id),
    el('imageId', inst.imageId),
    raw('instanceState', renderState(inst.state)),
    el('privateDnsName', `ip-${inst.privateIp.replace(/\./g, '-')}.ec2.internal`),
    el('dnsName', publicDns),
    el('reason', inst.reason),
    el('amiLaunchIndex', 0),
    el('instanceType', inst.instanceType),
    el('launchTime', iso(inst.launchTime)),
    raw(
      'placement',
      el('availabilityZone', `${state.region}a`) + el('groupName', '') + el('tenancy', 'default')
    ),
    raw('monitoring', el('state', 'disabled')),
    el('subnetId', 'subnet-0123456789abcdef0'),
    el('vpcId', 'vpc-0123456789abcdef0'),
    el('privateIpAddress', inst.privateIp),
    running ? el('ipAddress', inst.publicIp) : '',
    inst.stateReason
      ? raw('stateReason', el('code', inst.stateReason.code) + el('message', inst.stateReason.message))
      : '',
    el('architecture', 'x86_64'),
    el('rootDeviceType', 'ebs'),
    el('rootDeviceName', '/dev/xvda'),
    items('blockDeviceMapping', devices),
    el('virtualizationType', 'hvm'),
    items(
      'tagSet',
      Object.entries(inst.tags).map(([k, v]) => el('key', k) + el('value', v))
    ),
    el('hypervisor', 'xen'),
    el('ebsOptimized', true)
  ].join('')
}

/**
 * @param {import('./scenario.mjs').Volume} v
 * @param {State} state
 */
export function renderVolume(v, state) {
  const attachments = v.instanceId
    ? [
        el('volumeId', v.id) +
          el('instanceId', v.instanceId) +
          el('device', v.device) +
          el('status', 'attached') +
          el('attachTime', ATTACH_TIME) +
          el('deleteOnTermination', v.device === '/dev/xvda')
      ]
    : []
  return [
    el('volumeId', v.id),
    el('size', v.sizeGiB),
    el('snapshotId', ''),
    el('availabilityZone', `${state.region}a`),
    el('status', v.instanceId ? 'in-use' : 'available'),
    el('createTime', '2026-01-01T00:00:00.000Z'),
    items('attachmentSet', attachments),
    el('volumeType', 'gp3'),
    el('iops', 3000),
    el('throughput', 125),
    el('encrypted', v.encrypted),
    v.encrypted ? el('kmsKeyId', v.kmsKeyId) : '',
    el('multiAttachEnabled', false)
  ].join('')
}
