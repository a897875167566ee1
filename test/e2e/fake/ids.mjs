// @ts-check
// The synthetic identities the fake's worlds and the e2e tests share: never a real account.
export const ACCOUNT = '111122223333'
export const REGION = 'us-east-1'
/** The role the action runs as in most worlds. */
export const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-start-role`

/** @param {string} id @param {string} [account] @param {string} [region] */
export const keyArn = (id, account = ACCOUNT, region = REGION) => `arn:aws:kms:${region}:${account}:key/${id}`
