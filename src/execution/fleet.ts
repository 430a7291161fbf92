/**
 * Per-target pipelines: each selected target goes through the per-target steps in order, then its
 * per-target checks, independently of the others. Targets run in batches of `max-parallel`; the
 * next batch starts when this one has passed and `pause` has elapsed. A target that fails within
 * `max-failed-targets` is undone on its own and the rollout goes on; one failure more and no new
 * target starts: the running ones finish, and the run's rollback undoes every target that ran.
 */
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { Log } from '../core/log.js'
import { verbatim, type Message } from '../core/message.js'
import type { HealthCheck } from '../plan/schema.js'
import { batchSizeOf, type FleetTarget, type PlannedStep, type RunPlan } from '../plan/run-plan.js'
import type { HealthRecord, StepRecord, TargetOutcome } from '../report/model.js'
import type { CommandRunner } from './command-runner.js'
import { runHealthCheck, type HttpProbe } from './health.js'
import type { BaselineValues } from './metric.js'
import { say } from './messages.js'
import { urlProblem } from './reported-url.js'
import { runRollback } from './rollback.js'
import { stepEnvironment } from './step-environment.js'
import { runStep, type StepRun } from './step.js'
import { targetLog } from './target-log.js'

export interface FleetStage {
  kind: 'canary' | 'deploy'
  weight?: number
  /** The pipeline: the phase's per-target steps, in order. */
  steps: PlannedStep[]
  /** The phase's per-target checks, at the end of each target's pipeline. */
  health: HealthCheck[]
}

/** A target's step running now, for the journal: the post step stops it if this process dies. */
export interface RunningTarget {
  target: string
  step: string
  processGroup?: number
}

export interface FleetDeps {
  probe: HttpProbe
  runner: CommandRunner
  clock: Clock
  log: Log
  signal?: AbortSignal
  baselines?: BaselineValues
  /** Told whenever a target starts or ends a step, or its outcome changes. */
  onChange: (state: FleetState) => void | Promise<void>
}

export interface FleetState {
  steps: StepRecord[]
  health: HealthRecord[]
  targets: TargetOutcome[]
  running: RunningTarget[]
  /** Rollback records of the targets undone on their own (failures within max-failed-targets). */
  undone: StepRecord[]
}

export interface FleetResult extends FleetState {
  failure?: { cause: string; at: number; isCancel: boolean }
  warnings: Message[]
}

/**
 * What the earlier phases of the run (a canary's increments) did with the targets. The rollout is
 * one: a target that failed in an earlier phase takes no further part, and its failure still
 * counts against max-failed-targets; a target undone on its own gets every per-target step it ran
 * undone, the earlier phases' too.
 */
export interface EarlierPhases {
  targets: TargetOutcome[]
  /** The step records of the run so far, and the planned steps by id. */
  steps: StepRecord[]
  planSteps: ReadonlyMap<string, PlannedStep>
}

const NO_EARLIER_PHASES: EarlierPhases = {
  targets: [],
  steps: [],
  planSteps: new Map()
}

/** A target that ended an earlier phase this way is out of the rollout. */
function isOut(outcome: TargetOutcome | undefined): boolean {
  return outcome?.status === 'failed' || outcome?.status === 'undone'
}

export async function runFleet(
  stage: FleetStage,
  fleet: RunPlan['fleet'],
  run: StepRun,
  deps: FleetDeps,
  earlier: EarlierPhases = NO_EARLIER_PHASES
): Promise<FleetResult> {
  const before = new Map(earlier.targets.map(item => [item.target, item]))
  const state: FleetState = {
    steps: [],
    health: [],
    targets: fleet.targets.map(target => {
      const previous = before.get(target.name)
      return previous && isOut(previous)
        ? { ...previous }
        : { target: target.name, status: 'pending' as const }
    }),
    running: [],
    undone: []
  }
  const taking = fleet.targets.filter(target => !isOut(before.get(target.name)))
  const warnings: Message[] = []
  const outcome = (name: string): TargetOutcome =>
    state.targets.find(item => item.target === name) as TargetOutcome
  const changed = (): void | Promise<void> => deps.onChange(state)
  const size = batchSizeOf(fleet)
  const batches: FleetTarget[][] = []
  for (let start = 0; start < taking.length; start += size)
    batches.push(taking.slice(start, start + size))
  let failure: FleetResult['failure']
  // Every target out of the rollout failed in an earlier phase (undone on its own, or not wholly).
  let failedCount = fleet.targets.length - taking.length
  for (const [index, batch] of batches.entries()) {
    if (deps.signal?.aborted) {
      failure = { cause: 'cancellation', at: deps.clock.now(), isCancel: true }
      break
    }
    deps.log.info(
      say.batch(
        batch.map(target => target.name).join(', '),
        index + 1,
        batches.length,
        batch.length
      )
    )
    const ended = await deps.log.streaming(() =>
      Promise.all(batch.map(target => runPipeline(target, stage, run, deps, state, changed)))
    )
    for (const [position, end] of ended.entries()) {
      const target = batch[position] as FleetTarget
      if (end.status === 'deployed') continue
      if (end.status === 'cancelled') {
        failure ??= { cause: `target ${target.name}`, at: deps.clock.now(), isCancel: true }
        continue
      }
      failedCount++
      deps.log.error(say.targetFailed(target.name, end.cause ?? '?'))
      if (failedCount > fleet.rollout.maxFailedTargets) {
        failure ??= {
          cause: `target ${target.name}: ${end.cause ?? '?'}`,
          at: deps.clock.now(),
          isCancel: false
        }
      }
    }
    if (failure) break
    // Failures within the tolerance: each such target is put back on its own, and the rollout goes on.
    for (const target of batch.filter(item => outcome(item.name).status === 'failed')) {
      await undoTarget(target, stage, run, deps, state, earlier)
      await changed()
      warnings.push(
        say.targetUndone(
          target.name,
          outcome(target.name).cause ?? '?',
          fleet.rollout.maxFailedTargets
        )
      )
    }
    const isLast = index === batches.length - 1
    if (!isLast && fleet.rollout.pauseMs > 0) {
      deps.log.info(say.pausing(formatDuration(fleet.rollout.pauseMs)))
      await deps.clock.sleep(fleet.rollout.pauseMs, deps.signal)
    }
  }
  for (const item of state.targets)
    if (item.status === 'pending') item.status = failure?.isCancel ? 'cancelled' : 'not-started'
  await changed()
  return { ...state, ...(failure ? { failure } : {}), warnings }
}

