// Writes one run through its renderers: findings first, then outputs, annotations, job summary, step result.
import * as core from '@actions/core'
import { buildAnnotations, type Annotation } from './annotations.js'
import { buildFindings } from './findings.js'
import type { RunReport } from './model.js'
import { buildOutputs } from './outputs.js'
import { renderSummary } from './summary.js'

/** The one place an annotation becomes a workflow command. */
export function writeAnnotation(a: Annotation): void {
  const props = { title: a.title, file: a.file, startLine: a.line }
  if (a.level === 'error') core.error(a.message, props)
  else if (a.level === 'warning') core.warning(a.message, props)
  else core.notice(a.message, props)
}

/**
 * Appends to the job summary where the runner gave a summary file (GITHUB_STEP_SUMMARY); a local run or a runner
 * without one gets none. A summary that cannot be written is a warning, never the step's failure.
 */
export async function writeSummary(html: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.GITHUB_STEP_SUMMARY) return false
  try {
    await core.summary.addRaw(html).write()
    return true
  } catch (err) {
    core.summary.emptyBuffer()
    core.warning(`The job summary could not be written: ${(err as Error).message}`)
    return false
  }
}

export async function publishReport(report: RunReport): Promise<void> {
  const run = buildFindings(report)
  for (const [name, value] of Object.entries(buildOutputs(report, run))) core.setOutput(name, value)
  const annotations = buildAnnotations(run)
  for (const a of annotations.shown) writeAnnotation(a)
  await writeSummary(renderSummary(report, run, annotations))
  if (run.failed) core.setFailed(`${run.icon} ${run.headline}`)
  else core.info(`${run.icon} ${run.headline}`)
}
