// run(): orchestration only. The single top-level catch turns every error into a failed step that still writes
// its outputs and summary with what is known.
import * as core from '@actions/core'
import { InputError, readInputs, type Inputs } from './inputs.js'
import { STATE } from './state.js'
import { publishReport } from './report/publish.js'
import { newRunReport, type RunReport } from './report/model.js'
import type { ReportInputs } from './report-inputs.js'

/** The report of a step whose inputs could not be read: the inputs' defaults, nothing found. */
function emptyReport(): RunReport {
  return newRunReport({ mode: 'start', offline: false, region: '', waitFor: 'running', fix: 'suggest' })
}
import { neutralise } from './report/untrusted.js'

/** Where the findings go besides the log and the summary (sarif-file, comment-on-pr); none before the inputs are read. */
function sinksOf(inputs: Inputs | undefined): ReportInputs {
  return inputs ? { sarifFile: inputs.sarifFile, prComment: inputs.prComment } : {}
}

/** OIDC per role, one token per audience: loaded only for a live run. */
async function credentialSource(inputs: Inputs) {
  const { actionCredentials } = await import('./aws/credentials.js')
  return actionCredentials(inputs, process.env, message => core.info(neutralise(message)))
}

export async function run(): Promise<void> {
  if (core.getState(STATE.isPost) === 'true') {
    // Each path loads only its own code: the post step, the live run and the offline gate are separate chunks.
    await (await import('./post.js')).runPost()
    return
  }
  core.saveState(STATE.isPost, 'true')
  let report: RunReport | undefined
  let inputs: Inputs | undefined
  try {
    inputs = readInputs(name => core.getInput(name), process.env)
    // The runner masks its own token; a token passed in by hand is masked here, before anything is logged.
    if (inputs.prComment) core.setSecret(inputs.prComment.token)
    report = newRunReport(inputs)
    // The offline gate never loads the AWS SDK, and a live run never loads the YAML parser.
    report = inputs.offline
      ? await (
          await import('./offline/check-files.js')
        ).checkPolicyFiles(inputs, process.env.GITHUB_WORKSPACE || process.cwd())
      : await (
          await import('./fleet.js')
        ).runFleet(
          inputs,
          {
            // Progress lines carry Sids, aliases, Name tags and AWS messages: never a workflow command.
            info: message => core.info(neutralise(message)),
            saveState: (name, value) => core.saveState(name, value),
            credentials: await credentialSource(inputs)
          },
          process.env,
          undefined,
          report
        )
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const failure = neutralise(err instanceof InputError ? `Bad input: ${message}` : message)
    // The outputs and the summary still say what is known (the instances found, those started, the keys read).
    try {
      await publishReport(report ?? emptyReport(), failure, sinksOf(inputs))
    } catch (publishError) {
      core.setFailed(`${failure} (and the report could not be written: ${(publishError as Error).message})`)
    }
    return
  }
  try {
    await publishReport(report, undefined, sinksOf(inputs))
  } catch (err) {
    core.setFailed(`The report could not be written: ${(err as Error).message}`)
  }
}
