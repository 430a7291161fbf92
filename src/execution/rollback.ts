/**
 * Undoes a failed deployment, in the order of plan-format.md: the rollback of every step that ran,
 * newest first (the failed step's own too, as it may have half-applied), then the plan's rollback
 * steps. Per-target steps are undone target by target, each target's newest first, the targets in
 * parallel (as many at once as the rollout allows). A rollback step that fails is recorded and the
 * rest still run.
 */
import { batchSizeOf, type PlannedStep, type RunPlan } from '../plan/run-plan.js'
import type { RollbackRecord, StepRecord } from '../report/model.js'
import { listOf } from '../core/message.js'
import { say } from './messages.js'
import { runStep, type StepRun } from './step.js'
import { targetLog } from './target-log.js'

export interface RollbackRequest {
  /** Records of the steps of this run, in the order they ran (skipped ones included). */
  executed: StepRecord[]
  /** The plan steps behind those records, by id. */
  steps: ReadonlyMap<string, PlannedStep>
  planRollbackSteps: PlannedStep[]
  /** What failed: a step id or a health check's name. */
  cause: string
  /** When the failure happened (clock milliseconds). */
  failedAt: number
  /** The selected targets (their variables) and the rollout's pace, for per-target steps. */
  fleet: RunPlan['fleet']
}

export interface RollbackItem {
  step: PlannedStep
  script: string
  undoes?: string
  weight?: number
  /** The target a per-target step's rollback is for. */
  target?: string
}

/** One rollback step, or the per-target rollbacks of a pipeline: a lane for each target. */
export type RollbackUnit =
  { kind: 'serial'; item: RollbackItem } | { kind: 'parallel'; lanes: RollbackItem[][] }

/** What identifies a rollback step's run: an interrupted pass resumes by it, never repeats one. */
export function rollbackKey(item: {
  undoes?: string | undefined
  id: string
  target?: string | undefined
  weight?: number | undefined
}): string {
  return `${item.undoes ?? ''}>${item.id}#${item.target ?? ''}@${item.weight ?? ''}`
}

/** As the record of its run will say: a step's own `target`, or the one a per-target run was for. */
const keyOf = (item: RollbackItem): string =>
  rollbackKey({
    undoes: item.undoes,
    id: item.step.id,
    target: item.target ?? item.step.target,
    weight: item.weight
  })

/**
 * The steps a rollback runs, in order. A canary step that ran at several increments is undone once,
 * with the weight of its latest run; a per-target step once per target that ran it; the plan's
 * rollback steps see the weight the run had reached.
 */
export function rollbackSequence(
  request: Pick<RollbackRequest, 'executed' | 'steps' | 'planRollbackSteps'>
): RollbackUnit[] {
  const ran = request.executed.filter(record => record.status !== 'skipped').reverse()
  const undone = new Set<string>()
  const units: RollbackUnit[] = []
  for (const record of ran) {
    const step = request.steps.get(record.id)
    if (step?.rollback === undefined) continue
    const target = step.isPerTarget ? record.target : undefined
    const key = `${step.id}#${target ?? ''}`
    if (undone.has(key)) continue
    undone.add(key)
    const item: RollbackItem = {
      step,
      script: step.rollback,
      undoes: step.id,
      ...(record.weight === undefined ? {} : { weight: record.weight }),
      ...(target === undefined ? {} : { target })
    }
    const last = units.at(-1)
    if (target === undefined) units.push({ kind: 'serial', item })
    else if (last?.kind === 'parallel') {
      const lane = last.lanes.find(items => items[0]?.target === target)
      if (lane) lane.push(item)
      else last.lanes.push([item])
    } else units.push({ kind: 'parallel', lanes: [[item]] })
  }
  const weights = ran.flatMap(record => (record.weight === undefined ? [] : [record.weight]))
  const reached = weights.length > 0 ? { weight: Math.max(...weights) } : {}
  for (const step of request.planRollbackSteps)
    units.push({ kind: 'serial', item: { step, script: step.run, ...reached } })
  return units
}

/** Every rollback step of a sequence, in the order a reader would list them. */
export function rollbackItems(units: RollbackUnit[]): RollbackItem[] {
  return units.flatMap(unit => (unit.kind === 'serial' ? [unit.item] : unit.lanes.flat()))
}

export interface RollbackOptions {
  /** Rollback steps an earlier, interrupted pass finished: they are kept, not run again. */
  done?: StepRecord[]
  /** Told of each rollback step as it ends. */
  onStepDone?: (record: StepRecord) => Promise<void>
}

export async function runRollback(
  request: RollbackRequest,
  run: StepRun,
  options: RollbackOptions = {}
): Promise<RollbackRecord> {
  const units = rollbackSequence(request)
  const items = rollbackItems(units)
  const done = new Set((options.done ?? []).map(record => rollbackKey(record)))
  const records: StepRecord[] = (options.done ?? []).filter(record =>
    items.some(item => keyOf(item) === rollbackKey(record))
  )
  run.log.warning(
    records.length === 0
      ? say.rollingBack(request.cause, items.length)
      : say.resumingRollback(request.cause, records.length, items.length)
  )
  const undo = async (item: RollbackItem, itemRun: StepRun): Promise<void> => {
    if (done.has(keyOf(item))) return
    const record = await runStep(
      item.step,
      {
        phase: 'rollback',
        label: say.rollbackLabel(items.indexOf(item) + 1, items.length),
        rollbackPoint: say.thisIsTheRollback,
        failedStep: request.cause,
        script: item.script,
        ...(item.undoes === undefined ? {} : { undoes: item.undoes }),
        ...(item.weight === undefined ? {} : { weight: item.weight })
      },
      itemRun
    )
    records.push(record)
    await options.onStepDone?.(record)
  }
  const size = batchSizeOf(request.fleet)
  for (const unit of units) {
    if (unit.kind === 'serial') {
      await undo(unit.item, run)
      continue
    }
    for (let start = 0; start < unit.lanes.length; start += size) {
      const lanes = unit.lanes.slice(start, start + size)
      await run.log.streaming(() =>
        Promise.all(
          lanes.map(async lane => {
            const name = lane[0]?.target ?? ''
            const target = request.fleet.targets.find(item => item.name === name) ?? {
              name,
              variables: {}
            }
            const laneRun: StepRun = { ...run, log: targetLog(run.log, name), target }
            for (const item of lane) await undo(item, laneRun)
          })
        )
      )
    }
  }
  const isComplete = records.every(record => record.status === 'succeeded')
  const durationMs = Math.max(0, run.clock.now() - request.failedAt)
  if (isComplete) run.log.info(say.rollbackComplete(records.length))
  else
    run.log.error(
      say.rollbackIncomplete(
        listOf(
          records
            .filter(record => record.status !== 'succeeded')
            .map(record => (record.target ? `${record.id}@${record.target}` : record.id))
        )
      )
    )
  return { cause: request.cause, steps: records, isComplete, durationMs }
}
