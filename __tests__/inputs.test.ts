import { describe, expect, it } from '@jest/globals'
import { describeFilterGroups, InputError, readInputs, type Inputs } from '../src/inputs.js'

function read(values: Record<string, string>, env: Record<string, string> = {}): Inputs {
  return readInputs(name => values[name] ?? '', env)
}

function inputError(values: Record<string, string>, env: Record<string, string> = {}): InputError {
  try {
    read(values, env)
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return err as InputError
  }
  throw new Error('expected an InputError')
}

const base = { 'instance-ids': 'i-0123456789abcdef0', region: 'us-east-1' }

describe('readInputs: valid values', () => {
  it('applies the documented defaults', () => {
    const inputs = read(base)
    expect(inputs).toMatchObject({
      instanceIds: ['i-0123456789abcdef0'],
      filters: [],
      mode: 'start',
      fix: 'suggest',
      waitFor: 'running',
      timeoutSeconds: 300,
      roleSessionName: 'GitHubActions',
      audience: 'sts.amazonaws.com',
      stopOnPost: false,
      offline: false
    })
  })

  it.each([
    ['commas', 'i-0123456789abcdef0,i-12345678'],
    ['spaces', 'i-0123456789abcdef0 i-12345678'],
    ['newlines', 'i-0123456789abcdef0\ni-12345678\n'],
    ['mixed with duplicates', ' i-0123456789abcdef0, i-12345678\n\ni-0123456789abcdef0 ,']
  ])('splits IDs separated by %s and drops duplicates', (_label, raw) => {
    expect(read({ ...base, 'instance-ids': raw }).instanceIds).toEqual(['i-0123456789abcdef0', 'i-12345678'])
  })

  it('parses filters, one per line, values split on commas', () => {
    const inputs = read({ region: 'us-east-1', filters: 'tag:env=ci\n# a comment\n tag:team = qa, dev \n' })
    expect(inputs.filters).toEqual([
      [
        { name: 'tag:env', values: ['ci'], source: 'tag:env=ci' },
        { name: 'tag:team', values: ['qa', 'dev'], source: 'tag:team = qa, dev' }
      ]
    ])
  })

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(
      read({ 'instance-ids': 'i-12345678' }, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' })
        .region
    ).toBe('eu-west-1')
    expect(read({ 'instance-ids': 'i-12345678' }, { AWS_DEFAULT_REGION: 'us-gov-west-1' }).region).toBe(
      'us-gov-west-1'
    )
  })

  it('key-policy-files implies mode check and offline, and needs principal-arn', () => {
    const inputs = read({
      region: 'us-east-1',
      'key-policy-files': 'infra/**/*.yaml\nplan.json',
      'principal-arn': 'arn:aws:iam::111122223333:role/ci-start-role'
    })
    expect(inputs).toMatchObject({
      mode: 'check',
      offline: true,
      keyPolicyFiles: ['infra/**/*.yaml', 'plan.json']
    })
  })

  it('accepts booleans in the YAML 1.2 core spellings', () => {
    expect(read({ ...base, 'stop-on-post': 'True' }).stopOnPost).toBe(true)
    expect(read({ ...base, 'stop-on-post': 'FALSE' }).stopOnPost).toBe(false)
  })
})

