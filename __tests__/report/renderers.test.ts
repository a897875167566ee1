import { describe, expect, it } from '@jest/globals'
import { ANNOTATIONS_PER_LEVEL, buildAnnotations } from '../../src/report/annotations.js'
import type { InstanceReport, KeyReport, RunReport } from '../../src/report/model.js'
import { stepFailed } from '../../src/report/model.js'
import { buildOutputs } from '../../src/report/outputs.js'
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/report/summary.js'

function report(over: Partial<RunReport> = {}): RunReport {
  return {
    mode: 'start',
    offline: false,
    region: 'us-east-1',
    waitFor: 'running',
    fix: 'suggest',
    instances: [],
    keys: [],
    files: [],
    problems: [],
    warnings: [],
    durationMs: 1234,
    polls: 2,
    ...over
  }
}

function inst(id: string, over: Partial<InstanceReport> = {}): InstanceReport {
  return {
    instanceId: id,
    stateBefore: 'stopped',
    state: 'running',
    startedByThisStep: true,
    outcome: 'running',
    keys: [],
    ...over
  }
}

function key(n: number, over: Partial<KeyReport> = {}): KeyReport {
  return {
    arn: `arn:aws:kms:us-east-1:111122223333:key/${n}`,
    manager: 'CUSTOMER',
    state: 'Enabled',
    accountId: '111122223333',
    verdict: {
      verdict: 'DENY_IMPLICIT',
      usable: false,
      reason: 'nothing allows it',
      missingPermission: 'kms:CreateGrant'
    },
    status: 'misconfigured',
    instances: ['i-12345678'],
    volumes: ['vol-1'],
    ...over
  }
}

describe('outputs', () => {
  it('are JSON strings with the IPs users feed to the next step', () => {
    const out = buildOutputs(
      report({
        instances: [
          inst('i-1', { name: 'web', privateIp: '10.0.0.1', publicIp: '203.0.113.1', keys: ['k'] }),
          inst('i-2', {
            outcome: 'failed',
            state: 'stopped',
            stateReason: {
              code: 'Client.InternalError',
              message: 'Client.InternalError: Client error on launch'
            }
          }),
          inst('i-3', { startedByThisStep: false, stateBefore: 'running' })
        ],
        keys: [key(1)]
      })
    )
    expect(JSON.parse(out['running-instance-ids'])).toEqual(['i-1', 'i-3'])
    expect(JSON.parse(out['failed-instance-ids'])).toEqual(['i-2'])
    expect(JSON.parse(out['started-instance-ids'])).toEqual(['i-1', 'i-2'])
    expect(JSON.parse(out['misconfigured-key-ids'])).toEqual(['arn:aws:kms:us-east-1:111122223333:key/1'])
    const instances = JSON.parse(out.instances)
    expect(instances[0]).toEqual({
      instanceId: 'i-1',
      name: 'web',
      stateBefore: 'stopped',
      state: 'running',
      stateReason: null,
      privateIp: '10.0.0.1',
      publicIp: '203.0.113.1',
      keys: ['k']
    })
    expect(instances[1].stateReason).toBe('Client.InternalError: Client error on launch')
  })
})

describe('job summary', () => {
  it('escapes every cell: tag values and reasons are user data', () => {
    const html = renderSummary(
      report({
        instances: [inst('i-1', { name: '<img src=x onerror=alert(1)>' })],
        keys: [key(1, { alias: 'alias/"quoted"&<b>' })]
      }),
      { shown: [], hidden: { error: 0, warning: 0, notice: 0 } }
    )
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('alias/&quot;quoted&quot;&amp;&lt;b&gt;')
  })

  it('stays under 1 MiB for a huge fleet', () => {
    const instances = Array.from({ length: 1000 }, (_, i) => inst(`i-${i}`, { name: 'x'.repeat(2000) }))
    const html = renderSummary(report({ instances }), {
      shown: [],
      hidden: { error: 0, warning: 0, notice: 0 }
    })
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
  })
})

describe('annotations', () => {
  it('keeps at most 10 per level and counts the rest in the summary', () => {
    const keys = Array.from({ length: 14 }, (_, i) => key(i))
    const r = report({ mode: 'check', keys })
    const plan = buildAnnotations(r)
    expect(plan.shown.filter(a => a.level === 'error')).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(plan.hidden.error).toBe(4)
    expect(renderSummary(r, plan)).toContain('4 more error(s)')
  })

  it('downgrades a key the instance started with anyway to a warning, and does not fail the step', () => {
    const r = report({
      instances: [inst('i-12345678')],
      keys: [key(1, { disagreement: 'Yet i-12345678 started with this key.' })]
    })
    const plan = buildAnnotations(r)
    expect(plan.shown.map(a => a.level)).toEqual(['warning'])
    expect(stepFailed(r)).toBe(false)
    // EC2 used the key, so it is not listed as unusable.
    expect(JSON.parse(buildOutputs(r)['misconfigured-key-ids'])).toEqual([])
  })

  it('turns report warnings into ::warning annotations', () => {
    const plan = buildAnnotations(report({ warnings: ['The IAM side of 1 key(s) could not be checked'] }))
    expect(plan.shown).toEqual([
      { level: 'warning', title: 'ec2-start-guard', message: 'The IAM side of 1 key(s) could not be checked' }
    ])
  })

  it('names the likely key of a silent stop, or says the keys look fine and where to look next', () => {
    const stopped = inst('i-12345678', {
      outcome: 'failed',
      state: 'stopped',
      failure: 'i-12345678 went pending -> stopped',
      keys: [key(1).arn]
    })
    const bad = buildAnnotations(report({ instances: [stopped], keys: [key(1)] }))
    expect(bad.shown[0].message).toContain(`Likely cause: ${key(1).arn} (DENY_IMPLICIT).`)
    const fine = key(1, { status: 'ok', verdict: { verdict: 'ALLOW', usable: true, reason: 'named' } })
    const ok = buildAnnotations(report({ instances: [stopped], keys: [fine] }))
    expect(ok.shown[0].message).toMatch(/look usable to this analysis: check .*SCPs/)
  })

  it('fails check mode on a misconfigured key but not on an unverified one', () => {
    expect(stepFailed(report({ mode: 'check', keys: [key(1)] }))).toBe(true)
    expect(stepFailed(report({ mode: 'check', keys: [key(1, { status: 'unverified' })] }))).toBe(false)
  })
})
