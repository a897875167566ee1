// Preloaded into a step (NODE_OPTIONS=--require) by tests that bound memory: prints the process's peak resident set
// size on exit, so the test reads what the bundle used, not what jest did.
process.on('exit', () => {
  process.stderr.write(`esg-test-max-rss-kb=${process.resourceUsage().maxRSS}\n`)
})
