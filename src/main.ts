// run(): orchestration only. The single top-level catch turns every error into core.setFailed.
import * as core from '@actions/core'
import { InputError, readInputs } from './inputs.js'
import { STATE } from './state.js'
import { publishReport } from './report/publish.js'
import { neutralise } from './report/untrusted.js'

export async function run(): Promise<void> {
  if (core.getState(STATE.isPost) === 'true') {
    // Each path loads only its own code: the post step, the live run and the offline gate are separate chunks.
    await (await import('./post.js')).runPost()
    return
  }
  core.saveState(STATE.isPost, 'true')
  try {
    const inputs = readInputs(name => core.getInput(name), process.env)
    // The offline gate never loads the AWS SDK, and a live run never loads the YAML parser.
    const report = inputs.offline
      ? await (
          await import('./offline/check-files.js')
        ).checkPolicyFiles(inputs, process.env.GITHUB_WORKSPACE || process.cwd())
      : await (
          await import('./live.js')
        ).runLive(inputs, {
          // Progress lines carry Sids, aliases, Name tags and AWS messages: never a workflow command.
          info: message => core.info(neutralise(message)),
          saveState: (name, value) => core.saveState(name, value)
        })
    await publishReport(report)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    core.setFailed(neutralise(err instanceof InputError ? `Bad input: ${message}` : message))
  }
}
