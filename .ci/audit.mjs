// npm audit --omit=dev, failing on high or critical findings. This workplace's registry refuses the
// advisory endpoint (HTTP 405); then the audit cannot run, and we say so instead of passing silently.
import { spawnSync } from 'node:child_process'

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' })
let report
try {
  report = JSON.parse(run.stdout)
} catch {
  console.error(`npm audit printed no JSON (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}
const counts = report?.metadata?.vulnerabilities
if (counts) {
  const bad = (counts.high ?? 0) + (counts.critical ?? 0)
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`)
  if (bad > 0) {
    console.error(`npm audit found ${bad} high or critical vulnerabilities in runtime dependencies.`)
    process.exit(1)
  }
  process.exit(0)
}
if (report?.statusCode || report?.message || report?.error) {
  console.log(
    `WARNING: npm audit could not run here: ${report.message ?? report.error?.summary ?? report.statusCode}`
  )
  process.exit(0)
}
console.error(`npm audit answered something unexpected: ${run.stdout.slice(0, 500)}`)
process.exit(1)
