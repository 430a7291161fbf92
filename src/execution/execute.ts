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
import type { DeploymentStatus, HealthRecord, RollbackRecord, StepRecord } from '../report/model.js'
import { say } from './messages.js'
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
    const progress = async (extra: Partial<ExecutionProgress> = {}): Promise<void> => {
      await deps.onProgress?.({
        steps: [...steps],
        health: [...health],
        deployUrl: run.url,
        ...extra
      })
    }
    for (const phase of runPlan.phases) {
      const { weight } = phase
      runningWeight = weight
      for (const step of phase.steps) {
        planSteps.set(step.id, step)
        if (!failure && deps.signal?.aborted) {
          // Cancelled between steps: the next one is not started at all.
          failure = { cause: 'cancellation', at: deps.clock.now(), isCancel: true }
        }
        if (failure) {
          const why =
            failure.isCancel && failure.cause === 'cancellation'
              ? say.notRunCancelled
              : say.notRunAfter(failure.cause)
          steps.push(skippedRecord(step, phase.kind, why, weight))
          continue
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
        if (record.status === 'succeeded') continue
        if (record.status === 'failed' && step.continueOnError) {
          warnings.push(say.passedOver(step.id))
          continue
        }
        failure = { cause: step.id, at: deps.clock.now(), isCancel: record.status === 'cancelled' }
      }
      if (failure) continue
      // The phase's steps are journaled as done before a long analysis starts.
      if (phase.health.length > 0) await progress()
      failure = await checkHealth(phase, run, { ...deps, baselines: input.baselines }, health)
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
        const rollbackRun: StepRun = {
          ...run,
          signal: undefined,
          onStarted: (stepId, processGroup) =>
            void progress({
              pendingRollback: pending,
              rollingBack: { done: [...done], running: stepId },
              runningProcessGroup: processGroup
            })
        }
        rollback = await runRollback(
          {
            executed: steps,
            steps: planSteps,
            planRollbackSteps: runPlan.rollbackSteps,
            cause: failure.cause,
            failedAt: failure.at
          },
          rollbackRun,
          {
            onStepDone: async record => {
              done.push(record)
              await progress({ pendingRollback: pending, rollingBack: { done: [...done] } })
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

/**
 * Why a URL a step reported cannot be the deployment's URL: it goes to the deploy-url output, the
 * GitHub deployment and every later step, so it must be a plain http(s) address.
 */
export function urlProblem(url: string): Message | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return say.urlSpaces
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return say.urlNotUrl
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return say.urlProtocol(parsed.protocol)
  return undefined
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
