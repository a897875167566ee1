// The policy KMS gives a key created with no policy (CreateKey, and so CloudFormation and Terraform without one):
// only the account principal, i.e. delegation to IAM (how-ec2-uses-kms.md 3.1).

export function createKeyDefaultPolicy(accountId: string, partition: string): object {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*'
      }
    ]
  }
}
