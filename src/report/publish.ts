// Writes one run through its renderers: findings first, then outputs, annotations, job summary, step result.
import * as core from '@actions/core'
import { buildAnnotations, type Annotation } from './annotations.js'
import { buildFindings } from './findings.js'
import type { RunReport } from './model.js'
import { buildOutputs } from './outputs.js'
import { renderSummary } from './summary.js'
import { neutralise } from './untrusted.js'
import type { ReportInputs } from '../report-inputs.js'

/** The one place an annotation becomes a workflow command; its text is untrusted, so it is neutralised here. */
export function writeAnnotation(a: Annotation): void {
  const props = { title: neutralise(a.title), file: a.file, startLine: a.line }
  const message = neutralise(a.message)
  if (a.level === 'error') core.error(message, props)
  else if (a.level === 'warning') core.warning(message, props)
  else core.notice(message, props)
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
    core.warning(neutralise(`The job summary could not be written: ${(err as Error).message}`))
    return false
  }
}

/**
 * `fatal`: the error that ended the step early. The outputs and the summary still show what is known; the error
 * is the run's first problem, so it is written first, as an error annotation of its own.
 */
export async function publishReport(
  report: RunReport,
  fatal?: string,
  sinks: ReportInputs = {}
): Promise<void> {
  const summarised = fatal === undefined ? report : { ...report, problems: [fatal, ...report.problems] }
  const run = buildFindings(summarised)
  for (const [name, value] of Object.entries(buildOutputs(summarised, run))) core.setOutput(name, value)
  const annotations = buildAnnotations(run)
  for (const a of annotations.shown) writeAnnotation(a)
  await writeSummary(renderSummary(summarised, run, annotations))
  // The SARIF file and the PR comment: a file that cannot be written fails the step, a comment never does.
  // Loaded only when asked for, so a run without them starts no slower.
  const sinkFailure =
    sinks.sarifFile || sinks.prComment
      ? await (await import('./sinks.js')).writeReportSinks(run, sinks)
      : undefined
  if (sinkFailure) core.setFailed(neutralise(sinkFailure))
  const verdict = neutralise(`${run.icon} ${run.headline}`)
  if (!run.failed) core.info(verdict)
  else if (summarised.problems.length > 0 && !summarised.offline) {
    // The headline is the run's problem, already written as an error: fail without a second, identical one.
    core.info(verdict)
    process.exitCode = core.ExitCode.Failure
  } else core.setFailed(verdict)
}
