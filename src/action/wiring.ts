/**
 * The real dependencies the action's main and post steps are built from on a runner: inputs, the
 * GitHub client and deployment record, the journal's place, and the log's output stream.
 */
import os from 'node:os'
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import { reportFileTracker, type DeploymentTracker } from '../report/deployment-record.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import { githubDeploymentTracker } from '../github/deployment-tracker.js'
import type { Log } from '../core/log.js'
import type { Locale } from '../core/message.js'
import { readProjectLocale } from '../openlogos/project-config.js'
import { INPUTS, type InputName } from './inputs.js'
import { say } from './messages.js'
import type { RunContext } from '../github/run-context.js'
import type { Settings } from './settings.js'

/** The state entry through which the main step tells the post step where its journal is. */
export const JOURNAL_STATE = 'journal'
/** The key that seals the journal (see journal.ts): in the action's state, out of any step's reach. */
export const JOURNAL_KEY_STATE = 'journal-key'
/** The number of the last journal entry the main step wrote: the only one the post step reads. */
export const JOURNAL_WRITTEN_STATE = 'journal-written'

/** The runner passes input `dry-run` as INPUT_DRY-RUN: upper case, hyphens kept. */
export function readInput(name: InputName): string | undefined {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
}

/**
 * The project's language, for the log's first line: read from the folder the inputs point at,
 * before the inputs are checked; English when there is nothing to read.
 */
export function projectLocaleOf(
  read: (name: InputName) => string | undefined,
  workspace: string
): Locale {
  const folder = read(INPUTS.workingDirectory.name)?.trim() || INPUTS.workingDirectory.default
  return readProjectLocale(path.resolve(workspace, folder))
}

/** The runner's temp folder, emptied after every job; the system's outside a runner. */
export function tempDirOf(env: Readonly<Record<string, string | undefined>>): string {
  return env['RUNNER_TEMP'] || os.tmpdir()
}

export function journalPath(tempDir: string, runKey: string): string {
  return path.join(tempDir, `deploy-executor-journal-${runKey}.json`)
}

/** The API client, when this run needs one: a real run, or a comment to post. */
export function clientFor(
  settings: Pick<Settings, 'isDryRun' | 'comment' | 'githubToken'>,
  context: RunContext,
  clock: Clock,
  log: Log,
  signal?: AbortSignal
): GitHubClient | undefined {
  if (settings.isDryRun && !settings.comment) return undefined
  if (!settings.githubToken || !context.repository) {
    log.warning(say.noGitHubApi)
    return undefined
  }
  return createGitHubClient(settings.githubToken, context.repository, clock, signal)
}

export function trackerFor(
  settings: Pick<Settings, 'projectRoot' | 'reportPath' | 'githubDeployment' | 'deploymentWaitMs'>,
  client: GitHubClient | undefined,
  context: RunContext,
  clock: Clock,
  log: Log,
  ownedDeploymentId?: number,
  signal?: AbortSignal
): DeploymentTracker {
  const fallback = reportFileTracker(settings.projectRoot, settings.reportPath)
  if (!client) return fallback
  return githubDeploymentTracker(client, context, clock, log, {
    mode: settings.githubDeployment,
    waitTimeoutMs: settings.deploymentWaitMs,
    fallback,
    ...(ownedDeploymentId === undefined ? {} : { ownedDeploymentId }),
    ...(signal ? { signal } : {})
  })
}
