/**
 * What the action's main and post steps share on a runner: reading inputs, the GitHub client and
 * deployment record, the journal's place, and publishing a report to the job summary, the
 * outputs and the pull request.
 */
import { once } from 'node:events'
import os from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import type { Clock } from './clock.js'
import { reportFileTracker, type DeploymentTracker } from './deployment.js'
import { createGitHubClient, type GitHubClient } from './github-client.js'
import { githubDeploymentTracker } from './github-deployment.js'
import type { Log } from './log.js'
import type { InputName } from './names.js'
import { publishComment } from './pr-comment.js'
import type { SecretRegistry } from './redact.js'
import { SUCCESSFUL_STATUSES, type DeploymentReport } from './report.js'
import { renderReport } from './report-markdown.js'
import { publishOutputs, publishSummary } from './report-publisher.js'
import type { RunContext } from './run-context.js'
import type { Settings } from './settings.js'

/** The state entry through which the main step tells the post step where its journal is. */
export const JOURNAL_STATE = 'journal'

/** The runner passes input `dry-run` as INPUT_DRY-RUN: upper case, hyphens kept. */
export function readInput(name: InputName): string | undefined {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
}

export function journalPath(runKey: string): string {
  return path.join(
    process.env['RUNNER_TEMP'] || os.tmpdir(),
    `deploy-executor-journal-${runKey}.json`
  )
}

/** The API client, when this run needs one: a real run, or a comment to post. */
export async function clientFor(
  settings: Pick<Settings, 'isDryRun' | 'comment' | 'githubToken'>,
  context: RunContext,
  clock: Clock,
  log: Log
): Promise<GitHubClient | undefined> {
  if (settings.isDryRun && !settings.comment) return undefined
  if (!settings.githubToken || !context.repository) {
    log.warning(
      'github-token or GITHUB_REPOSITORY is empty: no GitHub API calls are possible (no approval proof, deployment record or PR comment)'
    )
    return undefined
  }
  return createGitHubClient(settings.githubToken, context.repository, clock)
}

export function trackerFor(
  settings: Pick<Settings, 'projectRoot' | 'reportPath' | 'githubDeployment' | 'stepTimeoutMs'>,
  client: GitHubClient | undefined,
  context: RunContext,
  clock: Clock,
  log: Log,
  ownedDeploymentId?: number
): DeploymentTracker {
  const fallback = reportFileTracker(settings.projectRoot, settings.reportPath)
  if (!client) return fallback
  return githubDeploymentTracker(client, context, clock, log, {
    mode: settings.githubDeployment,
    waitTimeoutMs: settings.stepTimeoutMs,
    fallback,
    ...(ownedDeploymentId === undefined ? {} : { ownedDeploymentId })
  })
}

export interface PublishOptions {
  client?: GitHubClient
  context: RunContext
  secrets: SecretRegistry
  log: Log
  comment: boolean
  prNumber?: number
  setOutputs: boolean
}

/** Outputs, job summary and PR comment; then fails the step unless the deployment succeeded. */
export async function publish(report: DeploymentReport, options: PublishOptions): Promise<void> {
  const { secrets, log } = options
  if (options.setOutputs) publishOutputs(report, report.reportFile, core, secrets)
  const markdown = renderReport(report, report.locale)
  await publishSummary(
    markdown,
    {
      write: async text => {
        await core.summary.addRaw(text).write()
      }
    },
    secrets,
    log.warning
  )
  if (options.comment && options.client) {
    const result = await publishComment(options.client, options.context, report, markdown, {
      prNumber: options.prNumber,
      secrets
    })
    if (result.kind === 'posted')
      log.info(
        `Report ${result.isUpdate ? 'updated' : 'posted'} on pull request #${result.pullRequest}`
      )
    else if (result.kind === 'skipped') log.info(`No PR comment: ${result.reason}`)
    else log.warning(result.warning)
  }
  if (!SUCCESSFUL_STATUSES.includes(report.status))
    core.setFailed(secrets.redact(failureMessage(report)))
}

/** Streams step output to the log, waiting when the runner reads slower than the step writes. */
export function writeStdout(chunk: Buffer): void | Promise<void> {
  if (process.stdout.write(chunk)) return undefined
  return once(process.stdout, 'drain').then(() => undefined)
}

function failureMessage(report: DeploymentReport): string {
  if (report.status === 'refused') {
    const unmet = report.checks.filter(check => check.status === 'failed')
    return `Deployment refused: ${unmet.length} condition(s) unmet:\n${unmet.map(check => `- ${check.title}: ${check.detail.split('\n')[0] ?? ''}`).join('\n')}`
  }
  if (report.status === 'cancelled' && report.rollback === undefined)
    return 'Deployment cancelled: the post step rolls it back'
  return `Deployment ${report.status}${report.error ? `: ${report.error}` : ''}`
}
