/**
 * The action's main step: reads the inputs once, builds the real dependencies, runs the engine and
 * publishes what it found. The one place that fails the main step.
 */
import * as core from '@actions/core'
import { githubApprovalGate } from './approval-gate.js'
import {
  clientFor,
  JOURNAL_STATE,
  journalPath,
  publish,
  readInput,
  trackerFor,
  writeStdout
} from './action-runtime.js'
import { systemClock } from './clock.js'
import { bashRunner } from './command-runner.js'
import { deploy, refuseInputs } from './deploy.js'
import { fetchProbe } from './health-check.js'
import { fileJournal, withoutPlan, type Journal } from './journal.js'
import { actionsLog, type Log } from './log.js'
import { INPUT, OUTPUT } from './names.js'
import { recordDeployment } from './recorder.js'
import { hasStarted, reportFromJournal } from './recovery.js'
import { SecretRegistry } from './redact.js'
import { githubRunContext, runKeyOf } from './run-context.js'
import { readSettings } from './settings.js'

/**
 * Between SIGTERM and SIGKILL to a cancelled step: the runner kills the action 10 s after its
 * SIGINT, and the report must be written before that.
 */
const CANCEL_GRACE_MS = 2_000

export async function run(): Promise<void> {
  const secrets = new SecretRegistry(value => core.setSecret(value))
  const log = actionsLog(core, secrets, writeStdout)
  const cancellation = new AbortController()
  const cancel = (): void => {
    if (!cancellation.signal.aborted)
      log.warning('Cancellation received: stopping the running step')
    cancellation.abort()
  }
  process.on('SIGINT', cancel)
  process.on('SIGTERM', cancel)
  let journal: Journal | undefined
  try {
    const context = githubRunContext(process.env)
    secrets.add(readInput(INPUT.githubToken))
    const read = readSettings(readInput, context.workspace)
    if (!read.ok) {
      const refused = refuseInputs(read.errors, { log, clock: systemClock, context })
      await publish(refused, { context, secrets, log, comment: false, setOutputs: true })
      return
    }
    const { settings } = read
    const runKey = runKeyOf(context, systemClock.now())
    if (!settings.isDryRun) {
      const file = journalPath(runKey)
      journal = fileJournal(file)
      core.saveState(JOURNAL_STATE, file)
    }
    const client = await clientFor(settings, context, systemClock, log)
    const report = await deploy(settings, {
      log,
      clock: systemClock,
      secrets,
      context,
      env: process.env,
      runner: bashRunner({ killGraceMs: CANCEL_GRACE_MS }),
      probe: fetchProbe,
      gate: githubApprovalGate(client, context, {
        requireApproval: settings.requireApproval,
        requireDistinctApprover: settings.requireDistinctApprover
      }),
      tracker: trackerFor(settings, client, context, systemClock, log),
      signal: cancellation.signal,
      rollbackOnCancel: false,
      ...(journal ? { journal } : {}),
      runKey
    })
    // A cancelled run has seconds left: the post step comments once the rollback is done.
    const isCancelled = report.status === 'cancelled'
    await publish(report, {
      ...(client ? { client } : {}),
      context,
      secrets,
      log,
      comment: settings.comment && !isCancelled,
      prNumber: settings.prNumber,
      setOutputs: true
    })
    if (client) log.debug(`GitHub API requests made: ${client.requestCount()}`)
  } catch (error) {
    await recordCrash(error, journal, secrets, log)
  }
}

/** An unexpected error: say where the run stopped, in the summary and the report file too. */
async function recordCrash(
  error: unknown,
  journal: Journal | undefined,
  secrets: SecretRegistry,
  log: Log
): Promise<void> {
  const message = `deploy-executor stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`
  core.setOutput(OUTPUT.status, 'failure')
  try {
    const entry = await journal?.read()
    if (entry && !entry.isComplete && hasStarted(entry)) {
      const where = entry.runningStep
        ? `while step ${entry.runningStep} ran`
        : `after step ${entry.report.steps.at(-1)?.id ?? '?'}`
      await core.summary
        .addRaw(
          secrets.redact(
            `# Deployment stopped ${where}\n\n${(error as Error).message}\n\nThe post step of this action rolls back what had started.\n`
          )
        )
        .write()
      const report = {
        ...reportFromJournal(
          entry,
          systemClock.now(),
          `stopped ${where}: ${(error as Error).message}`
        ),
        status: 'failure' as const
      }
      const recorded = await recordDeployment(report, {
        settings: entry.settings,
        proposalFolder: entry.proposalFolder,
        log,
        secrets,
        runKey: entry.runKey
      })
      await journal?.write({
        ...entry,
        report: withoutPlan(recorded.report),
        ...(recorded.entry ? { reportEntry: recorded.entry } : {})
      })
    }
  } catch (recordError) {
    log.warning(`could not record everything about the crash: ${(recordError as Error).message}`)
  }
  core.setFailed(secrets.redact(message))
}
