// @ts-check
// Key-policy documents the scenarios use (texts per how-ec2-uses-kms.md section 3).

/** CreateKey with no Policy: the account root only (pure delegation to IAM). @param {string} account */
export function createKeyDefault(account) {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [rootStatement(account)]
  }
}

/**
 * Key administrators only, and the CI role may read the policy (with `canWrite`, also replace it, as fix: apply
 * needs): no one may create a grant, so EC2 cannot use the key (DENY_IMPLICIT).
 * @param {string} account @param {string} roleArn @param {{ canWrite?: boolean }} [options]
 */
export function adminOnly(account, roleArn, { canWrite = false } = {}) {
  return {
    Version: '2012-10-17',
    Id: 'admin-only',
    Statement: [
      {
        Sid: 'Allow access for Key Administrators',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:role/KMSAdminRole` },
        Action: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:Get*', 'kms:List*'],
        Resource: '*'
      },
      {
        Sid: canWrite ? 'Let the CI role manage this policy' : 'Let the CI role read this policy',
        Effect: 'Allow',
        Principal: { AWS: roleArn },
        Action: canWrite
          ? ['kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:DescribeKey']
          : ['kms:GetKeyPolicy', 'kms:DescribeKey'],
        Resource: '*'
      }
    ]
  }
}

/** @param {string} account */
function rootStatement(account) {
  return {
    Sid: 'Enable IAM User Permissions',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'kms:*',
    Resource: '*'
  }
}

/**
 * Console default with `roleArn` as key user (it may create grants for AWS resources).
 * @param {string} account @param {string} roleArn
 */
export function consoleDefault(account, roleArn) {
  return {
    Version: '2012-10-17',
    Id: 'key-consolepolicy-3',
    Statement: [
      rootStatement(account),
      {
        Sid: 'Allow use of the key',
        Effect: 'Allow',
        Principal: { AWS: [roleArn] },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*'
      },
      {
        Sid: 'Allow attachment of persistent resources',
        Effect: 'Allow',
        Principal: { AWS: [roleArn] },
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } }
      }
    ]
  }
}

/** The AWS managed key aws/ebs. @param {string} account @param {string} region */
export function awsEbs(account, region) {
  return {
    Version: '2012-10-17',
    Id: 'auto-ebs-2',
    Statement: [
      {
        Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey'
        ],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `ec2.${region}.amazonaws.com` }
        }
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*'
      }
    ]
  }
}

/** Root delegation plus an explicit Deny of CreateGrant for `roleArn`. @param {string} account @param {string} roleArn */
export function denyCreateGrant(account, roleArn) {
  const p = createKeyDefault(account)
  return {
    ...p,
    Statement: [
      ...p.Statement,
      {
        Sid: 'DenyGrants',
        Effect: 'Deny',
        Principal: { AWS: roleArn },
        Action: 'kms:CreateGrant',
        Resource: '*'
      }
    ]
  }
}

/**
 * Key in another account that lets `callerAccount` create grants for AWS resources (delegation: the caller's
 * IAM policy must allow too).
 * @param {string} keyAccount @param {string} callerAccount
 */
export function crossAccountAllows(keyAccount, callerAccount) {
  const p = createKeyDefault(keyAccount)
  return {
    ...p,
    Statement: [
      ...p.Statement,
      {
        Sid: 'Allow attachment of persistent resources',
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${callerAccount}:root`] },
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': true } }
      }
    ]
  }
}
