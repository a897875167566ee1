// The command line against the fake, as the action is: the verdict table and exit 1 on a blocking key, --json
// that matches the action's outputs for the same world, --profile, bad usage, and untrusted text on a terminal.
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { policies, startFake, type Fake, type Scenario } from './fake/server.mjs'
import { json, REPO, runAction } from './harness.js'
import { CLI, freshHome, runCli } from './cli-harness.js'
import { startWorlds } from './fake/worlds.mjs'
import { ACCOUNT, CI_ROLE as ROLE, keyArn as arn } from './fake/ids.mjs'

const A = 'i-0aaaaaaaaaaaaaaa1'
const B = 'i-0bbbbbbbbbbbbbbb2'
const GOOD = '1111aaaa-11aa-11aa-11aa-111111111111'
const BAD = '2222bbbb-22bb-22bb-22bb-222222222222'

// Administrators only: nothing lets the CI role create the grant EC2 needs, so a start would stop silently.
const ADMIN_ONLY = policies.adminOnly(ACCOUNT, ROLE)

// The console's default policy with a key user: the CI role may use the key, so EC2 may too.
const USABLE = {
  Version: '2012-10-17',
  Statement: [
    ...(policies.createKeyDefault(ACCOUNT) as { Statement: object[] }).Statement,
    {
      Sid: 'Allow use of the key',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*'
    },
    {
      Sid: 'Allow attachment of persistent resources',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } }
    }
  ]
}

function world(nameOfA = 'app-1'): Scenario {
  return {
    instances: [
      { id: A, name: nameOfA, state: 'stopped', volumeIds: ['vol-01111111111111111'] },
      { id: B, name: 'app-2', state: 'stopped', volumeIds: ['vol-02222222222222222'] }
    ],
    volumes: [
      { id: 'vol-01111111111111111', encrypted: true, kmsKeyId: arn(BAD) },
      { id: 'vol-02222222222222222', encrypted: true, kmsKeyId: arn(GOOD) }
    ],
    keys: [
      { keyId: BAD, policy: ADMIN_ONLY, aliases: ['alias/ci-ebs'] },
      { keyId: GOOD, policy: USABLE, aliases: ['alias/app-ebs'] }
    ]
  }
}

let fake: Fake | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})
const mutating = (f: Fake) => f.log.filter(e => /^(Start|Stop|Put|Create)/.test(e.action))