describe('readInputs: bad values name the input and the value', () => {
  it.each<[string, Record<string, string>, string, RegExp]>([
    ['malformed ID', { 'instance-ids': 'i-123' }, 'instance-ids', /"i-123"/],
    ['upper-case hex', { 'instance-ids': 'i-0123456789ABCDEF0' }, 'instance-ids', /i-0123456789ABCDEF0/],
    ['9 hex digits', { 'instance-ids': 'i-123456789' }, 'instance-ids', /i-123456789/],
    ['unknown mode', { mode: 'restart' }, 'mode', /"restart".*start, check/],
    ['unknown fix', { fix: 'yes' }, 'fix', /"yes".*off, suggest, apply/],
    ['unknown wait-for', { 'wait-for': 'ready' }, 'wait-for', /"ready"/],
    ['zero timeout', { 'timeout-seconds': '0' }, 'timeout-seconds', /"0"/],
    ['negative timeout', { 'timeout-seconds': '-5' }, 'timeout-seconds', /"-5"/],
    ['non-numeric timeout', { 'timeout-seconds': '5m' }, 'timeout-seconds', /"5m"/],
    ['fractional timeout', { 'timeout-seconds': '1.5' }, 'timeout-seconds', /"1.5"/],
    ['huge timeout', { 'timeout-seconds': '999999' }, 'timeout-seconds', /999999/],
    ['filter without =', { filters: 'tag:env' }, 'filters', /"tag:env"/],
    ['filter without value', { filters: 'tag:env=' }, 'filters', /"tag:env="/],
    ['filter with empty value', { filters: 'tag:env=a,,b' }, 'filters', /a,,b/],
    ['filter without name', { filters: '=ci' }, 'filters', /"=ci"/],
    ['bad region', { region: 'mars-1' }, 'region', /"mars-1"/],
    [
      'bad role ARN',
      { 'role-to-assume': 'arn:aws:iam::123:role/x' },
      'role-to-assume',
      /arn:aws:iam::123:role\/x/
    ],
    ['bad session name', { 'role-session-name': 'has space' }, 'role-session-name', /"has space"/],
    ['bad boolean', { 'stop-on-post': 'yes' }, 'stop-on-post', /"yes"/],
    ['control character', { 'instance-ids': 'i-12345678\u0007' }, 'instance-ids', /0x07/],
    ['newline in a one-line input', { mode: 'start\ncheck' }, 'mode', /control character \(0x0a\)/],
    ['apply in check mode', { mode: 'check', fix: 'apply' }, 'fix', /check/],
    [
      'stop-on-post in check mode',
      { mode: 'check', 'stop-on-post': 'true' },
      'stop-on-post',
      /nothing to stop/
    ]
  ])('%s', (_label, values, input, message) => {
    const err = inputError({ ...base, ...values })
    expect(err.input).toBe(input)
    expect(err.message).toContain(`'${input}'`)
    expect(err.message).toMatch(message)
  })

  it('needs instance-ids or filters', () => {
    expect(inputError({ region: 'us-east-1' }).message).toMatch(/'instance-ids' and 'filters' are both empty/)
  })

  it('needs a region', () => {
    expect(inputError({ 'instance-ids': 'i-12345678' }).input).toBe('region')
  })

  it('bounds the number of IDs and filters and the input length', () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `i-${i.toString(16).padStart(8, '0')}`).join(',')
    expect(inputError({ ...base, 'instance-ids': ids }).message).toMatch(/1001 instances; the limit is 1000/)
    const filters = Array.from({ length: 51 }, (_, i) => `tag:k${i}=v`).join('\n')
    expect(inputError({ ...base, filters }).message).toMatch(/51 lines/)
    expect(inputError({ ...base, filters: `tag:x=${'a'.repeat(256)}` }).message).toMatch(/longer than 255/)
    expect(inputError({ ...base, filters: 'x'.repeat(40_000) }).message).toMatch(/40000 characters/)
  })

  it('key-policy-files needs principal-arn and refuses live targets', () => {
    expect(inputError({ region: 'us-east-1', 'key-policy-files': 'a.json' }).input).toBe('principal-arn')
    const both = inputError({
      ...base,
      'key-policy-files': 'a.json',
      'principal-arn': 'arn:aws:iam::111122223333:role/ci-start-role'
    })
    expect(both.message).toMatch(/cannot be combined with instance-ids/)
  })
})

