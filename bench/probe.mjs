// @ts-check
// Loaded into the action's process with NODE_OPTIONS=--import=<this file> so that the product code stays
// untouched: at exit it writes the process's peak RSS and CPU time to the file named by BENCH_PROBE_FILE.
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const out = process.env.BENCH_PROBE_FILE
// Epoch milliseconds when this module ran, i.e. when Node finished booting and before the bundle loads.
const loadedAtEpochMs = performance.timeOrigin + performance.now()

if (out) {
  process.on('exit', code => {
    const usage = process.resourceUsage()
    const probe = {
      code,
      loadedAtEpochMs,
      exitAtEpochMs: performance.timeOrigin + performance.now(),
      maxRssKb: usage.maxRSS,
      userCpuMs: usage.userCPUTime / 1000,
      systemCpuMs: usage.systemCPUTime / 1000
    }
    writeFileSync(out, JSON.stringify(probe))
  })
}
