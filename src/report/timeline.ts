/**
 * When each step, health check and rollback step ran, as lanes of tasks: the data of the report's
 * Gantt chart. Steps that never ran have no place on it.
 */
import type { TimelineLane, TimelineTask } from './document.js'
import type { DeploymentReport, StepRecord } from './model.js'
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
  const lanes: TimelineLane[] = [
    {
      title: t.phase.canary,
      tasks: stepTasks(report.steps.filter(step => step.phase === 'canary'))
    },
    {
      title: t.phase.deploy,
      tasks: stepTasks(report.steps.filter(step => step.phase === 'deploy'))
    },
    {
      title: t.sections.health,
      tasks: report.health.flatMap(check => {
        const task = taskOf(
          check.name,
          check.startedAt,
          check.durationMs,
          check.isHealthy ? 'done' : 'failed'
        )
        return task ? [task] : []
      })
    },
    { title: t.phase.rollback, tasks: stepTasks(report.rollback?.steps ?? []) }
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
