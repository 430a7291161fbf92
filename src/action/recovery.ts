/**
 * Finishing a run the main step could not finish: after a cancellation (the runner gives the main
 * step seconds, not the minutes a rollback takes), a kill or a crash. Reads the journal, rolls back
 * what had started, and records the final outcome. Used by the post step, and by the main step to
 * record a crash as far as it got.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import { recordedStatus, statusOf, urlForGitHub } from '../deploy.js'
import type { Log } from '../core/log.js'
import type { Message } from '../core/message.js'
import type { SecretRegistry } from '../core/redact.js'
import type { CommandRunner } from '../execution/command-runner.js'
import { runRollback } from '../execution/rollback.js'
import { jobEnvironment } from '../execution/step-environment.js'
import type { PlannedStep } from '../plan/run-plan.js'
import type { DeploymentTracker } from '../report/deployment-record.js'
import type { DeploymentReport, RollbackRecord, StepRecord } from '../report/model.js'
import { recordDeployment } from '../report/record.js'
import type { Journal, JournalEntry } from './journal.js'
import { say } from './messages.js'

export interface RecoveryDeps {
  log: Log
  clock: Clock
  secrets: SecretRegistry
  runner: CommandRunner
  tracker: DeploymentTracker
  journal: Journal
  env: Readonly<Record<string, string | undefined>>
  /** Where the rollback keeps its scratch files (RUNNER_TEMP on a runner). */
  tempDir: string
}

/** A step's run: its id, and the canary increment it ran at (a canary step runs at each). */
function runOf(step: { id: string; weight?: number | undefined }): string {
  return step.weight === undefined ? step.id : `${step.id}@${step.weight}`
}

/** The report of a run as far as its journal goes, with the step that was interrupted. */
export function reportFromJournal(
  entry: JournalEntry,
  now: number,
  error?: Message
): DeploymentReport {
  const steps = [...entry.report.steps]
  const running = entry.runningStep
  const runningRun = runOf({ id: running ?? '', weight: entry.runningWeight })
  if (running && !steps.some(step => runOf(step) === runningRun && step.phase !== 'rollback')) {
    const planned = entry.runPlan.phases.flatMap(phase =>
      phase.steps.map(step => ({ step, phase: phase.kind, weight: phase.weight }))
    )
    const found = planned.find(
      item => runOf({ id: item.step.id, weight: item.weight }) === runningRun
    )
    steps.push({
      id: running,
      name: found?.step.name ?? running,
      phase: found?.phase ?? 'deploy',
      status: 'cancelled',
      durationMs: 0,
      outputs: {},
      note: say.interrupted,
      ...(entry.runningWeight === undefined ? {} : { weight: entry.runningWeight })
    })
  }
  return {
    ...entry.report,
    steps,
    finishedAt: new Date(now).toISOString(),
    durationMs: Math.max(0, now - Date.parse(entry.report.startedAt)),
    ...(error ? { error } : {})
  }
}

/**
 * Whether the run had deployed when its main step stopped: every planned step ran and succeeded (or
 * failed with continue-on-error), at every canary increment, every planned health check was
 * healthy, and nothing was running. Such a deployment is recorded, never rolled back.
 */
export function hasSucceeded(entry: JournalEntry): boolean {
  if (
    entry.runningStep !== undefined ||
    entry.pendingRollback ||
    entry.rollingBack ||
    entry.report.rollback
  )
    return false
  const records = new Map(entry.report.steps.map(step => [runOf(step), step]))
  const planned = entry.runPlan.phases.flatMap(phase =>
    phase.steps.map(step => ({ step, weight: phase.weight }))
  )
  const stepsPassed = planned.every(({ step, weight }) => {
    const record = records.get(runOf({ id: step.id, weight }))
    return record?.status === 'succeeded' || (record?.status === 'failed' && step.continueOnError)
  })
  const checks = entry.runPlan.phases.flatMap(phase => phase.health)
  const healthy = entry.report.health.filter(record => record.isHealthy)
  return (
    stepsPassed && healthy.length === checks.length && entry.report.health.length === checks.length
  )
}

/** Stops the process group of a step the main step left running, SIGTERM then SIGKILL. */
async function stopSurvivingStep(entry: JournalEntry, deps: RecoveryDeps): Promise<void> {
  const group = entry.runningProcessGroup
  if (group === undefined || !isGroupAlive(group)) return
  const what = entry.runningStep
    ? say.runningStep(entry.runningStep)
    : entry.rollingBack?.running
      ? say.runningRollback(entry.rollingBack.running)
      : say.aStep
  deps.log.warning(say.stillRunning(what, group))
  for (const [signal, waitMs] of [
    ['SIGTERM', 5_000],
    ['SIGKILL', 5_000]
  ] as const) {
    try {
      process.kill(-group, signal)
    } catch {
      return
    }
    const deadline = deps.clock.now() + waitMs
    while (isGroupAlive(group) && deps.clock.now() < deadline) await deps.clock.sleep(100)
    if (!isGroupAlive(group)) return
  }
}