describe('readInputs: every bad value in one error', () => {
  it('instance-ids: i-123, not-an-id names both, once each, and no good ID', () => {
    const err = inputError({ ...base, 'instance-ids': 'i-123, not-an-id i-0123456789abcdef0 i-123' })
    expect(err.input).toBe('instance-ids')
    expect(err.message).toBe(
      `Input 'instance-ids' has "i-123" and "not-an-id", which are not instance IDs (expected i- followed by 8 or 17 lower-case hex digits).`
    )
  })

  it('filters: every malformed line and every over-long value', () => {
    const long = `v${'x'.repeat(255)}`
    const err = inputError({ ...base, filters: `tag:env\ntag:team=qa\n=ci\ntag:a=${long},ok,${long}2` })
    expect(err.input).toBe('filters')
    expect(err.message).toMatch(/^Input 'filters': "tag:env" is not Name=Value1,Value2/)
    expect(err.message).toContain('"=ci" is not Name=Value1,Value2')
    expect(err.message).toContain('the values "vxxx')
    expect(err.message.match(/\.\.\."/g)).toHaveLength(2) // both long values, each shortened for the log
    expect(err.message).not.toContain('tag:team=qa')
  })

  it('names every bad input, not only the first, in the order they are read', () => {
    const err = inputError({
      'instance-ids': 'i-1',
      filters: 'tag:env',
      region: 'mars-1',
      'wait-for': 'ready',
      'stop-on-post': 'yes'
    })
    expect(err.inputs).toEqual(['instance-ids', 'filters', 'wait-for', 'region', 'stop-on-post'])
    for (const value of ['"i-1"', '"tag:env"', '"mars-1"', '"ready"', '"yes"'])
      expect(err.message).toContain(value)
  })

  it('makes no check across inputs from a bad input read as its default', () => {
    // instance-ids is bad, so "instance-ids and filters are both empty" would be a false second error.
    const err = inputError({ region: 'us-east-1', 'instance-ids': 'nope' })
    expect(err.inputs).toEqual(['instance-ids'])
    expect(err.message).not.toMatch(/both empty/)
  })
})

describe('filters: tag groups', () => {
  it('splits groups on blank lines and --- lines; several separators in a row make one', () => {
    const groups = read({
      region: 'us-east-1',
      filters:
        '\ntag:env=ci\ntag:team=qa\n\n# the database\n---\n\ntag:role=db\n-----\ninstance-type=t3.micro\n\n'
    }).filters
    expect(groups.map(g => g.map(f => f.source))).toEqual([
      ['tag:env=ci', 'tag:team=qa'],
      ['tag:role=db'],
      ['instance-type=t3.micro']
    ])
    expect(describeFilterGroups(groups)).toBe(
      'group 1: tag:env=ci AND tag:team=qa; group 2: tag:role=db; group 3: instance-type=t3.micro'
    )
  })

  it('describes one group without numbering it', () => {
    const groups = read({ region: 'us-east-1', filters: 'tag:env=ci\ntag:team=qa' }).filters
    expect(describeFilterGroups(groups)).toBe('tag:env=ci AND tag:team=qa')
  })

  it('a comment is not a separator', () => {
    const groups = read({ region: 'us-east-1', filters: 'tag:env=ci\n# note\ntag:team=qa' }).filters
    expect(groups).toHaveLength(1)
  })

  it('names every bad line with its group in one error', () => {
    const err = inputError({ ...base, filters: 'tag:env=ci\ntag:team\n---\ntag:role=db\n\n=x' })
    expect(err.input).toBe('filters')
    expect(err.message).toMatch(/group 1: "tag:team" is not Name=Value1,Value2/)
    expect(err.message).toMatch(/group 3: "=x" is not Name=Value1,Value2/)
    expect(err.message).not.toMatch(/group 2/)
  })

  it('bounds the filters of each group (one EC2 call) and the number of groups', () => {
    const big = Array.from({ length: 51 }, (_, i) => `tag:k${i}=v`).join('\n')
    expect(inputError({ ...base, filters: `tag:a=b\n---\n${big}` }).message).toMatch(
      /group 2 has 51 lines; EC2 accepts at most 50/
    )
    const fifty = Array.from({ length: 50 }, (_, i) => `tag:k${i}=v`).join('\n')
    expect(read({ ...base, filters: `${fifty}\n---\n${fifty}` }).filters).toHaveLength(2)
    const many = Array.from({ length: 21 }, (_, i) => `tag:g=${i}`).join('\n---\n')
    expect(inputError({ ...base, filters: many }).message).toMatch(/21 groups; the limit is 20/)
  })
})

describe('regions and role-to-assume lists', () => {
  const roleA = 'arn:aws:iam::111122223333:role/ci-start-role'
  const roleB = 'arn:aws:iam::444455556666:role/ci-start-role'

  it('reads regions separated by commas or newlines, dropping duplicates; region is the first', () => {
    const inputs = read({ filters: 'tag:env=ci', regions: 'us-east-1, eu-west-1\nus-east-1\n' })
    expect(inputs.regions).toEqual(['us-east-1', 'eu-west-1'])
    expect(inputs.region).toBe('us-east-1')
  })

  it('without regions, region (or AWS_REGION) is the one region', () => {
    expect(read(base).regions).toEqual(['us-east-1'])
    expect(read({ 'instance-ids': 'i-12345678' }, { AWS_REGION: 'eu-west-1' }).regions).toEqual(['eu-west-1'])
  })

  it('reads one role per account', () => {
    const inputs = read({
      ...base,
      'instance-ids': '',
      filters: 'tag:env=ci',
      'role-to-assume': `${roleA}\n${roleB}`
    })
    expect(inputs.rolesToAssume).toEqual([roleA, roleB])
    expect(inputs.roleToAssume).toBe(roleA)
  })

  it('names every bad region and every bad role in one message', () => {
    const regions = inputError({ filters: 'tag:env=ci', regions: 'us-east-1,mars-1,moon' })
    expect(regions.input).toBe('regions')
    expect(regions.message).toMatch(/"mars-1", "moon", which are not AWS region names/)
    const roles = inputError({
      ...base,
      'role-to-assume': `${roleA}, arn:aws:iam::1:role/x, arn:aws:iam::111122223333:role/other`
    })
    expect(roles.input).toBe('role-to-assume')
    expect(roles.message).toMatch(/"arn:aws:iam::1:role\/x", which is not an IAM role ARN/)
    expect(roles.message).toMatch(/two roles of account 111122223333 \(give one role per account\)/)
  })

  it('refuses region and regions together, and instance-ids with several pairs', () => {
    expect(inputError({ ...base, regions: 'us-east-1,eu-west-1' }).input).toBe('regions')
    const ids = inputError({ 'instance-ids': 'i-12345678', regions: 'us-east-1,eu-west-1' })
    expect(ids.input).toBe('instance-ids')
    expect(ids.message).toMatch(/2 region\(s\) and 1 account\(s\)/)
  })
})

describe('terraform-var-files', () => {
  const offline = (extra: Record<string, string>) => (name: string) =>
    ({
      'key-policy-files': 'terraform/*.tf',
      'principal-arn': 'arn:aws:iam::111122223333:role/ci-start-role',
      region: 'us-east-1',
      ...extra
    })[name] ?? ''

  it('reads the globs of var files', () => {
    expect(
      readInputs(offline({ 'terraform-var-files': 'env/prod.tfvars\nenv/*.tfvars.json' })).terraformVarFiles
    ).toEqual(['env/prod.tfvars', 'env/*.tfvars.json'])
  })

  it('names every line that is not a var file', () => {
    expect(() => readInputs(offline({ 'terraform-var-files': 'a.tfvars\nvars.yaml\nb.txt' }))).toThrow(
      /'terraform-var-files' has "vars.yaml", "b.txt"/
    )
  })

  it('is refused without key-policy-files', () => {
    const get = (name: string) =>
      ({ 'instance-ids': 'i-0123456789abcdef0', region: 'us-east-1', 'terraform-var-files': 'a.tfvars' })[
        name
      ] ?? ''
    expect(() => readInputs(get)).toThrow(InputError)
  })
})
