// The findings as a SARIF 2.1.0 log, for github/codeql-action/upload-sarif (README, "SARIF"). Rendered from the
// findings model only: the level, the title and the text are the annotation's; the rule is the finding code's.
import { createHash } from 'node:crypto'
import { annotationOf } from './annotations.js'
import { findingRule } from './finding-rules.js'
import type { Finding, RunFindings } from './findings.js'
import { TROUBLESHOOTING_URL } from './links.js'

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
/** The partialFingerprints key; bump its version when what goes into the hash changes. */
export const FINGERPRINT_KEY = 'ec2StartGuardFinding/v1'

const SARIF_LEVEL = { error: 'error', warning: 'warning', notice: 'note' } as const

export interface SarifContext {
  toolVersion: string
  /**
   * Where live findings (a key, an instance, which have no file) are placed for code scanning, which needs a file
   * for every result: the workflow file of the run, workspace-relative (from GITHUB_WORKFLOW_REF).
   */
  workflowFile?: string
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: 'error' | 'warning' | 'note'
  message: { text: string }
  locations: Array<Record<string, unknown>>
  partialFingerprints: Record<string, string>
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<{
    tool: {
      driver: {
        name: string
        version: string
        semanticVersion: string
        informationUri: string
        rules: Array<Record<string, unknown>>
      }
    }
    results: SarifResult[]
  }>
}

/** A workspace-relative POSIX path as a relative URI reference: each segment percent-encoded. */
export function pathToUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/')
}

/**
 * What a finding is about, independent of its wording and its line: the key's ARN, the failed instance's ID, the
 * policy's name in its file (a Terraform address, a CloudFormation logical ID), else the file or the message.
 */
function identityOf(finding: Finding): string {
  if (finding.keyArn) return finding.keyArn
  if (!finding.file && finding.instances.length === 1 && finding.role === 'symptom')
    return finding.instances[0].id
  return finding.subject ?? finding.cause
}

/**
 * The same finding gets the same fingerprint in every run: a hash of its code, its file and its identity. Lines,
 * messages and timestamps are left out, so an edit above a statement or a reworded reason keeps the alert.
 */
export function fingerprintOf(finding: Finding): string {
  return createHash('sha256')
    .update([finding.code, finding.file ?? '', identityOf(finding)].join('\u0000'))
    .digest('hex')
}

function locationOf(finding: Finding, context: SarifContext): Record<string, unknown> {
  const file = finding.file ?? context.workflowFile
  const location: Record<string, unknown> = {}
  if (file) {
    location.physicalLocation = {
      artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' },
      region: { startLine: finding.file ? Math.max(1, finding.line ?? 1) : 1 }
    }
  }
  if (!finding.file) {
    // A live finding is about a key or an instance, not a line: name it as a logical location too.
    const name = identityOf(finding)
    const kind = finding.keyArn ? 'resource' : finding.instances.length ? 'resource' : 'module'
    location.logicalLocations = [{ fullyQualifiedName: name, kind }]
  }
  return location
}

export function buildSarif(run: RunFindings, context: SarifContext): SarifLog {
  const rules: Array<Record<string, unknown>> = []
  const ruleIndex = new Map<string, number>()
  const results: SarifResult[] = []
  for (const finding of run.findings) {
    let index = ruleIndex.get(finding.code)
    if (index === undefined) {
      const rule = findingRule(finding.code)
      index = rules.length
      ruleIndex.set(finding.code, index)
      rules.push({
        id: rule.id,
        name: rule.id
          .toLowerCase()
          .split('_')
          .map(w => w[0].toUpperCase() + w.slice(1))
          .join(''),
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.help },
        help: {
          text: `${rule.help} See ${rule.helpUri}`,
          markdown: `${rule.help}\n\n[Troubleshooting](${rule.helpUri})`
        },
        helpUri: rule.helpUri,
        properties: { tags: ['security', 'aws-kms', 'ec2'] }
      })
    }
    const annotation = annotationOf(finding)
    results.push({
      ruleId: finding.code,
      ruleIndex: index,
      level: SARIF_LEVEL[finding.level],
      message: { text: `${annotation.title}. ${annotation.message}` },
      locations: [locationOf(finding, context)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(finding) }
    })
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ec2-start-guard',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: TROUBLESHOOTING_URL.replace(/\/blob\/.*$/, ''),
            rules
          }
        },
        results
      }
    ]
  }
}

/**
 * The workflow file of this run, workspace-relative, from GITHUB_WORKFLOW_REF
 * ("owner/repo/.github/workflows/gate.yml@refs/pull/1/merge"); undefined when the runner did not set it.
 */
export function workflowFileOf(env: NodeJS.ProcessEnv): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF
  const repo = env.GITHUB_REPOSITORY
  if (!ref || !repo || !ref.startsWith(`${repo}/`)) return undefined
  const path = ref.slice(repo.length + 1).replace(/@[^@]*$/, '')
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? path : undefined
}
