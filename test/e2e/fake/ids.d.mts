// Types of test/e2e/fake/ids.mjs.
export const ACCOUNT: '111122223333'
export const REGION: 'us-east-1'
export const CI_ROLE: string
export function keyArn(id: string, account?: string, region?: string): string