function isGroupAlive(group: number): boolean {
  try {
    process.kill(-group, 0)
    return true
  } catch {
    return false
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
    log.info(say.nothingStarted)
    return undefined
  }
  if (entry.isComplete) {
    log.info(say.alreadyRecorded)
    return undefined
  }
  entry.secretNames.forEach(name => deps.secrets.add(deps.env[name]))
  const wasCancelled =
    entry.report.status === 'cancelled' || entry.pendingRollback?.isCancel === true
  const report = reportFromJournal(
    entry,
    deps.clock.now(),
    wasCancelled ? undefined : (entry.report.error ?? say.killed)
  )
  const { deployment } = entry
  // A step the main step left running would race its own rollback: stop it first.
  await stopSurvivingStep(entry, deps)
  const isDeployed = !wasCancelled && hasSucceeded(entry)
  const how = wasCancelled ? say.wasCancelled : say.wasKilled
  log.warning(
    (isDeployed ? say.unfinishedDeployed : say.unfinished)(
      deployment.proposal,
      deployment.environment,
      how
    )
  )
  let rollback: RollbackRecord | undefined = entry.report.rollback
  const mayRollBack = entry.settings.rollbackOnFailure && entry.deployment.mode !== 'rollback'
  if (!isDeployed && !rollback && hasStarted(entry) && mayRollBack) {
    rollback = await log.group(say.rollingBackGroup, () => rollBack(entry, report.steps, deps))
  }
  const status = isDeployed
    ? statusOf(entry.deployment.mode, 'success')
    : wasCancelled
      ? 'cancelled'
      : rollback?.isComplete
        ? 'rolled-back'
        : 'failure'
  const final: DeploymentReport = {
    ...(isDeployed ? { ...report, error: undefined } : report),
    status,
    rollback,
    finishedAt: new Date(deps.clock.now()).toISOString(),
    durationMs: Math.max(0, deps.clock.now() - Date.parse(report.startedAt)),
    warnings: [
      ...report.warnings,
      rollback
        ? wasCancelled
          ? say.finishedByPost
          : say.finishedByPostStopped
        : wasCancelled
          ? say.finishedByPostNothing
          : say.finishedByPostStoppedNothing
    ]
  }
  const warning = await deps.tracker.finish({
    status: recordedStatus(final),
    summary: deps.secrets.redact(`${status}: ${deployment.proposal} ${deployment.version}`),
    deployUrl: urlForGitHub(final.deployUrl, deps)
  })
  if (warning) log.warning(warning)
  return record(warning ? { ...final, warnings: [...final.warnings, warning] } : final, entry, {
    ...deps,
    isComplete: true
  })
}

export type CrashDeps = Pick<RecoveryDeps, 'log' | 'clock' | 'secrets'> & {
  journal: Journal | undefined
  /** Told first, in words, where the run stopped: the job summary, written even if recording fails. */
  tellStopped: (summary: Message) => Promise<void>
}

/**
 * An unexpected error in the main step: when a deployment had started, says where it stopped and
 * records the run as far as it got (report entry, journal), leaving the rollback to the post step.
 */
export async function recordCrash(error: Error, deps: CrashDeps): Promise<void> {
  const entry = await deps.journal?.read()
  if (!deps.journal || !entry || entry.isComplete || !hasStarted(entry)) return
  const where = entry.runningStep
    ? say.stoppedWhile(entry.runningStep)
    : say.stoppedAfter(entry.report.steps.at(-1)?.id ?? '?')
  await deps.tellStopped(say.crashSummary(where, error.message))
  const report: DeploymentReport = {
    ...reportFromJournal(entry, deps.clock.now(), say.stoppedError(where, error.message)),
    status: 'failure'
  }
  await record(report, entry, { ...deps, journal: deps.journal, isComplete: false })
}

/** Writes the report entry (replacing this run's earlier one) and the journal's new state. */
async function record(
  report: DeploymentReport,
  entry: JournalEntry,
  deps: Pick<RecoveryDeps, 'log' | 'secrets' | 'journal'> & { isComplete: boolean }
): Promise<DeploymentReport> {
  const recorded = await recordDeployment(report, {
    settings: entry.settings,
    proposalFolder: entry.deployment.proposalFolder,
    log: deps.log,
    secrets: deps.secrets,
    runKey: entry.runKey,
    replacing: entry.reportEntry
  })
  await deps.journal.write({
    ...entry,
    report: recorded.report,
    isComplete: deps.isComplete,
    reportEntry: recorded.entry ?? entry.reportEntry
  })
  return recorded.report
}

async function rollBack(
  entry: JournalEntry,
  executed: StepRecord[],
  deps: RecoveryDeps
): Promise<RollbackRecord> {
  const steps = new Map<string, PlannedStep>(
    entry.runPlan.phases.flatMap(phase => phase.steps.map(step => [step.id, step] as const))
  )
  const cause =
    entry.pendingRollback?.cause ??
    entry.runningStep ??
    executed.at(-1)?.id ??
    'the interrupted run'
  const scratchDir = await fs.mkdtemp(path.join(deps.tempDir, 'deploy-executor-post-'))
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
        deployment: entry.deployment,
        url: entry.url,
        scratchDir
      },
      { done: entry.rollingBack?.done }
    )
  } finally {
    await fs.rm(scratchDir, { recursive: true, force: true })
  }
}
