/**
 * Finishing a run the main step could not finish: after a cancellation (the runner gives the main
 * step seconds, not the minutes a rollback takes), a kill or a crash. Reads the journal, rolls back
 * what had started, and records the final outcome. Used by the post step, and by the main step to
 * record a crash as far as it got.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Clock } from './clock.js'
import type { CommandRunner } from './command-runner.js'
import type { DeploymentTracker } from './deployment.js'
import { withoutPlan, type Journal, type JournalEntry } from './journal.js'
import type { Log } from './log.js'
import type { PlanStep } from './plan-schema.js'
import { recordDeployment } from './recorder.js'
import type { SecretRegistry } from './redact.js'
import type { DeploymentReport, RollbackRecord, StepRecord } from './report.js'
import { runRollback } from './rollback.js'
import { jobEnvironment } from './step-environment.js'

export interface RecoveryDeps {
  log: Log
  clock: Clock
  secrets: SecretRegistry
  runner: CommandRunner
  tracker: DeploymentTracker
  journal: Journal
  env: Readonly<Record<string, string | undefined>>
}

/** The report of a run as far as its journal goes, with the step that was interrupted. */
export function reportFromJournal(
  entry: JournalEntry,
  now: number,
  error?: string
): DeploymentReport {
  const steps = [...entry.report.steps]
  const running = entry.runningStep
  if (running && !steps.some(step => step.id === running && step.phase !== 'rollback')) {
    const planned = entry.runPlan.phases.flatMap(phase =>
      phase.steps.map(step => ({ step, phase: phase.kind }))
    )
    const found = planned.find(item => item.step.id === running)
    steps.push({
      id: running,
      name: found?.step.name ?? running,
      phase: found?.phase ?? 'deploy',
      status: 'cancelled',
      durationMs: 0,
      outputs: {},
      note: 'interrupted: the main step stopped while it ran'
    })
  }
  const finishedAt = new Date(now).toISOString()
  return {
    ...entry.report,
    runPlan: entry.runPlan,
    steps,
    finishedAt,
    durationMs: Math.max(0, now - Date.parse(entry.report.startedAt)),
    ...(error ? { error } : {})
  }
}

/** Whether any step of the run had started, and so may have changed the environment. */
export function hasStarted(entry: JournalEntry): boolean {
  return (
    entry.runningStep !== undefined || entry.report.steps.some(step => step.status !== 'skipped')
  )
}

export async function recover(deps: RecoveryDeps): Promise<DeploymentReport | undefined> {
  const { log } = deps
  const entry = await deps.journal.read()
  if (!entry) {
    log.info('Nothing to finish: the main step started no deployment')
    return undefined
  }
  if (entry.isComplete) {
    log.info('Nothing to finish: the main step recorded the deployment')
    return undefined
  }
  entry.secretNames.forEach(name => deps.secrets.add(deps.env[name]))
  const wasCancelled = entry.report.status === 'cancelled' || entry.pendingRollback !== undefined
  const report = reportFromJournal(
    entry,
    deps.clock.now(),
    wasCancelled
      ? undefined
      : (entry.report.error ?? 'the main step stopped before it finished (killed or crashed)')
  )
  log.warning(
    `The deployment of ${entry.deploy.proposal} to ${entry.deploy.environment} did not finish in the main step (${wasCancelled ? 'cancelled' : 'killed or crashed'}): finishing it here`
  )
  let rollback: RollbackRecord | undefined = entry.report.rollback
  if (!rollback && hasStarted(entry) && entry.settings.rollbackOnFailure) {
    rollback = await log.group('Rolling back the interrupted deployment', () =>
      rollBack(entry, report.steps, deps)
    )
  }
  const status = wasCancelled ? 'cancelled' : rollback?.isComplete ? 'rolled-back' : 'failure'
  const final: DeploymentReport = {
    ...report,
    status,
    ...(rollback ? { rollback } : {}),
    finishedAt: new Date(deps.clock.now()).toISOString(),
    durationMs: Math.max(0, deps.clock.now() - Date.parse(report.startedAt)),
    warnings: [
      ...report.warnings,
      `finished by the post step after the main step ${wasCancelled ? 'was cancelled' : 'stopped'}${rollback ? '' : '; nothing was rolled back'}`
    ]
  }
  const warning = await deps.tracker.finish({
    status,
    summary: `${status}: ${entry.deploy.proposal} ${entry.deploy.version}`,
    ...(final.deployUrl ? { deployUrl: final.deployUrl } : {})
  })
  if (warning) log.warning(warning)
  const recorded = await recordDeployment(
    warning ? { ...final, warnings: [...final.warnings, warning] } : final,
    {
      settings: entry.settings,
      proposalFolder: entry.proposalFolder,
      log,
      secrets: deps.secrets,
      runKey: entry.runKey,
      ...(entry.reportEntry ? { replacing: entry.reportEntry } : {})
    }
  )
  await deps.journal.write({
    ...entry,
    report: withoutPlan(recorded.report),
    isComplete: true,
    ...(recorded.entry ? { reportEntry: recorded.entry } : {})
  })
  return recorded.report
}

async function rollBack(
  entry: JournalEntry,
  executed: StepRecord[],
  deps: RecoveryDeps
): Promise<RollbackRecord> {
  const steps = new Map<string, PlanStep>(
    entry.runPlan.phases.flatMap(phase => phase.steps.map(step => [step.id, step] as const))
  )
  const cause =
    entry.pendingRollback?.cause ??
    entry.runningStep ??
    executed.at(-1)?.id ??
    'the interrupted run'
  const scratchDir = await fs.mkdtemp(
    path.join(deps.env['RUNNER_TEMP'] || os.tmpdir(), 'deploy-executor-post-')
  )
  try {
    return await runRollback(
      {
        executed,
        steps,
        planRollbackSteps: entry.runPlan.rollbackSteps,
        cause,
        failedAt: entry.pendingRollback?.failedAt ?? deps.clock.now()
      },
      {
        root: entry.settings.projectRoot,
        runner: deps.runner,
        log: deps.log,
        clock: deps.clock,
        job: jobEnvironment(deps.env),
        variables: entry.runPlan.variables,
        deploy: entry.deploy,
        defaultTimeoutMs: entry.runPlan.defaultStepTimeoutMs,
        scratchDir
      }
    )
  } finally {
    await fs.rm(scratchDir, { recursive: true, force: true })
  }
}
