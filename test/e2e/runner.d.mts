// Types of runner.mjs for the TypeScript tests.
export interface RunnerFiles {
  GITHUB_OUTPUT: string
  GITHUB_STEP_SUMMARY: string
  GITHUB_STATE: string
}
export interface RunnerStep {
  workspace: string
  files: RunnerFiles
  env: Record<string, string>
  cleanup(): void
}
export function parseFileCommands(text: string): Record<string, string>
export function prepareStep(options?: {
  inputs?: Record<string, string>
  state?: Record<string, string>
  env?: Record<string, string>
  workspaceFrom?: string
  prefix?: string
}): RunnerStep
export function readStepFiles(files: RunnerFiles): {
  outputs: Record<string, string>
  summary: string
  state: Record<string, string>
}
export function stepNode(): { path: string; version: string; pinned: boolean; notice?: string }
