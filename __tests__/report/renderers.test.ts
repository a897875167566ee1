import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { renderText } from '../../src/cli/render.js'
import { NO_COLOURS } from '../../src/cli/style.js'
import { ANNOTATIONS_PER_LEVEL } from '../../src/report/annotations.js'
import { SUMMARY_LIMIT_BYTES } from '../../src/report/summary.js'
import { inst, key, render, report, stopped } from './builders.js'

describe('outputs', () => {
  it('are JSON strings with the IPs users feed to the next step', () => {
    const { outputs: out } = render(
      report({
        instances: [
          inst('i-1', { name: 'web', privateIp: '10.0.0.1', publicIp: '203.0.113.1', keys: ['k'] }),
          stopped('i-2', key(1).arn),
          inst('i-3', { startedByThisStep: false, stateBefore: 'running' })
        ],
        keys: [key(1, { instances: ['i-2'] })]
      })
    )
    expect(JSON.parse(out['running-instance-ids'])).toEqual(['i-1', 'i-3'])
    expect(JSON.parse(out['failed-instance-ids'])).toEqual(['i-2'])
    expect(JSON.parse(out['started-instance-ids'])).toEqual(['i-1', 'i-2'])
    expect(JSON.parse(out['misconfigured-key-ids'])).toEqual(['arn:aws:kms:us-east-1:111122223333:key/1'])
    const instances = JSON.parse(out.instances)
    expect(instances[0]).toEqual({
      instanceId: 'i-1',
      // The report's region when the run had one pair; the account once a role or the caller names it.
      region: 'us-east-1',
      account: null,
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
    const { html } = render(
      report({
        instances: [inst('i-1', { name: '<img src=x onerror=alert(1)>' })],
        keys: [key(1, { alias: 'alias/"quoted"&<b>', instances: ['i-1'] })]
      })
    )
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('alias/&quot;quoted&quot;&amp;&lt;b&gt;')
  })

  it('stays under 1 MiB for a huge fleet', () => {
    const instances = Array.from({ length: 1000 }, (_, i) => inst(`i-${i}`, { name: 'x'.repeat(2000) }))
    const { html } = render(report({ instances }))
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
  })

  it('leads the key table with alias and verdict, shows the key ID and keeps the ARN in the link title', () => {
    const k = key(1, { arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })
    const { html } = render(
      report({
        mode: 'check',
        instances: [inst('i-12345678', { outcome: 'checked' })],
        keys: [{ ...k, alias: 'alias/ci-ebs' }]
      })
    )
    expect(html).toContain('<tr><th>Key</th><th>Verdict</th><th>Instances</th></tr>')
    // The alias over the key ID (on a line of its own, so it never has to break), the ARN in the link's title.
    expect(html).toContain(
      '<tr><td>alias/ci-ebs<br><a href="https://console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab" title="arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"><code>1234abcd-12ab-34cd-56ef-1234567890ab</code></a></td><td>❌ <a href='
    )
    // The reason is the answer: a row of its own across the table, not a squeezed fifth column.
    expect(html).toContain(
      '<td><span title="i-12345678">1</span></td></tr>\n<tr><td colspan="3">Why: nothing allows it.<br>Instances: i-12345678.</td></tr>'
    )
  })

  it('keeps the instance table to three columns: Name over ID, seconds in the state, IPs in one cell, a failure reason below', () => {
    const k = key(1, { instances: ['i-1', 'i-2', 'i-3', 'i-4'] })
    const { html } = render(
      report({
        instances: [
          inst('i-1', { name: 'web', privateIp: '10.0.0.1', publicIp: '203.0.113.1', secondsToState: 2.04 }),
          stopped('i-2', k.arn, { name: 'build' }),
          inst('i-3', { startedByThisStep: false, stateBefore: 'running' }),
          inst('i-4', { outcome: 'start-requested', state: 'pending' })
        ],
        keys: [k]
      })
    )
    const console = (id: string) =>
      `<a href="https://console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=${id}"><code>${id}</code></a>`
    expect(html).toContain('<tr><th>Instance</th><th>State</th><th>IP (private, public)</th></tr>')
    expect(html).toContain(
      `<tr><td>web<br>${console('i-1')}</td><td>stopped → running (started, 2.0 s)</td><td>10.0.0.1<br>203.0.113.1</td></tr>`
    )
    expect(html).toContain(
      `<tr><td>build<br>${console('i-2')}</td><td>stopped → ❌ stopped (started)</td><td></td></tr>\n<tr><td colspan="3">Why: Client.InternalError: Client error on launch.</td></tr>`
    )
    expect(html).toContain(`<tr><td>${console('i-3')}</td><td>running → running</td>`)
    expect(html).toContain('<td>stopped → pending (start requested, not verified)</td>')
    // Only the failure has a reason row; in the key table, instances go by Name (every ID in the hover title).
    expect(html.match(/colspan="3">Why: Client/g)).toHaveLength(1)
    expect(html).toContain(
      '<td><span title="i-1, i-2, i-3, i-4">4</span></td></tr>\n<tr><td colspan="3">Why: nothing allows it.<br>Instances: web, build, i-3, i-4.</td></tr>'
    )
  })

  it('links each instance and key to the console of its own partition and region', () => {
    const cases = [
      ['us-east-1', 'aws', 'https://console.aws.amazon.com'],
      ['cn-north-1', 'aws-cn', 'https://console.amazonaws.cn'],
      ['us-gov-west-1', 'aws-us-gov', 'https://console.amazonaws-us-gov.com']
    ]
    for (const [region, partition, host] of cases) {
      const k = key(1, { arn: `arn:${partition}:kms:${region}:111122223333:key/abcd` })
      const { html } = render(report({ region, instances: [stopped('i-12345678', k.arn)], keys: [k] }))
      expect(html).toContain(`${host}/ec2/home?region=${region}#InstanceDetails:instanceId=i-12345678`)
      expect(html).toContain(`${host}/kms/home?region=${region}#/kms/keys/abcd`)
    }
  })

  it('counts running, failed, misconfigured and unverified in the verdict line', () => {
    const bad = key(1, { instances: ['i-2'] })
    const unknown = key(2, {
      instances: ['i-1'],
      status: 'unverified',
      verdict: { verdict: 'CANNOT_EVALUATE', usable: false, reason: 'an operator it does not model decides' }
    })
    const { html, run } = render(
      report({
        instances: [inst('i-1', { keys: [unknown.arn] }), stopped('i-2', bad.arn)],
        keys: [bad, unknown]
      })
    )
    expect(run.headline).toBe('2 instances: 1 running, 1 failed · 2 KMS keys: 1 misconfigured, 1 unverified.')
    expect(html).toContain(`<p><strong>❌ ${run.headline}</strong></p>`)
  })

  it('shows the fix: apply refusal of a key in the summary and in its annotation', () => {
    const deny = key(1, {
      instances: ['i-2'],
      verdict: {
        verdict: 'DENY_EXPLICIT',
        usable: false,
        reason: 'statement DenyAll denies kms:CreateGrant'
      },
      applyRefusal: 'an explicit Deny blocks EC2; Deny statements are reported, never edited'
    })
    const { html, plan } = render(
      report({ fix: 'apply', instances: [stopped('i-2', deny.arn)], keys: [deny] })
    )
    expect(html).toContain('<h3>Fixes</h3>')
    expect(html).toContain(
      '<strong>fix: apply</strong> did not edit arn:aws:kms:us-east-1:111122223333:key/1: an explicit Deny blocks EC2; Deny statements are reported, never edited.'
    )
    expect(plan.shown[0].message).toContain('fix: apply did not edit this key: an explicit Deny blocks EC2')
  })
})

describe('fix advice follows the verdict', () => {
  it('offers no statement to add when a Deny decides (e.g. one found on the fresh read, before the write)', () => {
    const fix = {
      target: 'key-policy' as const,
      sid: 'Ec2StartGuardCreateGrantCiStartRole52345bdd',
      statement: { Sid: 'Ec2StartGuardCreateGrantCiStartRole52345bdd' }
    }
    const denied = key(1, {
      instances: ['i-2'],
      verdict: {
        verdict: 'DENY_EXPLICIT',
        usable: false,
        reason: 'statement LateDeny denies kms:CreateGrant'
      },
      fix,
      applyRefusal: 'the key policy changed since it was read: statement LateDeny now denies EC2'
    })
    const missing = key(2, { instances: ['i-3'], fix })
    const { run } = render(
      report({
        fix: 'apply',
        instances: [stopped('i-2', denied.arn), stopped('i-3', missing.arn)],
        keys: [denied, missing]
      })
    )
    const adviceOf = (arn: string) => run.findings.find(f => f.keyArn === arn)?.advice.join(' ') ?? ''
    expect(adviceOf(denied.arn)).not.toContain('Fix: add statement')
    expect(adviceOf(denied.arn)).toContain('fix: apply did not edit this key: the key policy changed')
    expect(adviceOf(missing.arn)).toContain('Fix: add statement Ec2StartGuardCreateGrantCiStartRole52345bdd')
  })
})

describe('where the advice points: each renderer to where it shows the statement', () => {
  const deny = { Sid: 'DenyOutsideVpce', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }
  const exempt = {
    ...deny,
    Condition: { ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/aws:ec2-infrastructure' } }
  }
  const missing = key(1, {
    instances: ['i-1'],
    fix: {
      target: 'key-policy',
      sid: 'Ec2StartGuardCreateGrantCiStartRole',
      statement: { Sid: 'Ec2StartGuardCreateGrantCiStartRole' }
    }
  })
  const denied = key(2, {
    instances: ['i-2'],
    verdict: {
      verdict: 'DENY_EXPLICIT',
      usable: false,
      reason: 'statement DenyOutsideVpce denies EC2s kms:Decrypt',
      amendedDeny: {
        deciding: { index: 0, sid: 'DenyOutsideVpce', effect: 'Deny' },
        before: deny,
        after: exempt
      }
    }
  })
  const r = report({
    instances: [stopped('i-1', missing.arn), stopped('i-2', denied.arn)],
    keys: [missing, denied]
  })
  const { run, plan, html } = render(r)

  it('annotations send the reader to the job summary', () => {
    const text = plan.shown.map(a => a.message).join('\n')
    expect(text).toContain('Ec2StartGuardCreateGrantCiStartRole to the key policy (see the job summary).')
    expect(text).toContain('exempt aws:ec2-infrastructure (before and after in the job summary).')
  })

  it('the job summary points below, where the statement and the amended Deny are', () => {
    expect(html).not.toContain('job summary')
    expect(html).toContain('Ec2StartGuardCreateGrantCiStartRole to the key policy (below).')
    expect(html).toContain('(before and after below).')
    expect(html).toContain('Amend the Deny in')
  })

  it('the CLI prints the statement and the Deny before and after under Fixes, and points there', () => {
    const text = renderText(r, run, NO_COLOURS, false)
    expect(text).not.toContain('job summary')
    expect(text).toContain('to the key policy (below).')
    const fixes = text.slice(text.indexOf('\nFixes\n'))
    expect(fixes).toContain('"Sid": "Ec2StartGuardCreateGrantCiStartRole"')
    expect(fixes).toMatch(/Amend the Deny in .*key\/2 to exempt EC2's identity-only role .*Before:/)
    expect(fixes.indexOf('"ArnNotLikeIfExists"')).toBeGreaterThan(fixes.indexOf('After:'))
  })
})

describe('fix: apply outcomes in the summary', () => {
  it('heads a refused or failed write as not applied, and an added statement as applied', () => {
    const fix = (outcome: 'added' | 'refused' | 'failed', detail: string) => ({
      target: 'key-policy' as const,
      sid: 'Ec2StartGuardCreateGrantCiStartRole52345bdd',
      statement: { Sid: 'Ec2StartGuardCreateGrantCiStartRole52345bdd' },
      applied: { outcome, detail }
    })
    const refused = key(1, {
      alias: 'alias/big',
      instances: ['i-2'],
      fix: fix(
        'refused',
        'Not applied to arn:aws:kms:us-east-1:111122223333:key/1: the merged key policy would be 40000 bytes.'
      )
    })
    const added = key(2, {
      alias: 'alias/fixed',
      instances: ['i-1'],
      status: 'ok',
      fix: fix('added', 'added and verified')
    })
    const { html, plan } = render(
      report({ fix: 'apply', instances: [inst('i-1'), stopped('i-2', refused.arn)], keys: [refused, added] })
    )
    expect(html).toContain('<summary>Not applied (refused), fix for alias/big</summary>')
    expect(html).toContain(
      '<p><strong>fix: apply</strong> — refused: Not applied to arn:aws:kms:us-east-1:111122223333:key/1: the merged key policy would be 40000 bytes.</p>'
    )
    expect(html).toContain('<summary>Applied to alias/fixed</summary>')
    expect(html).not.toContain('Applied to alias/big')
    expect(plan.shown[0].message).toContain('fix: apply refused: Not applied to')
  })
})

describe('summary break-out (a blank line ends GitHub’s HTML block)', () => {
  it('keeps a Name tag or file name with a blank line inside its cell', () => {
    const evil = 'web\n\n# Pwned\n\n[click](https://evil.example)\r\n\r\n<script>x</script>'
    const { html } = render(
      report({
        instances: [inst('i-1', { name: evil })],
        files: [{ file: `policies/${evil}.json`, error: `bad JSON at 1:1\n\nmore`, policies: [] }]
      })
    )
    // No blank line anywhere outside <pre>: every HTML block stays one block.
    const outsidePre = html.replace(/<pre[\s\S]*?<\/pre>/g, '')
    expect(outsidePre).not.toMatch(/\n[ \t]*\n(?![<])/)
    for (const row of html.split('\n').filter(l => l.includes('i-1'))) expect(row).toMatch(/^<tr>.*<\/tr>$/)
    expect(html).toContain('web # Pwned [click](https://evil.example) &lt;script&gt;x&lt;/script&gt;')
    // Rendered as GitHub does (CommonMark with raw HTML): no heading or link escapes from the cell.
    const rendered = new MarkdownIt({ html: true }).render(html)
    expect(rendered).not.toMatch(/<h1|<a href="https:\/\/evil|<script/)
    expect(rendered).toContain(
      '<td>web # Pwned [click](https://evil.example) &lt;script&gt;x&lt;/script&gt;<br>'
    )
  })
})

describe('annotations', () => {
  it('keeps at most 10 per level and counts the rest in the summary', () => {
    const keys = Array.from({ length: 14 }, (_, i) => key(i))
    const { plan, html } = render(report({ mode: 'check', keys }))
    expect(plan.shown.filter(a => a.level === 'error')).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(plan.hidden.error).toBe(4)
    expect(html).toContain('4 error(s), 0 warning(s) and 0 notice(s) were left out')
  })

  it('downgrades a key an instance ran with after this step started it to a warning; the step passes', () => {
    const r = report({
      instances: [inst('i-12345678')],
      keys: [key(1, { disagreement: 'Yet i-12345678 started with this key.' })]
    })
    const { plan, run, outputs } = render(r)
    expect(plan.shown.map(a => a.level)).toEqual(['warning'])
    expect(run.failed).toBe(false)
    // EC2 used the key, so it is not listed as unusable.
    expect(JSON.parse(outputs['misconfigured-key-ids'])).toEqual([])
  })

  it('turns report warnings into ::warning annotations', () => {
    const { plan } = render(report({ warnings: ['The IAM side of 1 key(s) could not be checked'] }))
    expect(plan.shown).toEqual([
      {
        level: 'warning',
        title: 'ec2-start-guard',
        message: 'The IAM side of 1 key(s) could not be checked.'
      }
    ])
  })

  it('one instance on one bad key: one titled error, for the key, naming the instance', () => {
    const k = key(1, { alias: 'alias/ci-ebs' })
    const { plan } = render(
      report({ instances: [stopped('i-12345678', k.arn, { name: 'build-2' })], keys: [k] })
    )
    const errors = plan.shown.filter(a => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].title).toBe('KMS key policy does not let EC2 create a grant: alias/ci-ebs')
    expect(errors[0].message).toContain('It stopped 1 instance right after the start: i-12345678 (build-2).')
    expect(errors[0].message).toContain('Missing permission: kms:CreateGrant.')
  })

  it('writes the cause before its symptoms: 30 stopped instances on one key give one error that lists them', () => {
    const k = key(1)
    const ids = Array.from({ length: 30 }, (_, n) => `i-${String(n).padStart(8, '0')}`)
    const others = Array.from({ length: 12 }, (_, n) =>
      inst(`i-9${String(n).padStart(7, '0')}`, {
        outcome: 'failed',
        state: 'pending',
        failure: 'still pending after 300 s',
        failureKind: 'timeout'
      })
    )
    const { plan, html } = render(
      report({
        instances: [...ids.map((id, n) => stopped(id, k.arn, { name: `runner-${n}` })), ...others],
        keys: [{ ...k, instances: ids }]
      })
    )
    const errors = plan.shown.filter(a => a.level === 'error')
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(errors[0].title).toMatch(/^KMS key policy does not let EC2 create a grant/)
    expect(errors[0].message).toContain(
      'It stopped 30 instances right after the start: i-00000000 (runner-0), i-00000001 (runner-1), i-00000002 (runner-2), i-00000003 (runner-3), i-00000004 (runner-4) and 25 more.'
    )
    // The 30 instances the key explains have no annotation of their own; 12 unexplained timeouts do, 9 shown.
    expect(errors.filter(a => a.message.includes('i-00000007'))).toHaveLength(0)
    expect(plan.hidden.error).toBe(3)
    expect(html).toContain('3 error(s), 0 warning(s) and 0 notice(s) were left out')
  })

  it('groups silent stops on the same unverified key into one error titled with the key', () => {
    const unknown = key(1, {
      alias: 'alias/build-cache',
      status: 'unverified',
      verdict: { verdict: 'ALLOW_IF_IAM', usable: false, reason: 'the IAM side could not be simulated' }
    })
    const other = key(2, { alias: 'alias/other', status: 'unverified', verdict: unknown.verdict })
    const ids = Array.from({ length: 30 }, (_, n) => `i-${String(n).padStart(8, '0')}`)
    const { plan, run } = render(
      report({
        instances: [...ids.map(id => stopped(id, unknown.arn)), stopped('i-99999999', other.arn)],
        keys: [
          { ...unknown, instances: ids },
          { ...other, instances: ['i-99999999'] }
        ]
      })
    )
    expect(run.failed).toBe(true)
    const errors = plan.shown.filter(a => a.level === 'error')
    expect(errors.map(a => a.title)).toEqual([
      'Instances stopped right after start: alias/build-cache',
      'Instance stopped right after start'
    ])
    expect(errors[1].message).toContain('i-99999999')
    expect(errors[0].message).toBe(
      'i-00000000, i-00000001, i-00000002, i-00000003, i-00000004 and 25 more: 30 instances went pending -> stopped' +
        ' (Client.InternalError: Client error on launch). Their KMS keys could not be fully verified: alias/build-cache' +
        ' (arn:aws:kms:us-east-1:111122223333:key/1) (ALLOW_IF_IAM).' +
        ' See https://github.com/ec2-start-guard/ec2-start-guard/blob/v1/docs/TROUBLESHOOTING.md#stopped-after-start'
    )
    // The keys themselves stay warnings: unverified is not proven.
    expect(plan.shown.filter(a => a.level === 'warning').map(a => a.title)).toHaveLength(2)
    expect(plan.hidden.error).toBe(0)
  })

  it('names the unverified key of a silent stop, or says the keys look fine and where to look next', () => {
    const unknown = key(1, {
      status: 'unverified',
      verdict: { verdict: 'CANNOT_EVALUATE', usable: false, reason: 'unknown operator' }
    })
    const bad = render(report({ instances: [stopped('i-12345678', unknown.arn)], keys: [unknown] }))
    const instanceError = bad.plan.shown.find(a => a.title === 'Instance stopped right after start')
    expect(instanceError?.message).toContain(`could not be fully verified: ${unknown.arn} (CANNOT_EVALUATE).`)
    const fine = key(1, { status: 'ok', verdict: { verdict: 'ALLOW', usable: true, reason: 'named' } })
    const ok = render(report({ instances: [stopped('i-12345678', fine.arn)], keys: [fine] }))
    expect(ok.plan.shown[0].message).toMatch(/look usable to this analysis: check .*SCPs/)
  })

  it('fails check mode on a misconfigured key but not on an unverified one', () => {
    expect(render(report({ mode: 'check', keys: [key(1)] })).run.failed).toBe(true)
    expect(render(report({ mode: 'check', keys: [key(1, { status: 'unverified' })] })).run.failed).toBe(false)
  })
})

describe('evidence: only what AWS showed', () => {
  it('wait-for none: a blocking key stays a failure and is listed as misconfigured', () => {
    const k = key(1)
    const r = report({
      waitFor: 'none',
      instances: [inst('i-12345678', { outcome: 'start-requested', state: 'pending', keys: [k.arn] })],
      keys: [k]
    })
    const { run, plan, outputs, html } = render(r)
    expect(run.failed).toBe(true)
    expect(JSON.parse(outputs['misconfigured-key-ids'])).toEqual([k.arn])
    expect(plan.shown[0].message).toContain('only asked to start (wait-for: none)')
    expect(html).toContain('start requested, not verified')
    expect(run.headline).toContain('1 start requested (not verified)')
  })
})

describe('headline (issue 9): never ✅ on an unknown', () => {
  const unknown = key(1, {
    status: 'unverified',
    verdict: { verdict: 'CANNOT_EVALUATE', usable: false, reason: 'an operator it does not model decides' }
  })
  it('check mode whose only key is CANNOT_EVALUATE', () => {
    const { run, html } = render(
      report({ mode: 'check', instances: [inst('i-1', { outcome: 'checked' })], keys: [unknown] })
    )
    expect(run.icon).toBe('⚠️')
    expect(run.headline).toBe('1 instance checked · 1 KMS key: 0 misconfigured, 1 unverified.')
    expect(html).not.toContain('✅')
  })
  it('offline: counts pass, fail and unverified', () => {
    const policy = (name: string, status: 'ok' | 'misconfigured' | 'unverified', verdict: string) => ({
      name,
      line: 1,
      status,
      unresolved: [],
      verdict: { verdict: verdict as 'ALLOW', usable: status === 'ok', reason: 'why' }
    })
    const { run } = render(
      report({
        offline: true,
        mode: 'check',
        files: [
          {
            file: 'k.json',
            policies: [policy('a', 'ok', 'ALLOW'), policy('b', 'unverified', 'CANNOT_EVALUATE')]
          }
        ]
      })
    )
    expect(run.icon).toBe('⚠️')
    expect(run.headline).toBe('2 key policies: 1 pass, 0 would stop EC2, 1 unverified.')
    const nothing = render(report({ offline: true, mode: 'check' })).run
    expect(nothing.icon).toBe('⚠️')
    expect(nothing.headline).toContain('Nothing was decided.')
  })
  it('✅ when every key was decided and passes', () => {
    const ok = key(1, { status: 'ok', verdict: { verdict: 'ALLOW', usable: true, reason: 'named' } })
    expect(render(report({ instances: [inst('i-12345678', { keys: [ok.arn] })], keys: [ok] })).run.icon).toBe(
      '✅'
    )
  })
})
