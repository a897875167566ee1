// Where the findings go besides the log and the job summary, when the inputs ask: a SARIF file (sarif-file) and
// one comment on the pull request (comment-on-pr). Both render the findings model; neither decides anything.
import * as core from '@actions/core'
import { relative } from 'node:path'
import type { ReportInputs } from '../report-inputs.js'
import { ACTION_VERSION } from '../version.js'
import type { RunFindings } from './findings.js'
import { buildSarif, workflowFileOf } from './sarif.js'
import { writeSarifFile } from './sarif-file.js'
import { neutralise } from './untrusted.js'

/** Writes what the inputs ask for; returns why the SARIF file could not be written, which fails the step. */
export async function writeReportSinks(
  run: RunFindings,
  sinks: ReportInputs,
  env: NodeJS.ProcessEnv = process.env
): Promise<string | undefined> {
  let failure: string | undefined
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  if (sinks.sarifFile) {
    const shown = relative(workspace, sinks.sarifFile)
    try {
      const log = buildSarif(run, { toolVersion: ACTION_VERSION, workflowFile: workflowFileOf(env) })
      await writeSarifFile(sinks.sarifFile, workspace, `${JSON.stringify(log, null, 2)}\n`)
      core.info(neutralise(`sarif-file: ${log.runs[0].results.length} result(s) written to ${shown}`))
    } catch (err) {
      failure = `sarif-file: the SARIF log could not be written to ${shown}: ${(err as Error).message}`
    }
  }
  if (sinks.prComment) await commentOnPullRequest(run, sinks.prComment.token, env)
  return failure
}

async function commentOnPullRequest(run: RunFindings, token: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { pullRequestOf } = await import('../github/pull-request.js')
  const found = await pullRequestOf(env)
  if ('skipped' in found) {
    core.info(neutralise(`comment-on-pr: no comment, since ${found.skipped}.`))
    return
  }
  const { commentMarker, renderPrComment, runUrlOf } = await import('./pr-comment.js')
  const marker = commentMarker(env)
  const body = renderPrComment(run, marker, runUrlOf(env))
  // @actions/github (and its HTTP stack) loads only here, so the other paths' start and memory do not grow. It
  // builds @actions/http-client clients synchronously: the real client must be loaded before it is.
  await (await import('../vendor/http-client-on-demand.js')).loadHttpClient()
  const { upsertComment } = await import('../github/comment.js')
  try {
    const outcome = await upsertComment(token, found.target, marker, body, env)
    if (outcome.action === 'failed') core.warning(neutralise(outcome.warning))
    else
      core.info(
        neutralise(
          `comment-on-pr: ${outcome.action} comment ${outcome.id} on pull request #${found.target.number}`
        )
      )
  } catch (err) {
    core.warning(neutralise(`comment-on-pr: the comment could not be posted: ${(err as Error).message}`))
  }
}
