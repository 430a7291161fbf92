/**
 * When each step, health check and rollback step ran, as lanes of tasks: the data of the report's
 * Gantt chart. Steps that never ran have no place on it. A run through canary increments has a
 * lane for each increment, its steps then its analysis, and one for the promotion.
 */
import type { TimelineLane, TimelineTask } from './document.js'
import type { DeploymentReport, HealthRecord, StepRecord } from './model.js'
import type { ReportText } from './text.js'
import { isPerTargetCheck, isPerTargetRun, TARGETS_SHOWN } from './view-targets.js'

export function timelineOf(report: DeploymentReport, t: ReportText): TimelineLane[] {
  const stepTasks = (steps: StepRecord[]): TimelineTask[] =>
    steps.flatMap(step => {
      const name = step.undoes === undefined ? step.id : t.undo(step.id)
      const task = taskOf(
        step.target !== undefined && isPerTargetRun(report, step) ? `${name} ${step.target}` : name,
        step.startedAt,
        step.durationMs,
        stateOf(step.status)
      )
      return step.status === 'skipped' || !task ? [] : [task]
    })
  const checkTasks = (checks: HealthRecord[]): TimelineTask[] =>
    checks.flatMap(check => {
      const task = taskOf(
        check.target === undefined ? check.name : `${check.name} ${check.target}`,
        check.startedAt,
        check.durationMs,
        check.isHealthy ? 'done' : 'failed'
      )
      return task ? [task] : []
    })
  const baselines: TimelineLane = {
    title: t.metric.baselineLane,
    tasks: (report.baselines ?? []).flatMap(baseline => {
      const state = baseline.value === undefined ? 'failed' : 'done'
      const task = taskOf(baseline.check, baseline.startedAt, baseline.durationMs, state)
      return task ? [task] : []
    })
  }
  const rollback = { title: t.phase.rollback, tasks: stepTasks(report.rollback?.steps ?? []) }
  const weights = [
    ...new Set(
      [...report.steps, ...report.health].flatMap(record =>
        record.phase === 'canary' && record.weight !== undefined ? [record.weight] : []
      )
    )
  ]
  if (weights.length > 0) {
    const inPhase = <T extends { phase: string; weight?: number }>(
      records: T[],
      phase: string,
      weight?: number
    ): T[] =>
      records.filter(
        record => record.phase === phase && (weight === undefined || record.weight === weight)
      )
    const lanes: TimelineLane[] = [
      baselines,
      ...weights.map(weight => ({
        title: t.canary.lane(weight),
        tasks: [
          ...stepTasks(inPhase(report.steps, 'canary', weight)),
          ...checkTasks(inPhase(report.health, 'canary', weight))
        ]
      })),
      {
        title: t.canary.promotionLane,
        tasks: [
          ...stepTasks(inPhase(report.steps, 'deploy')),
          ...checkTasks(inPhase(report.health, 'deploy'))
        ]
      },
      rollback
    ]
    return lanes.filter(lane => lane.tasks.length > 0)
  }
  const once = report.steps.filter(step => !isPerTargetRun(report, step))
  const lanes: TimelineLane[] = [
    baselines,
    {
      title: t.phase.canary,
      tasks: stepTasks(once.filter(step => step.phase === 'canary'))
    },
    {
      title: t.phase.deploy,
      tasks: stepTasks(once.filter(step => step.phase === 'deploy'))
    },
    ...targetLanes(report).map(target => ({
      title: target,
      tasks: [
        ...stepTasks(
          report.steps.filter(step => step.target === target && isPerTargetRun(report, step))
        ),
        ...checkTasks(report.health.filter(check => check.target === target)),
        ...stepTasks((report.undoneTargets ?? []).filter(step => step.target === target))
      ]
    })),
    {
      title: t.sections.health,
      tasks: checkTasks(report.health.filter(check => !isPerTargetCheck(check)))
    },
    rollback
  ]
  return lanes.filter(lane => lane.tasks.length > 0)
}

/**
 * The targets given a lane of their own: all of a small fleet; of a large one, those that failed
 * first, then the others in order, up to TARGETS_SHOWN.
 */
export function targetLanes(report: DeploymentReport): string[] {
  const outcomes = report.targets ?? []
  const isTrouble = (status: string): boolean => status !== 'deployed'
  return [
    ...outcomes.filter(item => isTrouble(item.status)),
    ...outcomes.filter(item => !isTrouble(item.status))
  ]
    .slice(0, TARGETS_SHOWN)
    .map(item => item.target)
    .sort(
      (a, b) => outcomes.findIndex(x => x.target === a) - outcomes.findIndex(x => x.target === b)
    )
}

function stateOf(status: StepRecord['status']): TimelineTask['state'] {
  if (status === 'succeeded') return 'done'
  return status === 'cancelled' ? 'cancelled' : 'failed'
}

function taskOf(
  name: string,
  startedAt: string | undefined,
  durationMs: number,
  state: TimelineTask['state']
): TimelineTask | undefined {
  const startMs = startedAt === undefined ? Number.NaN : Date.parse(startedAt)
  if (Number.isNaN(startMs)) return undefined
  return { name, startMs, endMs: startMs + Math.max(1, durationMs), state }
}
