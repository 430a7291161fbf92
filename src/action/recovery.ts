/**
 * Finishing a run the main step could not finish: after a cancellation (the runner gives the main
 * step seconds, not the minutes a rollback takes), a kill or a crash. Reads the journal, rolls back
 * what had started, and records the final outcome. Used by the post step, and by the main step to
 * record a crash as far as it got.
 */
import { promises as fs, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import { recordedStatus, statusOf, urlForGitHub } from '../deploy.js'
import type { Log } from '../core/log.js'
import type { Message } from '../core/message.js'
import type { SecretRegistry } from '../core/redact.js'
import type { CommandRunner } from '../execution/command-runner.js'
import { stillDeployed } from '../execution/execute.js'
import { runRollback } from '../execution/rollback.js'
import { jobEnvironment } from '../execution/step-environment.js'
import type { Phase, PlannedStep } from '../plan/run-plan.js'
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

/**
 * A step's run: its id, the canary increment it ran at (a canary step runs at each), and the target
 * it ran for (a per-target step runs for each).
 */
function runOf(step: {
  id: string
  weight?: number | undefined
  target?: string | undefined
}): string {
  return `${step.id}@${step.weight ?? ''}#${step.target ?? ''}`
}

/** The plan's steps, each with the phase and the canary increment it runs in. */
function plannedSteps(
  entry: JournalEntry
): { step: PlannedStep; phase: Phase['kind']; weight?: number }[] {
  return entry.runPlan.phases.flatMap(phase =>
    phase.steps.map(step => ({
      step,
      phase: phase.kind,
      ...(phase.weight === undefined ? {} : { weight: phase.weight })
    }))
  )
}

/** The report of a run as far as its journal goes, with the step that was interrupted. */
export function reportFromJournal(
  entry: JournalEntry,
  now: number,
  error?: Message
): DeploymentReport {
  const steps = [...entry.report.steps]
  const planned = plannedSteps(entry)
  const interrupted = [
    ...(entry.runningStep ? [{ id: entry.runningStep, target: undefined }] : []),
    ...(entry.runningTargets ?? []).map(item => ({ id: item.step, target: item.target }))
  ]
  for (const { id, target } of interrupted) {
    const found = planned.find(item => item.step.id === id && item.weight === entry.runningWeight)
    const at = { id, weight: entry.runningWeight, target: target ?? found?.step.target }
    if (steps.some(step => runOf(step) === runOf(at) && step.phase !== 'rollback')) continue
    steps.push({
      id,
      name: found?.step.name ?? id,
      phase: found?.phase ?? 'deploy',
      status: 'cancelled',
      durationMs: 0,
      outputs: {},
      note: say.interrupted,
      ...(at.target === undefined ? {} : { target: at.target }),
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
    (entry.runningTargets ?? []).length > 0 ||
    entry.pendingRollback ||
    entry.rollingBack ||
    entry.report.rollback
  )
    return false
  const { fleet } = entry.runPlan
  const undone = (entry.report.targets ?? [])
    .filter(item => item.status === 'undone')
    .map(item => item.target)
  // Targets undone on their own are within max-failed-targets, or the run would have stopped.
  if (undone.length > fleet.rollout.maxFailedTargets) return false
  const deployed = fleet.targets.map(item => item.name).filter(name => !undone.includes(name))
  const records = new Map(entry.report.steps.map(step => [runOf(step), step]))
  const stepsPassed = plannedSteps(entry).every(({ step, weight }) => {
    const runs = step.isPerTarget
      ? deployed.map(target => ({ id: step.id, weight, target }))
      : [{ id: step.id, weight, target: step.target }]
    return runs.every(at => {
      const record = records.get(runOf(at))
      return record?.status === 'succeeded' || (record?.status === 'failed' && step.continueOnError)
    })
  })
  const checks = entry.runPlan.phases
    .flatMap(phase => phase.health)
    .reduce((count, check) => count + (check.isPerTarget ? deployed.length : 1), 0)
  const judged = entry.report.health.filter(
    record => record.target === undefined || deployed.includes(record.target)
  )
  return stepsPassed && judged.every(record => record.isHealthy) && judged.length === checks
}

/** Stops the process groups of the steps the main step left running, all at once. */
async function stopSurvivingSteps(entry: JournalEntry, deps: RecoveryDeps): Promise<void> {
  const single = {
    group: entry.runningProcessGroup,
    what: entry.runningStep
      ? say.runningStep(entry.runningStep)
      : entry.rollingBack?.running
        ? say.runningRollback(entry.rollingBack.running)
        : say.aStep
  }
  const parallel = [...(entry.runningTargets ?? []), ...(entry.rollingBack?.runningTargets ?? [])]
  await Promise.all(
    [
      single,
      ...parallel.map(item => ({
        group: item.processGroup,
        what: say.runningOnTarget(item.step, item.target)
      }))
    ].map(({ group, what }) =>
      group === undefined ? Promise.resolve() : stopGroup(group, what, deps)
    )
  )
}

/** Stops a process group, SIGTERM then SIGKILL. */
async function stopGroup(group: number, what: Message, deps: RecoveryDeps): Promise<void> {
  if (!isGroupAlive(group)) return
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
  } catch {
    return false
  }
  return hasLivingMember(group)
}

/**
 * Whether a process of the group still runs: a zombie no init has reaped yet (a container's first
 * process often reaps none) answers signal 0 but is dead. Without /proc, assume it runs.
 */
function hasLivingMember(group: number): boolean {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter(name => /^\d+$/.test(name))
  } catch {
    return true
  }
  return pids.some(pid => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return fields[2] === String(group) && fields[0] !== 'Z'
    } catch {
      return false
    }
  })
}

/** Whether any step of the run had started, and so may have changed the environment. */
export function hasStarted(entry: JournalEntry): boolean {
  return (
    entry.runningStep !== undefined ||
    (entry.runningTargets ?? []).length > 0 ||
    entry.report.steps.some(step => step.status !== 'skipped')
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
  await stopSurvivingSteps(entry, deps)
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
        executed: stillDeployed(executed, steps, entry.report.targets),
        steps,
        planRollbackSteps: entry.runPlan.rollbackSteps,
        cause,
        failedAt: entry.pendingRollback?.failedAt ?? deps.clock.now(),
        fleet: entry.runPlan.fleet
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
