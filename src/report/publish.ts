// Writes one RunReport through its three renderers: outputs, annotations, job summary.
import * as core from '@actions/core'
import { buildAnnotations } from './annotations.js'
import { headline, stepFailed, type RunReport } from './model.js'
import { buildOutputs } from './outputs.js'
import { renderSummary } from './summary.js'
import { neutralise } from './untrusted.js'

export async function publishReport(report: RunReport): Promise<void> {
  for (const [name, value] of Object.entries(buildOutputs(report))) core.setOutput(name, value)
  const annotations = buildAnnotations(report)
  for (const a of annotations.shown) {
    const props = { title: neutralise(a.title), file: a.file, startLine: a.line }
    const message = neutralise(a.message)
    if (a.level === 'error') core.error(message, props)
    else if (a.level === 'warning') core.warning(message, props)
    else core.notice(message, props)
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(renderSummary(report, annotations)).write()
  }
  if (stepFailed(report)) core.setFailed(neutralise(headline(report)))
  else core.info(neutralise(headline(report)))
}
