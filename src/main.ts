/**
 * The action's entry: reads the inputs once, builds the real dependencies, runs the engine and
 * publishes what it found. The one place that fails the step.
 */
import { once } from 'node:events'
import * as core from '@actions/core'
import { noApproval, type ApprovalGate } from './approval.js'
import { bashRunner } from './command-runner.js'
import { fetchProbe } from './health-check.js'
import { systemClock } from './clock.js'
import { deploy, refuseInputs, type Dependencies } from './deploy.js'
import { actionsLog } from './log.js'
import { INPUT, type InputName } from './names.js'
import { SecretRegistry } from './redact.js'
import { SUCCESSFUL_STATUSES, type DeploymentReport } from './report.js'
import { renderReport } from './report-markdown.js'
import { publishOutputs, publishSummary } from './report-publisher.js'
import { githubRunContext } from './run-context.js'
import { readSettings } from './settings.js'

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
    const deps: Dependencies = {
      log,
      clock: systemClock,
      secrets,
      context,
      env: process.env,
      runner: bashRunner(),
      probe: fetchProbe,
      gate: read.ok && !read.settings.requireApproval ? noApproval : approvalNotYetProven,
      signal: cancellation.signal,
      rollbackOnCancel: true
    }
    const report = read.ok ? await deploy(read.settings, deps) : refuseInputs(read.errors, deps)
    await publish(report, secrets, log.warning)
    if (!SUCCESSFUL_STATUSES.includes(report.status)) {
      core.setFailed(secrets.redact(failureMessage(report)))
    }
  } catch (error) {
    core.setOutput('status', 'failure')
    core.setFailed(
      secrets.redact(
        `deploy-executor stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`
      )
    )
  }
}

async function publish(
  report: DeploymentReport,
  secrets: SecretRegistry,
  warn: (message: string) => void
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
    warn
  )
}

/** Streams step output to the log, waiting when the runner reads slower than the step writes. */
function writeStdout(chunk: string): void | Promise<void> {
  if (process.stdout.write(chunk)) return undefined
  return once(process.stdout, 'drain').then(() => undefined)
}

/** Fails closed until the GitHub environment approval can be proven from the API. */
const approvalNotYetProven: ApprovalGate = {
  authorize: environment =>
    Promise.resolve({
      kind: 'refused',
      problem: `this version cannot yet prove from the GitHub API that a reviewer approved '${environment}'`,
      fix: 'set require-approval: false for an environment that needs no reviewer, or use a release with the approval gate'
    })
}

function failureMessage(report: DeploymentReport): string {
  if (report.status === 'refused') {
    const unmet = report.checks.filter(check => check.status === 'failed')
    return `Deployment refused: ${unmet.length} condition(s) unmet:\n${unmet.map(check => `- ${check.title}: ${check.detail.split('\n')[0] ?? ''}`).join('\n')}`
  }
  return `Deployment ${report.status}`
}
