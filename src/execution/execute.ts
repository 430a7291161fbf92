/**
 * A real run of the plan: each phase's steps in order, then its health checks; the first failure
 * stops the run (remaining steps are skipped) and starts the rollback. In canary mode the canary
 * phase (each increment's, in order) must be healthy before the deploy phase, the promotion, runs
 * at all.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import type { CommandRunner } from './command-runner.js'
import { runHealthCheck, type HttpProbe } from './health.js'
import type { BaselineValues } from './metric.js'
import type { Log } from '../core/log.js'
import { listOf, verbatim, type Message } from '../core/message.js'
import type { Deployment } from '../plan/deployment.js'
import type { PlannedStep, RunPlan } from '../plan/run-plan.js'
import type {
  DeploymentStatus,
  HealthRecord,
  RollbackRecord,
  StepRecord,
  TargetOutcome
} from '../report/model.js'
import { runFleet, type FleetState, type RunningTarget } from './fleet.js'
import { say } from './messages.js'
import { urlProblem } from './reported-url.js'
import { runRollback } from './rollback.js'
import { initialUrlOf, stepEnvironment } from './step-environment.js'
import { runStep, type StepRun } from './step.js'

export interface ExecutionDeps {
  runner: CommandRunner
  probe: HttpProbe
  clock: Clock
  log: Log
  /** Where the run keeps its scratch files (RUNNER_TEMP on a runner). */
  tempDir: string
  signal?: AbortSignal
  /** Told of every change of state, before and after each step: the journal listens here. */
  onProgress?: (progress: ExecutionProgress) => Promise<void>
}

export interface ExecutionProgress {
  steps: StepRecord[]
  health: HealthRecord[]
  deployUrl: string
  runningStep?: string
  /** The canary increment (or promotion) the running step belongs to: its DEPLOY_CANARY_WEIGHT. */
  runningWeight?: number
  /** The process group of the running step, for whoever must stop it if this process dies. */
  runningProcessGroup?: number
  pendingRollback?: PendingRollback
  /** The rollback under way: the rollback steps finished so far, and the one running. */
  rollingBack?: RollbackProgress
  rollback?: RollbackRecord
  /** Per-target steps running now, one per target, with their process groups. */
  runningTargets?: RunningTarget[]
  /** Each target's outcome, once per-target steps have started. */
  targets?: TargetOutcome[]
  /** Rollbacks of the targets undone on their own (failures within max-failed-targets). */
  undoneTargets?: StepRecord[]
}

/** A failure whose rollback has not finished: what failed, when, and whether it was a cancellation. */
export interface PendingRollback {
  cause: string
  failedAt: number
  isCancel: boolean
}

export interface RollbackProgress {
  done: StepRecord[]
  running?: string
  /** Per-target rollback steps running now, in parallel. */
  runningTargets?: RunningTarget[]
}

export interface ExecutionInput {
  runPlan: RunPlan
  root: string
  /** The job's environment, private variables removed. */
  job: Record<string, string>
  deployment: Deployment
  rollbackOnFailure: boolean
  /** Whether a cancelled run rolls back here (the CLI) or leaves it to a later step (the action's post step). */
  rollbackOnCancel: boolean
  /** The metric baselines measured before the first step (baseline.ts). */
  baselines?: BaselineValues
}

export interface Execution {
  status: Exclude<DeploymentStatus, 'refused' | 'dry-run'>
  steps: StepRecord[]
  health: HealthRecord[]
  rollback?: RollbackRecord
  /** A cancelled run whose rollback is left to a later step. */
  pendingRollback?: PendingRollback
  deployUrl?: string
  targets?: TargetOutcome[]
  undoneTargets?: StepRecord[]
  warnings: Message[]
}

interface Failure {
  cause: string
  at: number
  isCancel: boolean
}

