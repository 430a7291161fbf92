/**
 * The job summary: Markdown appended to the file the runner names in GITHUB_STEP_SUMMARY, as
 * `core.summary.addRaw(markdown).write()` does, with the same errors, but written synchronously.
 * core's summary goes through `fs.promises`, whose loading a dry run or a refusal would otherwise
 * pay for this one write (about 1.5 ms of start-up); its size limit is the caller's (LIMITS).
 */
import { accessSync, appendFileSync, constants } from 'node:fs'

const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY'

/** Rejects, never throws: callers treat it as the asynchronous write core's summary is. */
export function appendJobSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  try {
    appendTo(env[SUMMARY_ENV_VAR], markdown)
    return Promise.resolve()
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

function appendTo(file: string | undefined, markdown: string): void {
  if (!file) {
    throw new Error(
      `Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`
    )
  }
  try {
    accessSync(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
    )
  }
  appendFileSync(file, markdown, { encoding: 'utf8' })
}
