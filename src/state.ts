// Names of the values the main step hands to the post step through saveState/getState.
export const STATE = {
  isPost: 'isPost',
  startedInstanceIds: 'started-instance-ids',
  region: 'region'
} as const