type PipelineEnd = Pick<TargetOutcome, 'status' | 'cause'>

async function runPipeline(
  target: FleetTarget,
  stage: FleetStage,
  run: StepRun,
  deps: FleetDeps,
  state: FleetState,
  changed: () => void | Promise<void>
): Promise<PipelineEnd> {
  const log = targetLog(deps.log, target.name)
  const outcome = state.targets.find(item => item.target === target.name) as TargetOutcome
  const end = async (result: PipelineEnd): Promise<PipelineEnd> => {
    Object.assign(outcome, result)
    state.running = state.running.filter(item => item.target !== target.name)
    await changed()
    return result
  }
  outcome.status = 'running'
  const targetRun: StepRun = {
    ...run,
    log,
    target,
    onStarted: (step, processGroup) => {
      state.running = [
        ...state.running.filter(item => item.target !== target.name),
        { target: target.name, step, processGroup }
      ]
      void changed()
    }
  }
  const { weight } = stage
  for (const [index, step] of stage.steps.entries()) {
    if (deps.signal?.aborted) return end({ status: 'cancelled', cause: step.id })
    state.running = [
      ...state.running.filter(item => item.target !== target.name),
      { target: target.name, step: step.id }
    ]
    await changed()
    const record = await runStep(
      step,
      {
        phase: stage.kind,
        label:
          weight === undefined
            ? say.stepLabel(index + 1, stage.steps.length)
            : say.stepLabelAt(index + 1, stage.steps.length, weight),
        rollbackPoint: step.rollback === undefined ? say.planRollback : verbatim(step.rollback),
        ...(weight === undefined ? {} : { weight })
      },
      targetRun
    )
    state.steps.push(record)
    // The target's own DEPLOY_URL for its later steps and checks; the deployment's stays as it is.
    const reported = record.outputs['url']
    if (reported && urlProblem(reported) === undefined) targetRun.url = reported
    if (record.status === 'succeeded') continue
    if (record.status === 'failed' && step.continueOnError) continue
    return end({ status: record.status === 'cancelled' ? 'cancelled' : 'failed', cause: step.id })
  }
  state.running = state.running.filter(item => item.target !== target.name)
  for (const check of stage.health) {
    const env = stepEnvironment({
      job: run.job,
      variables: run.variables,
      targetVariables: target.variables,
      stepEnv: {},
      deployment: run.deployment,
      url: targetRun.url,
      target: target.name,
      outputFile: '/dev/null',
      ...(weight === undefined ? {} : { canaryWeight: weight })
    })
    log.info(say.targetCheck(check.name))
    const record = await runHealthCheck(
      check,
      stage.kind,
      {
        probe: deps.probe,
        runner: deps.runner,
        clock: deps.clock,
        log,
        root: run.root,
        env,
        ...(deps.signal ? { signal: deps.signal } : {}),
        ...(deps.baselines ? { baselines: deps.baselines } : {})
      },
      weight
    )
    state.health.push({ ...record, target: target.name })
    if (!record.isHealthy)
      return end({
        status: deps.signal?.aborted ? 'cancelled' : 'failed',
        cause: `health check '${check.name}'`
      })
  }
  return end({ status: 'deployed' as const })
}

/**
 * A failed target within the tolerance: its own pipeline's rollbacks, newest first, those of the
 * earlier phases' per-target steps included.
 */
async function undoTarget(
  target: FleetTarget,
  stage: FleetStage,
  run: StepRun,
  deps: FleetDeps,
  state: FleetState,
  earlier: EarlierPhases
): Promise<void> {
  const outcome = state.targets.find(item => item.target === target.name) as TargetOutcome
  const executed = [...earlier.steps, ...state.steps].filter(
    record => record.target === target.name
  )
  const record = await runRollback(
    {
      executed,
      steps: new Map([...earlier.planSteps, ...stage.steps.map(step => [step.id, step] as const)]),
      planRollbackSteps: [],
      cause: `target ${target.name}: ${outcome.cause ?? '?'}`,
      failedAt: deps.clock.now(),
      fleet: {
        targets: [target],
        rollout: { maxParallel: undefined, pauseMs: 0, maxFailedTargets: 0 }
      }
    },
    { ...run, signal: undefined },
    {}
  )
  state.undone.push(...record.steps)
  outcome.status = record.isComplete ? 'undone' : 'failed'
}
