/**
 * The action's entry: reads the inputs once, builds the real dependencies, runs the engine and
 * publishes what it found. The one place that fails the step.
 */
import { once } from 'node:events'
import * as core from '@actions/core'
import { githubApprovalGate } from './approval-gate.js'
import { systemClock } from './clock.js'
import { bashRunner } from './command-runner.js'
import { deploy, refuseInputs, type Dependencies } from './deploy.js'
import { reportFileTracker } from './deployment.js'
import { createGitHubClient, type GitHubClient } from './github-client.js'
import { githubDeploymentTracker } from './github-deployment.js'
import { fetchProbe } from './health-check.js'
import { actionsLog, type Log } from './log.js'
import { INPUT, OUTPUT, type InputName } from './names.js'
import { publishComment } from './pr-comment.js'
import { SecretRegistry } from './redact.js'
import { SUCCESSFUL_STATUSES, type DeploymentReport } from './report.js'
import { renderReport } from './report-markdown.js'
import { publishOutputs, publishSummary } from './report-publisher.js'
import { githubRunContext, type RunContext } from './run-context.js'
import { readSettings, type Settings } from './settings.js'

/** The runner passes input `dry-run` as INPUT_DRY-RUN: upper case, hyphens kept. */
function readInput(name: InputName): string | undefined {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
}

export async function run(): Promise<void> {
  const secrets = new SecretRegistry(value => core.setSecret(value))
  const log = actionsLog(core, secrets, writeStdout)
  const cancellation = new AbortController()
  const cancel = (): void => cancellation.abort()
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const context = githubRunContext(process.env)
    secrets.add(readInput(INPUT.githubToken))
    const read = readSettings(readInput, context.workspace)
    if (!read.ok) {
      await publish(
        refuseInputs(read.errors, { log, clock: systemClock, context }),
        undefined,
        undefined,
        context,
        secrets,
        log
      )
      return
    }
    const { settings } = read
    const client = await clientFor(settings, context, log)
    const deps: Dependencies = {
      log,
      clock: systemClock,
      secrets,
      context,
      env: process.env,
      runner: bashRunner(),
      probe: fetchProbe,
      gate: githubApprovalGate(client, context, {
        requireApproval: settings.requireApproval,
        requireDistinctApprover: settings.requireDistinctApprover
      }),
      tracker: trackerFor(settings, client, context, log),
      signal: cancellation.signal,
      rollbackOnCancel: true
    }
    const report = await deploy(settings, deps)
    await publish(report, settings, client, context, secrets, log)
    if (client) log.debug(`GitHub API requests made: ${client.requestCount()}`)
  } catch (error) {
    core.setOutput(OUTPUT.status, 'failure')
    core.setFailed(
      secrets.redact(
        `deploy-executor stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`
      )
    )
  }
}

/** The API client, when this run needs one: a real run, or a comment to post. */
async function clientFor(
  settings: Settings,
  context: RunContext,
  log: Log
): Promise<GitHubClient | undefined> {
  if (settings.isDryRun && !settings.comment) return undefined
  if (!settings.githubToken || !context.repository) {
    log.warning(
      'github-token or GITHUB_REPOSITORY is empty: no GitHub API calls are possible (no approval proof, deployment record or PR comment)'
    )
    return undefined
  }
  return createGitHubClient(settings.githubToken, context.repository, systemClock)
}

function trackerFor(
  settings: Settings,
  client: GitHubClient | undefined,
  context: RunContext,
  log: Log
): Dependencies['tracker'] {
  const fallback = reportFileTracker(settings.projectRoot, settings.reportPath)
  if (!client) return fallback
  return githubDeploymentTracker(client, context, systemClock, log, {
    mode: settings.githubDeployment,
    waitTimeoutMs: settings.stepTimeoutMs,
    fallback
  })
}

async function publish(
  report: DeploymentReport,
  settings: Settings | undefined,
  client: GitHubClient | undefined,
  context: RunContext,
  secrets: SecretRegistry,
  log: Log
): Promise<void> {
  publishOutputs(report, report.reportFile, core, secrets)
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
  if (settings?.comment && client) {
    const result = await publishComment(client, context, report, markdown, {
      prNumber: settings.prNumber,
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
function writeStdout(chunk: string): void | Promise<void> {
  if (process.stdout.write(chunk)) return undefined
  return once(process.stdout, 'drain').then(() => undefined)
}

function failureMessage(report: DeploymentReport): string {
  if (report.status === 'refused') {
    const unmet = report.checks.filter(check => check.status === 'failed')
    return `Deployment refused: ${unmet.length} condition(s) unmet:\n${unmet.map(check => `- ${check.title}: ${check.detail.split('\n')[0] ?? ''}`).join('\n')}`
  }
  return `Deployment ${report.status}`
}
