// @ts-check
// The plain SDK script the bench compares the action with: what a user writes instead of the action. StartInstances,
// then the SDK's own waitUntilInstanceRunning with its default delays (15 s minimum, backing off to 120 s). It
// has no acceptor for `stopped`, so a silent stop keeps it polling until maxWaitTime.
// Env: BENCH_INSTANCE_IDS (comma-separated), BENCH_MAX_WAIT_S (default 600), AWS_* pointing at the fake.
import { EC2Client, StartInstancesCommand, waitUntilInstanceRunning } from '@aws-sdk/client-ec2'

const ids = String(process.env.BENCH_INSTANCE_IDS ?? '')
  .split(',')
  .filter(Boolean)
const client = new EC2Client({})
await client.send(new StartInstancesCommand({ InstanceIds: ids }))
try {
  await waitUntilInstanceRunning(
    { client, maxWaitTime: Number(process.env.BENCH_MAX_WAIT_S ?? 600) },
    { InstanceIds: ids }
  )
  console.log('running')
} catch (err) {
  console.log(`not running: ${/** @type {Error} */ (err).message.slice(0, 200)}`)
  process.exitCode = 1
}
