/**
 * The post step: runs after the job's steps, whatever happened to them. When the main step did
 * not finish its deployment (cancelled, killed, crashed) it rolls back and records the outcome;
 * when it did, it does nothing.
 */
import * as core from '@actions/core'
import {
  clientFor,
  JOURNAL_STATE,
  publish,
  readInput,
  trackerFor,
  writeStdout
} from './action-runtime.js'
import { systemClock } from './clock.js'
import { bashRunner } from './command-runner.js'
import { fileJournal } from './journal.js'
import { actionsLog } from './log.js'
import { INPUT } from './names.js'
import { recover } from './recovery.js'
import { SecretRegistry } from './redact.js'
import { githubRunContext } from './run-context.js'

export async function runPost(): Promise<void> {
  const secrets = new SecretRegistry(value => core.setSecret(value))
  const log = actionsLog(core, secrets, writeStdout)
  try {
    const file = core.getState(JOURNAL_STATE)
    if (!file) {
      log.info('Nothing to finish: the main step ran no real deployment')
      return
    }
    const journal = fileJournal(file)
    const entry = await journal.read()
    if (!entry || entry.isComplete) {
      log.info('Nothing to finish: the main step recorded the deployment')
      return
    }
    const context = githubRunContext(process.env)
    const token = readInput(INPUT.githubToken)
    secrets.add(token)
    const settings = {
      ...entry.settings,
      ...(token ? { githubToken: token } : {}),
      isDryRun: false
    }
    const client = await clientFor(settings, context, systemClock, log)
    const report = await recover({
      log,
      clock: systemClock,
      secrets,
      runner: bashRunner(),
      tracker: trackerFor(settings, client, context, systemClock, log, entry.ownedDeploymentId),
      journal,
      env: process.env
    })
    if (report) {
      await publish(report, {
        ...(client ? { client } : {}),
        context,
        secrets,
        log,
        comment: settings.comment,
        prNumber: settings.prNumber,
        setOutputs: false
      })
    }
  } catch (error) {
    core.setFailed(
      secrets.redact(
        `deploy-executor's post step stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`
      )
    )
  }
}