export async function executeRunPlan(
  input: ExecutionInput,
  deps: ExecutionDeps
): Promise<Execution> {
  const { runPlan } = input
  const warnings: Message[] = []
  const scratchDir = await fs.mkdtemp(path.join(deps.tempDir, 'deploy-executor-'))
  try {
    const run: StepRun = {
      root: input.root,
      runner: deps.runner,
      log: deps.log,
      clock: deps.clock,
      job: input.job,
      variables: runPlan.variables,
      deployment: input.deployment,
      url: initialUrl(input, warnings, deps.log),
      scratchDir,
      onStarted: (stepId, processGroup) =>
        void progress({
          runningStep: stepId,
          runningProcessGroup: processGroup,
          ...(runningWeight === undefined ? {} : { runningWeight })
        }),
      ...(deps.signal ? { signal: deps.signal } : {})
    }
    const steps: StepRecord[] = []
    const health: HealthRecord[] = []
    const planSteps = new Map<string, PlannedStep>()
    const total = runPlan.phases.reduce((sum, phase) => sum + phase.steps.length, 0)
    let failure: Failure | undefined
    let runningWeight: number | undefined
    let fleet: FleetState | undefined
    let targets: TargetOutcome[] | undefined
    const undoneTargets: StepRecord[] = []
    const progress = async (extra: Partial<ExecutionProgress> = {}): Promise<void> => {
      const undone = [...undoneTargets, ...(fleet?.undone ?? [])]
      const outcomes = fleet?.targets ?? targets
      await deps.onProgress?.({
        steps: [...steps, ...(fleet?.steps ?? [])],
        health: [...health, ...(fleet?.health ?? [])],
        deployUrl: run.url,
        ...(fleet && fleet.running.length > 0 ? { runningTargets: [...fleet.running] } : {}),
        ...(outcomes ? { targets: structuredClone(outcomes) } : {}),
        ...(undone.length > 0 ? { undoneTargets: undone } : {}),
        ...extra
      })
    }
    const runOnce = async (step: PlannedStep, phase: RunPlan['phases'][number]): Promise<void> => {
      const { weight } = phase
      planSteps.set(step.id, step)
      if (!failure && deps.signal?.aborted) {
        // Cancelled between steps: the next one is not started at all.
        failure = { cause: 'cancellation', at: deps.clock.now(), isCancel: true }
      }
      if (failure) {
        steps.push(skippedRecord(step, phase.kind, notRunBecause(failure), weight))
        return
      }
      await progress({
        runningStep: step.id,
        ...(weight === undefined ? {} : { runningWeight: weight })
      })
      const record = await runStep(
        step,
        {
          phase: phase.kind,
          label:
            weight === undefined
              ? say.stepLabel(steps.length + 1, total)
              : say.stepLabelAt(steps.length + 1, total, weight),
          rollbackPoint: rollbackPointOf(step, input),
          ...(weight === undefined ? {} : { weight })
        },
        run
      )
      steps.push(record)
      const reportedUrl = record.outputs['url']
      if (reportedUrl) {
        const problem = urlProblem(reportedUrl)
        if (problem === undefined) run.url = reportedUrl
        else {
          const shown = JSON.stringify(deps.log.redact(reportedUrl).slice(0, 200))
          const warning = say.urlIgnored(step.id, shown, problem)
          warnings.push(warning)
          deps.log.warning(warning)
        }
      }
      // No journal write here: the next step's "starting" write, or the phase's end, records it.
      if (record.status === 'succeeded') return
      if (record.status === 'failed' && step.continueOnError) {
        warnings.push(say.passedOver(step.id))
        return
      }
      failure = { cause: step.id, at: deps.clock.now(), isCancel: record.status === 'cancelled' }
    }
    for (const phase of runPlan.phases) {
      const { weight } = phase
      runningWeight = weight
      const { before, pipeline, after } = splitPipeline(phase.steps)
      const perTargetChecks = phase.health.filter(check => check.isPerTarget)
      for (const step of before) await runOnce(step, phase)
      if (pipeline.length > 0 || perTargetChecks.length > 0) {
        pipeline.forEach(step => planSteps.set(step.id, step))
        if (failure) {
          const why = notRunBecause(failure)
          for (const step of pipeline)
            for (const target of runPlan.fleet.targets)
              steps.push({ ...skippedRecord(step, phase.kind, why, weight), target: target.name })
        } else {
          const result = await runFleet(
            {
              kind: phase.kind,
              steps: pipeline,
              health: perTargetChecks,
              ...(weight === undefined ? {} : { weight })
            },
            runPlan.fleet,
            run,
            {
              probe: deps.probe,
              runner: deps.runner,
              clock: deps.clock,
              log: deps.log,
              ...(deps.signal ? { signal: deps.signal } : {}),
              ...(input.baselines ? { baselines: input.baselines } : {}),
              onChange: state => {
                fleet = state
                return progress()
              }
            },
            { targets: targets ?? [], steps, planSteps }
          )
          fleet = undefined
          steps.push(...result.steps)
          health.push(...result.health)
          undoneTargets.push(...result.undone)
          targets = result.targets
          warnings.push(...result.warnings)
          if (result.failure) failure = result.failure
        }
      }
      for (const step of after) await runOnce(step, phase)
      if (failure) continue
      const onceChecks = { ...phase, health: phase.health.filter(check => !check.isPerTarget) }
      // The phase's steps are journaled as done before a long analysis starts.
      if (onceChecks.health.length > 0) await progress()
      failure = await checkHealth(onceChecks, run, { ...deps, baselines: input.baselines }, health)
      await progress()
    }
    let status: Execution['status'] = 'success'
    let rollback: RollbackRecord | undefined
    let pendingRollback: Execution['pendingRollback']
    if (failure) {
      const pending = { cause: failure.cause, failedAt: failure.at, isCancel: failure.isCancel }
      await progress({ pendingRollback: pending })
      const mayRollBack = input.rollbackOnFailure && (!failure.isCancel || input.rollbackOnCancel)
      if (mayRollBack) {
        // Each rollback step is journaled as it starts and ends: a post step resumes, never repeats.
        const done: StepRecord[] = []
        let lanes: RunningTarget[] = []
        const rollbackRun: StepRun = {
          ...run,
          signal: undefined,
          onStarted: (stepId, processGroup, target) => {
            if (target !== undefined)
              lanes = [
                ...lanes.filter(item => item.target !== target),
                { target, step: stepId, processGroup }
              ]
            void progress({
              pendingRollback: pending,
              rollingBack: {
                done: [...done],
                running: stepId,
                ...(lanes.length > 0 ? { runningTargets: lanes } : {})
              },
              ...(target === undefined ? { runningProcessGroup: processGroup } : {})
            })
          }
        }
        rollback = await runRollback(
          {
            executed: stillDeployed(steps, planSteps, targets),
            steps: planSteps,
            planRollbackSteps: runPlan.rollbackSteps,
            cause: failure.cause,
            failedAt: failure.at,
            fleet: runPlan.fleet
          },
          rollbackRun,
          {
            onStepDone: async record => {
              done.push(record)
              lanes = lanes.filter(item => item.target !== record.target)
              await progress({
                pendingRollback: pending,
                rollingBack: {
                  done: [...done],
                  ...(lanes.length > 0 ? { runningTargets: lanes } : {})
                }
              })
            }
          }
        )
        status = failure.isCancel ? 'cancelled' : rollback.isComplete ? 'rolled-back' : 'failure'
        await progress({ rollback })
      } else {
        status = failure.isCancel ? 'cancelled' : 'failure'
        if (failure.isCancel && input.rollbackOnFailure) pendingRollback = pending
        const hasUndo =
          runPlan.rollbackSteps.length > 0 || [...planSteps.values()].some(step => step.rollback)
        if (!input.rollbackOnFailure && hasUndo) warnings.push(say.nothingUndone)
      }
    }
    return {
      status,
      steps,
      health,
      ...(pendingRollback ? { pendingRollback } : {}),
      ...(rollback ? { rollback } : {}),
      ...(run.url ? { deployUrl: run.url } : {}),
      ...(targets ? { targets } : {}),
      ...(undoneTargets.length > 0 ? { undoneTargets } : {}),
      warnings
    }
  } finally {
    await fs.rm(scratchDir, { recursive: true, force: true })
  }
}