describe('ec2-start-guard check', () => {
  it('prints the verdict table and the fix, and exits 1 on a blocking key, changing nothing', async () => {
    fake = await startFake(world())
    const run = await runCli(['check', '--instance-ids', `${A},${B}`], fake.env())
    expect(run.code).toBe(1)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^✗ /)
    const header = lines.findIndex(l => /^ {2}ALIAS +VERDICT +KEY +INSTANCES +WHY$/.test(l))
    expect(header).toBeGreaterThan(0)
    const rows = lines.slice(header + 1, header + 3)
    expect(rows.find(r => r.includes('alias/ci-ebs'))).toMatch(
      new RegExp(`alias/ci-ebs +BLOCKS \\S+ +${arn(BAD).replace(/[/.]/g, '\\$&')} +1: ${A}`)
    )
    expect(rows.find(r => r.includes('alias/app-ebs'))).toMatch(/alias\/app-ebs +ok /)
    expect(run.stdout).toContain(`Fix for alias/ci-ebs: add this statement to the key policy of ${arn(BAD)}`)
    expect(run.stdout).toMatch(/^ {4}"Action": "kms:CreateGrant",$/m)
    // Not a terminal: no colour, no cursor movement; progress on stderr, never on stdout.
    expect(run.stdout + run.stderr).not.toContain('\u001b')
    expect(run.stderr).toMatch(/✗ alias\/ci-ebs: /)
    expect(run.stdout).not.toMatch(/^::/m)
    expect(mutating(fake)).toEqual([])
  })

  it("--json parses and its outputs equal the action's outputs for the same world", async () => {
    fake = await startFake(world())
    const cli = await runCli(['check', '--instance-ids', `${A} ${B}`, '--json'], fake.env())
    await fake.close()
    fake = await startFake(world())
    const action = await runAction({
      inputs: { mode: 'check', 'instance-ids': `${A} ${B}` },
      env: fake.env()
    })
    expect(cli.code).toBe(1)
    expect(action.code).toBe(1)
    const doc = JSON.parse(cli.stdout) as {
      exitCode: number
      failed: boolean
      outputs: Record<string, unknown>
      findings: { misconfiguredKeyArns: string[]; findings: Array<{ keyArn?: string; level: string }> }
    }
    expect(doc).toMatchObject({ exitCode: 1, failed: true })
    const actionOutputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, json(v)]))
    expect(doc.outputs).toEqual(actionOutputs)
    expect(doc.outputs['misconfigured-key-ids']).toEqual([arn(BAD)])
    expect((doc.outputs.instances as Array<{ instanceId: string }>).map(i => i.instanceId)).toEqual([A, B])
    expect(doc.findings.misconfiguredKeyArns).toEqual([arn(BAD)])
    expect(doc.findings.findings.find(f => f.keyArn === arn(BAD))?.level).toBe('error')
  })

  it("diagnose prints each instance's trace to its key and verdict", async () => {
    fake = await startFake(world())
    const run = await runCli(['diagnose', '--instance-ids', A], fake.env())
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      new RegExp(
        `Trace\\n  ${A} \\(app-1\\): stopped\\n    ✗ volumes vol-01111111111111111 → key alias/ci-ebs \\(Enabled, CUSTOMER managed\\) → \\S+ for ${ROLE}`
      )
    )
  })
})

describe('ec2-start-guard start', () => {
  it('starts the instances of usable keys and exits 0, with --profile read from the shared files', async () => {
    fake = await startFake({
      ...world(),
      instances: world().instances?.slice(1),
      volumes: world().volumes?.slice(1)
    })
    const env = fake.env()
    const caller = fake.state.callers[fake.state.defaultCaller]
    // The environment's keys are wrong on purpose: --profile must win over them.
    const home = freshHome({
      credentials: `[ops]\naws_access_key_id = ${caller.accessKeyId}\naws_secret_access_key = ${caller.secretAccessKey}\n`
    })
    const run = await runCli(
      ['start', '--instance-ids', B, '--profile', 'ops'],
      {
        ...env,
        AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0',
        AWS_SECRET_ACCESS_KEY: 'wrong',
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_CONFIG_FILE: join(home, 'config-missing')
      },
      home
    )
    expect(run.stderr).toContain(`✓ ${B} running`)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`${B} +app-2 +stopped → running \\(started\\)`))
    expect(fake.log.filter(e => e.action === 'StartInstances').map(e => e.accessKeyId)).toEqual([
      caller.accessKeyId
    ])
  })
})

describe('ec2-start-guard --regions', () => {
  it("runs every region with the operator's credentials and lists each instance with its region", async () => {
    const worlds = await startWorlds(
      (['us-east-1', 'eu-west-1'] as const).map((region, n) => ({
        accountId: ACCOUNT,
        region,
        scenario: {
          instances: [{ id: n === 0 ? A : B, name: region, state: 'stopped', tags: { env: 'ci' } }]
        }
      }))
    )
    try {
      const first = worlds.world(ACCOUNT, 'us-east-1').state
      const caller = first.callers[first.defaultCaller]
      const run = await runCli(
        ['start', '--filters', 'tag:env=ci', '--regions', 'us-east-1,eu-west-1', '--json'],
        {
          ...worlds.env(),
          AWS_ACCESS_KEY_ID: caller.accessKeyId,
          AWS_SECRET_ACCESS_KEY: caller.secretAccessKey
        }
      )
      expect(run.code).toBe(0)
      const doc = JSON.parse(run.stdout) as {
        outputs: { instances: Array<{ instanceId: string; region: string; state: string }> }
        report: { pairs: Array<{ region: string }> }
      }
      expect(doc.outputs.instances.map(i => [i.instanceId, i.region, i.state])).toEqual([
        [A, 'us-east-1', 'running'],
        [B, 'eu-west-1', 'running']
      ])
      expect(doc.report.pairs.map(p => p.region)).toEqual(['us-east-1', 'eu-west-1'])
      expect(run.stderr).toContain(`[eu-west-1] ✓ ${B} running`)
    } finally {
      await worlds.close()
    }
  })
})

