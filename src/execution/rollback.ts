/**
 * Undoes a failed deployment, in the order of plan-format.md: the rollback of every step that ran,
 * newest first (the failed step's own too, as it may have half-applied), then the plan's rollback
 * steps. A rollback step that fails is recorded and the rest still run.
 */
import { listOf } from '../core/message.js'
import type { PlannedStep } from '../plan/run-plan.js'
import type { RollbackRecord, StepRecord } from '../report/model.js'
import { say } from './messages.js'
import { runStep, type StepRun } from './step.js'

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
}

/**
 * The steps a rollback runs, in order, each with the script it runs. A canary step that ran at
 * several increments is undone once, with the weight of its latest run; the plan's rollback steps
 * see the weight the run had reached.
 */
export function rollbackSequence(
  request: Omit<RollbackRequest, 'cause' | 'failedAt'>
): { step: PlannedStep; script: string; undoes?: string; weight?: number }[] {
  const ran = request.executed.filter(record => record.status !== 'skipped').reverse()
  const undone = new Set<string>()
  const own = ran.flatMap(record => {
    const step = request.steps.get(record.id)
    if (step?.rollback === undefined || undone.has(step.id)) return []
    undone.add(step.id)
    const weight = record.weight === undefined ? {} : { weight: record.weight }
    return [{ step, script: step.rollback, undoes: step.id, ...weight }]
  })
  const weights = ran.flatMap(record => (record.weight === undefined ? [] : [record.weight]))
  const reached = weights.length > 0 ? { weight: Math.max(...weights) } : {}
  return [
    ...own,
    ...request.planRollbackSteps.map(step => ({ step, script: step.run, ...reached }))
  ]
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
  const sequence = rollbackSequence(request)
  const records: StepRecord[] = [...(options.done ?? [])].slice(0, sequence.length)
  run.log.warning(
    records.length === 0
      ? say.rollingBack(request.cause, sequence.length)
      : say.resumingRollback(request.cause, records.length, sequence.length)
  )
  for (const [index, { step, script, undoes, weight }] of sequence.entries()) {
    if (index < records.length) continue
    const record = await runStep(
      step,
      {
        phase: 'rollback',
        label: say.rollbackLabel(index + 1, sequence.length),
        rollbackPoint: say.thisIsTheRollback,
        failedStep: request.cause,
        script,
        undoes,
        ...(weight === undefined ? {} : { weight })
      },
      run
    )
    records.push(record)
    await options.onStepDone?.(record)
  }
  const isComplete = records.every(record => record.status === 'succeeded')
  const durationMs = Math.max(0, run.clock.now() - request.failedAt)
  if (isComplete) run.log.info(say.rollbackComplete(records.length))
  else
    run.log.error(
      say.rollbackIncomplete(
        listOf(records.filter(record => record.status !== 'succeeded').map(record => record.id))
      )
    )
  return { cause: request.cause, steps: records, isComplete, durationMs }
}
