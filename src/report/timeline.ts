/**
 * When each step, health check and rollback step ran, as lanes of tasks: the data of the report's
 * Gantt chart. Steps that never ran have no place on it. A run through canary increments has a
 * lane for each increment, its steps then its analysis, and one for the promotion.
 */
import type { TimelineLane, TimelineTask } from './document.js'
import type { DeploymentReport, HealthRecord, StepRecord } from './model.js'
import type { ReportText } from './text.js'

export function timelineOf(report: DeploymentReport, t: ReportText): TimelineLane[] {
  const stepTasks = (steps: StepRecord[]): TimelineTask[] =>
    steps.flatMap(step => {
      const task = taskOf(
        step.undoes === undefined ? step.id : t.undo(step.id),
        step.startedAt,
        step.durationMs,
        stateOf(step.status)
      )
      return step.status === 'skipped' || !task ? [] : [task]
    })
  const checkTasks = (checks: HealthRecord[]): TimelineTask[] =>
    checks.flatMap(check => {
      const task = taskOf(
        check.name,
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
  const lanes: TimelineLane[] = [
    baselines,
    {
      title: t.phase.canary,
      tasks: stepTasks(report.steps.filter(step => step.phase === 'canary'))
    },
    {
      title: t.phase.deploy,
      tasks: stepTasks(report.steps.filter(step => step.phase === 'deploy'))
    },
    { title: t.sections.health, tasks: checkTasks(report.health) },
    rollback
  ]
  return lanes.filter(lane => lane.tasks.length > 0)
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
