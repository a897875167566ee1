// Writes one RunReport through its three renderers: outputs, annotations, job summary.
import * as core from '@actions/core'
import { buildAnnotations } from './annotations.js'
import { headline, stepFailed, type RunReport } from './model.js'
import { buildOutputs } from './outputs.js'
import { renderSummary } from './summary.js'
import { neutralise } from './untrusted.js'

/**
 * `fatal`: the error that ended the step early. The outputs and the summary still show what is known; the error
 * itself is the step's failure message (one annotation, as before), and the summary's first problem.
 */
export async function publishReport(report: RunReport, fatal?: string): Promise<void> {
  for (const [name, value] of Object.entries(buildOutputs(report))) core.setOutput(name, value)
  const annotations = buildAnnotations(report)
  for (const a of annotations.shown) {
    const props = { title: neutralise(a.title), file: a.file, startLine: a.line }
    const message = neutralise(a.message)
    if (a.level === 'error') core.error(message, props)
    else if (a.level === 'warning') core.warning(message, props)
    else core.notice(message, props)
  }
  const summarised = fatal === undefined ? report : { ...report, problems: [fatal, ...report.problems] }
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(renderSummary(summarised, annotations)).write()
  }
  if (fatal !== undefined) {
    core.setFailed(neutralise(fatal))
    return
  }
  const verdict = neutralise(headline(report))
  if (!stepFailed(report)) core.info(verdict)
  else if (annotations.shown.some(a => a.level === 'error' && a.message === verdict)) {
    // The headline is a problem already annotated as an error: fail without a second, identical annotation.
    process.exitCode = core.ExitCode.Failure
  } else core.setFailed(verdict)
}
