/**
 * The action's entry: reads the inputs once, builds the real dependencies, runs the engine and
 * publishes what it found. The one place that fails the step.
 */
import * as core from '@actions/core'
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
  const log = actionsLog(core, secrets, chunk => process.stdout.write(chunk))
  try {
    const context = githubRunContext(process.env)
    const deps: Dependencies = { log, clock: systemClock, secrets, context, env: process.env }
    secrets.add(readInput(INPUT.githubToken))
    const read = readSettings(readInput, context.workspace)
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
  publishOutputs(report, undefined, core, secrets)
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

function failureMessage(report: DeploymentReport): string {
  if (report.status === 'refused') {
    const unmet = report.checks.filter(check => check.status === 'failed')
    return `Deployment refused: ${unmet.length} condition(s) unmet:\n${unmet.map(check => `- ${check.title}: ${check.detail.split('\n')[0] ?? ''}`).join('\n')}`
  }
  return `Deployment ${report.status}`
}
