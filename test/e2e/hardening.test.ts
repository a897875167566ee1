// Small supply-chain and interface checks on the repository's files (no process spawned).
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO } from './harness.js'

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

const read = (path: string) => readFileSync(join(REPO, path), 'utf8')

interface ActionYml {
  runs: Record<string, unknown>
  inputs: Record<string, { description?: string; default?: unknown; required?: boolean }>
  outputs: Record<string, { description?: string }>
}
const action = parse(read('action.yml')) as ActionYml

// The public interface (v1), as the README and action.yml state it: every input with its default.
// region's default is the environment (AWS_REGION, then AWS_DEFAULT_REGION), so its action.yml default is "".
const INTERFACE_INPUTS: Record<string, string> = {
  'instance-ids': '',
  filters: '',
  region: '',
  regions: '',
  mode: 'start',
  fix: 'suggest',
  'wait-for': 'running',
  'timeout-seconds': '300',
  'diagnosis-timeout-seconds': '60',
  'unreadable-policy': 'fail',
  'role-to-assume': '',
  'role-session-name': 'GitHubActions',
  audience: 'sts.amazonaws.com',
  'stop-on-post': 'false',
  'key-policy-files': '',
  'terraform-var-files': '',
  'principal-arn': '',
  'sarif-file': '',
  'comment-on-pr': 'false',
  'github-token': '${{ github.token }}'
}
const INTERFACE_OUTPUTS = [
  'running-instance-ids',
  'failed-instance-ids',
  'started-instance-ids',
  'misconfigured-key-ids',
  'instances',
  // Added beyond the interface: one verdict per key or key policy.
  'key-verdicts'
]

describe('the action never spawns a process', () => {
  it('no file under src/ mentions child_process', () => {
    const files = walk(join(REPO, 'src')).filter(f => /\.(ts|mts|cts|js|mjs|cjs)$/.test(f))
    expect(files.length).toBeGreaterThan(10)
    const offenders = files.filter(f => /child_process/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
  // dist/index.js does contain child_process: @actions/core ships @actions/exec (for its platform details)
  // and the AWS SDK's credential chain has a process provider. Neither is reachable from the action's code,
  // which the check above and the eslint no-restricted-imports rule on src/ guard.
})

describe('action.yml', () => {
  it('runs on node24 with dist/index.js, and a post step that always runs', () => {
    expect(action.runs.using).toBe('node24')
    expect(action.runs.main).toBe('dist/index.js')
    expect(['dist/index.js', 'dist/post.js']).toContain(action.runs.post)
    expect(action.runs['post-if']).toBe('always()')
  })

  it('declares exactly the inputs of the interface, each with its default, stated in its description', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INTERFACE_INPUTS).sort())
    for (const [name, expected] of Object.entries(INTERFACE_INPUTS)) {
      const input = action.inputs[name]
      expect([name, String(input.default ?? '')]).toEqual([name, expected])
      expect(input.required ?? false).toBe(false)
      const stated = /Default: (.*)$/.exec(input.description ?? '')?.[1]
      expect([name, stated]).toEqual([name, expect.any(String)])
      if (name === 'region') expect(stated).toContain('AWS_REGION')
      else if (expected === '') expect(stated).toContain('""')
      else expect(stated).toContain(expected)
    }
  })

  it('declares exactly the outputs of the interface, each described', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...INTERFACE_OUTPUTS].sort())
    for (const name of INTERFACE_OUTPUTS) expect(action.outputs[name].description).toMatch(/\w{3,}/)
  })

  it("README.md's Inputs table lists exactly the inputs of action.yml", () => {
    const readme = read('README.md')
    const section = /^## Inputs\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? ''
    const names = [...section.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|/gm)].map(m => m[1])
    expect(names.length).toBeGreaterThan(0)
    expect(new Set(names).size).toBe(names.length)
    expect([...names].sort()).toEqual(Object.keys(action.inputs).sort())
  })
})

describe('workflows', () => {
  const dir = join(REPO, '.github', 'workflows')
  const workflows = readdirSync(dir).filter(f => /\.ya?ml$/.test(f))

  /** Every `uses:` of a workflow: steps' actions and jobs' reusable workflows. */
  function usesOf(file: string): string[] {
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as {
      jobs?: Record<string, { uses?: string; steps?: Array<{ uses?: string }> }>
    }
    return Object.values(doc.jobs ?? {}).flatMap(job => [
      ...(job.uses ? [job.uses] : []),
      ...(job.steps ?? []).flatMap(step => (step.uses ? [step.uses] : []))
    ])
  }

  it('exist and use actions', () => {
    expect(workflows.length).toBeGreaterThan(0)
    expect(workflows.flatMap(usesOf).length).toBeGreaterThan(0)
  })

  // The example workflows show users how to call this action by its release tag; every third-party action
  // (checkout, setup-node, ...) is pinned to a commit.
  const OWN_RELEASE = 'ec2-start-guard/ec2-start-guard@v1'

  it.each(workflows)('%s pins every third-party action to a full commit SHA', file => {
    const unpinned = usesOf(file).filter(
      uses => !uses.startsWith('./') && uses !== OWN_RELEASE && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses)
    )
    expect(unpinned).toEqual([])
  })
})
