import { describe, expect, it } from '@jest/globals'
import { pairLabel, pairsOf } from '../src/fleet.js'

describe('pairsOf', () => {
  it('is every role × every region, accounts from the role ARNs', () => {
    const pairs = pairsOf({
      regions: ['us-east-1', 'eu-west-1'],
      rolesToAssume: ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::444455556666:role/b']
    })
    expect(pairs.map(p => `${p.account}/${p.region}`)).toEqual([
      '111122223333/us-east-1',
      '111122223333/eu-west-1',
      '444455556666/us-east-1',
      '444455556666/eu-west-1'
    ])
    expect(pairLabel(pairs[3])).toBe('eu-west-1 (account 444455556666)')
  })

  it('without a role, one pair per region with the environment credentials', () => {
    const pairs = pairsOf({ regions: ['us-east-1', 'eu-west-1'], rolesToAssume: [] })
    expect(pairs).toEqual([
      { region: 'us-east-1', roleArn: undefined, account: undefined },
      { region: 'eu-west-1', roleArn: undefined, account: undefined }
    ])
    expect(pairLabel(pairs[0])).toBe('us-east-1')
  })
})
