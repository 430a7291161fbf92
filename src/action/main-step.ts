/**
 * The action's main step: reads the inputs once, builds the real dependencies, runs the engine and
 * publishes what it found. The one place that fails the main step.
 */
// First: it configures zod before any schema is built (see the module).
import '../core/zod-setup.js'
import * as core from '@actions/core'
import { systemClock } from '../core/clock.js'
import { actionsLog } from '../core/log.js'
import { inLocale } from '../core/message.js'
import { SecretRegistry } from '../core/redact.js'
import { deploy, refuseInputs } from '../deploy.js'
import { bashRunner } from '../execution/command-runner.js'
import { fetchProbe } from '../execution/health.js'
import { githubApprovalGate } from '../github/approval-gate.js'
import { githubRunContext, runKeyOf } from '../github/run-context.js'
import { INPUT } from './inputs.js'
import { appendJobSummary } from './job-summary.js'
import { say } from './messages.js'
import { fileJournal, newJournalKey, runJournal, type Journal } from './journal.js'
import { OUTPUT } from './outputs.js'
import { persistRun } from './persist.js'
import { publish } from './publish.js'
import { recordCrash } from './recovery.js'
import { readSettings } from './settings.js'
import {
  clientFor,
  JOURNAL_KEY_STATE,
  JOURNAL_STATE,
  JOURNAL_WRITTEN_STATE,
  journalPath,
  projectLocaleOf,
  readInput,
  tempDirOf,
  trackerFor
} from './wiring.js'
import { writeStdout } from './stdout.js'

/**
 * Between SIGTERM and SIGKILL to a cancelled step: the runner kills the action 10 s after its
 * SIGINT, and the report must be written before that.
 */
const CANCEL_GRACE_MS = 2_000

export async function run(): Promise<void> {
  const secrets = new SecretRegistry(value => core.setSecret(value))
  const locale = projectLocaleOf(readInput, process.env['GITHUB_WORKSPACE'] || process.cwd())
  const log = actionsLog(core, secrets, writeStdout, locale)
  const cancellation = new AbortController()
  const cancel = (): void => {
    if (!cancellation.signal.aborted) log.warning(say.cancelling)
    cancellation.abort()
  }
  process.on('SIGINT', cancel)
  process.on('SIGTERM', cancel)
  let journal: Journal | undefined
  try {
    const env = process.env
    const tempDir = tempDirOf(env)
    const context = githubRunContext(env)
    secrets.add(readInput(INPUT.githubToken))
    const read = readSettings(readInput, context.workspace)
    if (!read.ok) {
      const refused = refuseInputs(read.errors, locale, { log, clock: systemClock, context })
      const outcome = await publish(refused, {
        context,
        secrets,
        log,
        comment: false,
        setOutputs: true
      })
      if (!outcome.isSuccessful) core.setFailed(inLocale(outcome.failure, locale))
      return
    }
    const { settings } = read
    const runKey = runKeyOf(context, systemClock.now())
    if (!settings.isDryRun) {
      const file = journalPath(tempDir, runKey)
      const key = newJournalKey()
      journal = fileJournal(file, key, {
        // Without the runner's state file, core would print the state to the log: no post step
        // will read it then anyway.
        ...(env['GITHUB_STATE']
          ? { onWritten: written => core.saveState(JOURNAL_WRITTEN_STATE, String(written)) }
          : {})
      })
      core.saveState(JOURNAL_STATE, file)
      core.saveState(JOURNAL_KEY_STATE, key)
    }
    const client = clientFor(settings, context, systemClock, log, cancellation.signal)
    const report = await deploy(settings, {
      log,
      clock: systemClock,
      secrets,
      context,
      env,
      tempDir,
      runner: bashRunner({ killGraceMs: CANCEL_GRACE_MS, tempDir }),
      probe: fetchProbe,
      gate: githubApprovalGate(client, context, {
        requireApproval: settings.requireApproval,
        requireDistinctApprover: settings.requireDistinctApprover
      }),
      tracker: trackerFor(
        settings,
        client,
        context,
        systemClock,
        log,
        undefined,
        cancellation.signal
      ),
      signal: cancellation.signal,
      rollbackOnCancel: false,
      journal: journal && runJournal(journal, settings),
      runKey
    })
    // A cancelled run has seconds left: the post step records and comments after the rollback.
    const isCancelled = report.status === 'cancelled'
    if (!isCancelled)
      await persistRun(report, {
        mode: settings.persist,
        projectRoot: settings.projectRoot,
        client,
        context,
        log,
        secrets,
        outputs: core,
        summary: markdown => appendJobSummary(markdown)
      })
    const outcome = await publish(report, {
      client,
      context,
      secrets,
      log,
      comment: settings.comment && !isCancelled,
      prNumber: settings.prNumber,
      setOutputs: true
    })
    if (client) log.debug(say.apiRequests(client.requestCount()))
    if (!outcome.isSuccessful) core.setFailed(inLocale(outcome.failure, locale))
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    core.setOutput(OUTPUT.status, 'failure')
    try {
      await recordCrash(failure, {
        log,
        clock: systemClock,
        secrets,
        journal,
        tellStopped: summary => appendJobSummary(secrets.redact(inLocale(summary, locale)))
      })
    } catch (recordError) {
      log.warning(say.crashUnrecorded((recordError as Error).message))
    }
    core.setFailed(secrets.redact(inLocale(say.crashed(failure.stack ?? failure.message), locale)))
  }
}
