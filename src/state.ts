// Names of the values the main step hands to the post step through saveState/getState.
export const STATE = {
  isPost: 'isPost',
  /** JSON array: the instances StartInstances moved from stopped, as far as this step saw its answers. */
  startedInstanceIds: 'started-instance-ids',
  /** JSON array: the instances of a StartInstances call still in flight (saved before it is sent). */
  startingInstanceIds: 'starting-instance-ids',
  /** Epoch ms when the main step began: an instance launched since then, of those being started, is ours. */
  stepBeganAt: 'step-began-at',
  region: 'region',
  /** JSON array of SavedPair (fleet.ts): with several (account, region) pairs, what was started in each. */
  pairs: 'pairs'
} as const
