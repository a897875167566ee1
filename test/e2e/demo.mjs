// @ts-check
// npm run demo: the bundled action against the bundled fake AWS endpoint, on a small fleet:
// web-1 whose key lets EC2 in, build-2 whose customer-managed key blocks EC2 (the silent stop), and
// cache-3 already running. Prints the outputs and the job summary, and writes the summary to a file.
import { spawn } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFake } from './fake/server.mjs'
import { prepareStep, readStepFiles, stepNode } from './runner.mjs'
import { htmlToText } from './summary-text.mjs'
import { summaryPage } from './summary-page.mjs'

const ACCOUNT = '111122223333'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`
const repo = fileURLToPath(new URL('../../', import.meta.url))
const keyArn = (/** @type {string} */ id) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`
const GOOD = '1234abcd-12ab-34cd-56ef-1234567890ab'
const BLOCKING = '5678efab-56ef-78ab-90cd-567890abcdef'

const scenario = {
  instances: [
    {
      id: 'i-0a1b2c3d4e5f60001',
      name: 'web-1',
      state: 'stopped',
      tags: { env: 'demo' },
      volumeIds: ['vol-0a1b2c3d4e5f60001'],
      privateIp: '10.0.1.11',
      bootMs: 1500
    },
    {
      id: 'i-0a1b2c3d4e5f60002',
      name: 'build-2',
      state: 'stopped',
      tags: { env: 'demo' },
      volumeIds: ['vol-0a1b2c3d4e5f60002'],
      privateIp: '10.0.1.12',
      bootMs: 1500
    },
    {
      id: 'i-0a1b2c3d4e5f60003',
      name: 'cache-3',
      state: 'running',
      tags: { env: 'demo' },
      volumeIds: ['vol-0a1b2c3d4e5f60003'],
      privateIp: '10.0.1.13'
    }
  ],
  volumes: [
    { id: 'vol-0a1b2c3d4e5f60001', encrypted: true, kmsKeyId: keyArn(GOOD) },
    { id: 'vol-0a1b2c3d4e5f60002', encrypted: true, kmsKeyId: keyArn(BLOCKING) },
    { id: 'vol-0a1b2c3d4e5f60003', encrypted: true, kmsKeyId: keyArn(GOOD) }
  ],
  keys: [
    { keyId: GOOD, aliases: ['alias/web-ebs'] },
    {
      keyId: BLOCKING,
      aliases: ['alias/build-ebs'],
      policy: {
        Version: '2012-10-17',
        Id: 'build-ebs',
        Statement: [
          {
            Sid: 'Allow access for Key Administrators',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KMSAdminRole` },
            Action: [
              'kms:Create*',
              'kms:Describe*',
              'kms:Enable*',
              'kms:List*',
              'kms:Put*',
              'kms:Update*',
              'kms:Revoke*',
              'kms:Disable*',
              'kms:Get*',
              'kms:Delete*',
              'kms:ScheduleKeyDeletion',
              'kms:CancelKeyDeletion'
            ],
            Resource: '*'
          },
          {
            Sid: 'Allow use of the key',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app-role` },
            Action: [
              'kms:Encrypt',
              'kms:Decrypt',
              'kms:ReEncrypt*',
              'kms:GenerateDataKey*',
              'kms:DescribeKey'
            ],
            Resource: '*'
          },
          {
            Sid: 'Let the CI role read the policy',
            Effect: 'Allow',
            Principal: { AWS: ROLE },
            Action: ['kms:DescribeKey', 'kms:GetKeyPolicy'],
            Resource: '*'
          }
        ]
      }
    }
  ]
}

const fake = await startFake(scenario)
const step = prepareStep({
  prefix: 'ec2-start-guard-demo',
  env: fake.env(),
  inputs: {
    filters: 'tag:env=demo',
    mode: 'start',
    fix: 'suggest',
    'wait-for': 'running',
    'timeout-seconds': '60'
  }
})
console.log(
  `Fake AWS on ${fake.url}: 3 instances tagged env=demo (web-1 and build-2 stopped, cache-3 running).`
)
console.log(`Running: node dist/index.js (Node ${stepNode().version}) with filters "tag:env=demo"\n`)
const node = stepNode()
if (node.notice) console.log(node.notice)
const child = spawn(node.path, [join(repo, 'dist', 'index.js')], {
  cwd: step.workspace,
  env: step.env,
  stdio: ['ignore', 'inherit', 'pipe']
})
child.stderr.on('data', d => {
  const text = String(d)
  if (!text.includes('NodeVersionSupportWarning') && !/node >=22|a\.co\/|upgrade to node|^\s*$/m.test(text))
    process.stderr.write(text)
})
const code = await new Promise(resolve => child.on('close', resolve))
await fake.close()

const { outputs, summary: summaryHtml } = readStepFiles(step.files)
step.cleanup()
console.log('\n=== Step outputs ===')
for (const [name, value] of Object.entries(outputs)) console.log(`${name} = ${value}`)
console.log('\n=== Job summary ===')
console.log(htmlToText(summaryHtml))
const outDir = join(repo, 'demo-output')
mkdirSync(outDir, { recursive: true })
// summary.md: what the step appended to GITHUB_STEP_SUMMARY; summary.html: that, rendered as GitHub shows it.
writeFileSync(join(outDir, 'summary.md'), summaryHtml)
writeFileSync(join(outDir, 'summary.html'), summaryPage(summaryHtml))
console.log(
  `\nThe job summary is in demo-output/summary.md, and rendered with GitHub's markdown styles in demo-output/summary.html. The step exited with ${code}:`
)
console.log(
  code === 0 ? 'success.' : 'failure, as it should: build-2 silently stopped because its KMS key blocks EC2.'
)
// The demo shows a failing step on purpose; it succeeds when the action behaved as designed.
process.exit(code === 1 ? 0 : 1)