async function checkHealth(
  phase: RunPlan['phases'][number],
  run: StepRun,
  deps: ExecutionDeps & { baselines: BaselineValues | undefined },
  records: HealthRecord[]
): Promise<Failure | undefined> {
  const checks = phase.health
  const { weight } = phase
  for (const [index, check] of checks.entries()) {
    const env = stepEnvironment({
      job: run.job,
      variables: run.variables,
      stepEnv: {},
      deployment: run.deployment,
      url: run.url,
      outputFile: '/dev/null',
      ...(weight === undefined ? {} : { canaryWeight: weight })
    })
    const what = phase.kind === 'canary' ? say.canaryAnalysis : say.healthCheck
    const label =
      weight === undefined
        ? say.checkGroup(what, index + 1, checks.length, check.name)
        : say.checkGroupAt(what, weight, index + 1, checks.length, check.name)
    const record = await deps.log.group(label, () =>
      runHealthCheck(
        check,
        phase.kind,
        {
          probe: deps.probe,
          runner: deps.runner,
          clock: deps.clock,
          log: deps.log,
          root: run.root,
          env,
          ...(deps.signal ? { signal: deps.signal } : {}),
          ...(deps.baselines ? { baselines: deps.baselines } : {})
        },
        weight
      )
    )
    records.push(record)
    if (!record.isHealthy) {
      return {
        cause: `health check '${check.name}'`,
        at: deps.clock.now(),
        isCancel: deps.signal?.aborted ?? false
      }
    }
  }
  return undefined
}

