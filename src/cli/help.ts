// The text of --help: every command, flag, default and exit code.
import { ACTION_VERSION } from '../version.js'

export const HELP = `ec2-start-guard ${ACTION_VERSION}: start stopped EC2 instances, prove they run, and trace a silent stop
(pending -> stopped, Client.InternalError) to the KMS key policy that blocks EC2, with the least-privilege fix.

Usage:
  ec2-start-guard check    [targets] [options]   diagnose the KMS keys only; never starts, stops or changes anything
  ec2-start-guard diagnose [targets] [options]   as check, and print every instance's volumes and keys
  ec2-start-guard start    [targets] [options]   start the instances and verify that they really run
  ec2-start-guard --help | --version

Targets (at least one):
  --instance-ids IDS        instance IDs separated by commas or spaces; repeat the flag for more
  --filters NAME=V1,V2      one EC2 filter (e.g. tag:env=ci); repeated filters are ANDed
  --or                      between --filters: start a new tag group; groups are ORed (their union)
                            (a value may also hold several lines, a blank or --- line separating groups)

Options:
  --region REGION           AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION)
  --regions R1,R2           several regions at once (comma separated), each run concurrently; needs --filters
  --profile NAME            the profile of ~/.aws/config and ~/.aws/credentials to use (SSO, assume-role and
                            credential_process profiles included); default: the SDK's default chain
                            (environment, AWS_PROFILE or the default profile, SSO, container/instance roles)
  --fix off|suggest|apply   suggest (default): print the statement to add; apply (start only): add it to the
                            key policy with kms:PutKeyPolicy before starting; off: no diagnosis up front
  --wait-for running|status-ok|none
                            start: what "started" means (default: running)
  --timeout-seconds N       start: the most to wait for the target state (default: 300)
  --diagnosis-timeout-seconds N
                            the most the KMS diagnosis may take (default: 60)
  --unreadable-policy fail|warn
                            check: whether a key whose policy cannot be read fails (default: fail)
  --principal-arn ARN       judge the keys for this role or user instead of the caller
  --json                    print the findings and the action's outputs as one JSON document on stdout
  --no-color                no colours (also: NO_COLOR set, or stdout not a terminal)
  --help                    this text
  --version                 the version (the same as the GitHub Action's)

Output: progress on stderr (a live line per instance on a terminal); the instances, the verdict table of the
keys, the findings and the fix statements on stdout.

Exit codes:
  0  every instance reached the target state (start), or every key lets EC2 use it (check, diagnose)
  1  an instance failed, a key blocks EC2, or an AWS call failed
  2  bad usage: an unknown command or flag, or a bad value (named, with every bad value)

Examples:
  ec2-start-guard check --instance-ids i-0123456789abcdef0 --region us-east-1 --profile ci-admin
  ec2-start-guard start --filters tag:env=ci --filters tag:team=qa --or --filters tag:role=db
  ec2-start-guard diagnose --instance-ids i-0123456789abcdef0 --json | jq '.outputs["misconfigured-key-ids"]'
`