describe('ec2-start-guard usage', () => {
  it('exits 2 naming every bad flag and value, with no AWS call', async () => {
    fake = await startFake(world())
    const flags = await runCli(
      ['check', '--instance-ids', A, '--bogus', '--mode', 'start', '--json=yes'],
      fake.env()
    )
    expect(flags.code).toBe(2)
    expect(flags.stderr).toContain('unknown flag --bogus')
    expect(flags.stderr).toContain('--mode is the subcommand')
    expect(flags.stderr).toContain('--json takes no value')
    const value = await runCli(['start', '--instance-ids', A, '--wait-for', 'ready'], fake.env())
    expect(value.code).toBe(2)
    expect(value.stderr).toMatch(/--wait-for has "ready"; expected one of: running, status-ok, none/)
    const none = await runCli(['frobnicate'], fake.env())
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('unknown command "frobnicate"')
    expect(fake.log).toEqual([])
  })

  it("--help names every flag the parser accepts; --version is the action's version", async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    const args = readFileSync(join(REPO, 'src', 'cli', 'args.ts'), 'utf8')
    const flags = [...args.matchAll(/^ {2}'([a-z-]+)',?$/gm)].map(m => m[1])
    expect(flags.length).toBeGreaterThan(5)
    for (const flag of [...flags, 'profile', 'json', 'no-color', 'help', 'version', 'or'])
      expect(help.stdout).toContain(`--${flag}`)
    for (const command of ['check', 'start', 'diagnose'])
      expect(help.stdout).toContain(`ec2-start-guard ${command}`)
    const version = await runCli(['--version'])
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      version: string
      bin: Record<string, string>
    }
    expect(version.stdout.trim()).toBe(pkg.version)
    expect(join(REPO, pkg.bin['ec2-start-guard'])).toBe(CLI)
  })

  it("the bundle carries none of the action's runner I/O", () => {
    const bundle = readFileSync(CLI, 'utf8')
    for (const marker of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'getIDToken', 'GITHUB_OUTPUT', "'add-mask'"])
      expect(bundle).not.toContain(marker)
    // --help, --version and bad usage answer without loading the AWS SDK: it is in the live run's chunks.
    expect(bundle).not.toContain('EC2Client')
    expect(bundle.length).toBeLessThan(300_000)
  })
})

// Every control character but tab and LF: what a terminal could act on (ESC, BEL, CSI U+009B, ...).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

describe('untrusted text on a terminal', () => {
  it('a Name tag with terminal escapes and workflow commands is printed inert, in text and in JSON', async () => {
    const hostile = 'evil\u001b[2J\u001b]0;owned\u0007\u009b31m\n::error::forged'
    fake = await startFake(world(hostile))
    const text = await runCli(['check', '--instance-ids', A], fake.env())
    expect(text.code).toBe(1)
    for (const out of [text.stdout, text.stderr]) {
      expect(out).not.toMatch(CONTROL)
      expect(out).not.toMatch(/^::error/m)
    }
    expect(text.stdout).toContain('evil�[2J�]0;owned��31m⏎::error::forged')
    const doc = await runCli(['check', '--instance-ids', A, '--json'], fake.env())
    expect(doc.stdout).not.toMatch(CONTROL)
    const parsed = JSON.parse(doc.stdout) as { outputs: { instances: Array<{ name: string }> } }
    expect(parsed.outputs.instances[0].name).toBe(hostile)
  })
})