function initialUrl(input: ExecutionInput, warnings: Message[], log: Log): string {
  const template = input.runPlan.environmentUrl
  const { value, missing } = initialUrlOf(template, { ...input.job, ...input.runPlan.variables })
  if (missing.length > 0) {
    const warning = say.environmentUrlUnset(template ?? '', listOf(missing))
    warnings.push(warning)
    log.warning(warning)
    return ''
  }
  return value
}

function rollbackPointOf(step: PlannedStep, input: ExecutionInput): Message {
  const point = input.deployment.rollbackPoint?.version
  if (step.rollback)
    return point === undefined
      ? verbatim(step.rollback)
      : say.ownRollbackAfter(step.rollback, point)
  return point === undefined ? say.planRollback : say.planRollbackAfter(point)
}

function skippedRecord(
  step: PlannedStep,
  phase: StepRecord['phase'],
  note: Message,
  weight: number | undefined
): StepRecord {
  return {
    id: step.id,
    name: step.name,
    phase,
    status: 'skipped',
    durationMs: 0,
    note,
    outputs: {},
    ...(step.target === undefined ? {} : { target: step.target }),
    ...(weight === undefined ? {} : { weight })
  }
}

function notRunBecause(failure: Failure): Message {
  return failure.isCancel && failure.cause === 'cancellation'
    ? say.notRunCancelled
    : say.notRunAfter(failure.cause)
}

/** A phase's steps around its pipeline: the per-target steps stand together (the schema says so). */
export function splitPipeline(steps: PlannedStep[]): {
  before: PlannedStep[]
  pipeline: PlannedStep[]
  after: PlannedStep[]
} {
  const first = steps.findIndex(step => step.isPerTarget)
  if (first < 0) return { before: steps, pipeline: [], after: [] }
  let end = first
  while (steps[end]?.isPerTarget) end++
  return {
    before: steps.slice(0, first),
    pipeline: steps.slice(first, end),
    after: steps.slice(end)
  }
}

/**
 * What the run's rollback undoes: every step that ran, less the per-target steps of targets already
 * undone on their own (a failure within max-failed-targets).
 */
export function stillDeployed(
  executed: StepRecord[],
  steps: ReadonlyMap<string, PlannedStep>,
  targets: TargetOutcome[] | undefined
): StepRecord[] {
  const undone = new Set(
    (targets ?? []).filter(item => item.status === 'undone').map(item => item.target)
  )
  return executed.filter(
    record =>
      !(
        steps.get(record.id)?.isPerTarget &&
        record.target !== undefined &&
        undone.has(record.target)
      )
  )
}
