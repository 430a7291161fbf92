/**
 * The post step: runs after the job's steps, whatever happened to them. When the main step did
 * not finish its deployment (cancelled, killed, crashed) it rolls back and records the outcome;
 * when it did, it does nothing. The one place that fails the post step.
 */
// First: it configures zod before any schema is built (see the module).
import '../core/zod-setup.js'
import { existsSync } from 'node:fs'
import * as core from '@actions/core'
import { systemClock } from '../core/clock.js'
import { actionsLog } from '../core/log.js'
import { inLocale } from '../core/message.js'
import { SecretRegistry } from '../core/redact.js'
import { bashRunner } from '../execution/command-runner.js'
import { githubRunContext } from '../github/run-context.js'
import { INPUT } from './inputs.js'
import { appendJobSummary } from './job-summary.js'
import { say } from './messages.js'
import { fileJournal } from './journal.js'
import { persistRun } from './persist.js'
import { publish } from './publish.js'
import { recover } from './recovery.js'
import {
  clientFor,
  JOURNAL_KEY_STATE,
  JOURNAL_STATE,
  JOURNAL_WRITTEN_STATE,
  projectLocaleOf,
  readInput,
  tempDirOf,
  trackerFor
} from './wiring.js'
import { writeStdout } from './stdout.js'

export async function runPost(): Promise<void> {
  const secrets = new SecretRegistry(value => core.setSecret(value))
  const locale = projectLocaleOf(readInput, process.env['GITHUB_WORKSPACE'] || process.cwd())
  const log = actionsLog(core, secrets, writeStdout, locale)
  try {
    const file = core.getState(JOURNAL_STATE)
    if (!file) {
      log.info(say.nothingRan)
      return
    }
    const journal = fileJournal(file, core.getState(JOURNAL_KEY_STATE), {
      lastWritten: Number.parseInt(core.getState(JOURNAL_WRITTEN_STATE), 10) || 0
    })
    const entry = await journal.read()
    if (!entry && existsSync(file)) {
      // The main step started a real run, and what it left cannot be read: say so, loudly.
      const message = say.journalUnreadable(file)
      log.error(message)
      const heading = inLocale(say.stateUnknownHeading, locale)
      await appendJobSummary(`# ${heading}\n\n${inLocale(message, locale)}\n`)
      core.setFailed(inLocale(message, locale))
      return
    }
    if (!entry || entry.isComplete) {
      log.info(say.alreadyRecorded)
      return
    }
    const env = process.env
    const context = githubRunContext(env)
    const token = readInput(INPUT.githubToken)
    secrets.add(token)
    const settings = { ...entry.settings, githubToken: token || undefined, isDryRun: false }
    const client = clientFor(settings, context, systemClock, log)
    const report = await recover({
      log,
      clock: systemClock,
      secrets,
      runner: bashRunner({ tempDir: tempDirOf(env) }),
      tracker: trackerFor(settings, client, context, systemClock, log, entry.ownedDeploymentId),
      journal,
      env,
      tempDir: tempDirOf(env)
    })
    if (!report) return
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
      comment: settings.comment,
      prNumber: settings.prNumber,
      setOutputs: false,
      isFinal: true
    })
    if (!outcome.isSuccessful) core.setFailed(inLocale(outcome.failure, locale))
  } catch (error) {
    core.setFailed(
      secrets.redact(inLocale(say.postCrashed((error as Error).stack ?? String(error)), locale))
    )
  }
}
