import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { findPolicyFiles } from '../../src/offline/discover.js'

let workspace: string
let outside: string

async function touch(root: string, relative: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
  await writeFile(path.join(root, relative), '{}\n')
}

beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'ec2sg-outside-'))
  workspace = await mkdtemp(path.join(tmpdir(), 'ec2sg-workspace-'))
  await touch(outside, 'secret.json')
  for (const file of [
    'policies/z.json',
    'policies/a.json',
    'policies/B.json',
    'infra/kms.yaml',
    'infra/nested/more.yml',
    'terraform/plan.json',
    '.hidden/p.json',
    'policies/.draft.json',
    'node_modules/pkg/policy.json',
    '.git/policy.json',
    'infra/node_modules/x.yaml'
  ]) {
    await touch(workspace, file)
  }
  await symlink(path.join(outside, 'secret.json'), path.join(workspace, 'policies', 'link.json'))
})

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

describe('findPolicyFiles', () => {
  it('returns sorted, unique, workspace-relative posix paths', async () => {
    const result = await findPolicyFiles(
      ['policies/*.json', 'infra/**/*.{yaml,yml}', 'policies/a.json'],
      workspace
    )
    expect(result).toEqual({
      files: [
        'infra/kms.yaml',
        'infra/nested/more.yml',
        'policies/B.json',
        'policies/a.json',
        'policies/z.json'
      ],
      unmatched: []
    })
  })

  it('lists the globs that matched nothing, ignoring blank lines', async () => {
    const result = await findPolicyFiles(
      ['terraform/plan.json', '', '  ', 'cdk.out/*.template.json'],
      workspace
    )
    expect(result).toEqual({ files: ['terraform/plan.json'], unmatched: ['cdk.out/*.template.json'] })
  })

  it('skips dot files unless named explicitly, and always node_modules and .git', async () => {
    const all = await findPolicyFiles(['**/*.json', '**/*.yaml'], workspace)
    expect(all.files).toEqual([
      'infra/kms.yaml',
      'policies/B.json',
      'policies/a.json',
      'policies/z.json',
      'terraform/plan.json'
    ])
    const explicit = await findPolicyFiles(
      ['.hidden/p.json', 'policies/.*.json', 'node_modules/pkg/policy.json', '.git/policy.json'],
      workspace
    )
    expect(explicit).toEqual({
      files: ['.hidden/p.json', 'policies/.draft.json'],
      unmatched: ['node_modules/pkg/policy.json', '.git/policy.json']
    })
  })

  it('applies !globs as exclusions to every other glob', async () => {
    const result = await findPolicyFiles(['policies/*.json', '!policies/z.json'], workspace)
    expect(result.files).toEqual(['policies/B.json', 'policies/a.json'])
    expect(result.unmatched).toEqual([])
  })

  it('rejects globs that would leave the workspace, naming the glob', async () => {
    await expect(findPolicyFiles(['../secret.json'], workspace)).rejects.toThrow(
      'key-policy-files: glob "../secret.json" has a ".." segment; globs may not leave the repository'
    )
    await expect(findPolicyFiles(['policies/../../x/*.json'], workspace)).rejects.toThrow(
      '"policies/../../x/*.json"'
    )
    await expect(findPolicyFiles(['{..,policies}/*.json'], workspace)).rejects.toThrow('".."')
    await expect(findPolicyFiles([path.join(outside, '*.json')], workspace)).rejects.toThrow(
      `key-policy-files: glob "${path.join(outside, '*.json')}" is absolute; use a path relative to the repository`
    )
    await expect(findPolicyFiles(['C:\\keys\\*.json'], workspace)).rejects.toThrow('is absolute')
  })

  it('does not follow a symbolic link out of the workspace', async () => {
    const result = await findPolicyFiles(['policies/link.json'], workspace)
    expect(result).toEqual({ files: [], unmatched: ['policies/link.json'] })
  })

  it('allows names that merely contain two dots', async () => {
    await touch(workspace, 'policies/v1..2.json')
    const result = await findPolicyFiles(['policies/v1..2.json'], workspace)
    expect(result.files).toEqual(['policies/v1..2.json'])
  })
})
