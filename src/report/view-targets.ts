/**
 * A fleet at a glance: how many targets deployed, failed or were undone, then a targets × steps
 * matrix of the per-target steps and checks (collapsed when the fleet is large). The steps and
 * checks tables keep only what ran once, and the per-target records that failed.
 */
import { formatDuration } from '../core/duration.js'
import { batchSizeOf } from '../plan/run-plan.js'
import { code, paragraph, type Block, type Line, type Section } from './document.js'
import type { DeploymentReport, HealthRecord, StepRecord, TargetOutcome } from './model.js'
import type { ReportText } from './text.js'

/** Above this many targets the matrix is collapsed, and the timeline shows as many lanes. */
export const TARGETS_SHOWN = 20

/** Whether a step record is a per-target step's run for one target (the matrix shows it). */
export function isPerTargetRun(report: DeploymentReport, record: StepRecord): boolean {
  if (record.target === undefined) return false
  return (report.runPlan?.phases ?? []).some(phase =>
    phase.steps.some(step => step.id === record.id && step.isPerTarget)
  )
}

/** Whether a check record judged one target (a per-target check). */
export function isPerTargetCheck(record: HealthRecord): boolean {
  return record.target !== undefined
}

export function targetsSection(report: DeploymentReport, t: ReportText): Section | undefined {
  const outcomes = report.targets
  if (!outcomes || outcomes.length === 0) return undefined
  const steps = report.steps.filter(record => isPerTargetRun(report, record))
  const checks = report.health.filter(isPerTargetCheck)
  const stepIds = [...new Set(steps.map(record => record.id))]
  const checkNames = [...new Set(checks.map(record => record.name))]
  const latest =
    <T extends { target?: string }>(records: T[], matches: (record: T) => boolean) =>
    (target: string): T | undefined =>
      records.filter(record => record.target === target && matches(record)).at(-1)
  const rows = outcomes.map(outcome => [
    [code(outcome.target)],
    ...stepIds.map(id => stepCell(latest(steps, record => record.id === id)(outcome.target), t)),
    ...checkNames.map(name =>
      checkCell(latest(checks, record => record.name === name)(outcome.target), t)
    ),
    outcomeCell(outcome, t)
  ])
  const table: Block = {
    kind: 'table',
    header: [t.column.target, ...stepIds, ...checkNames, t.column.result],
    rows
  }
  const fleet = report.runPlan?.fleet
  const blocks: Block[] = [paragraph(leadOf(outcomes, t))]
  const rollout = fleet?.rollout
  if (
    fleet &&
    rollout &&
    (rollout.maxParallel || rollout.pauseMs > 0 || rollout.maxFailedTargets > 0)
  )
    blocks.push(
      paragraph(
        t.fleet.batches(
          batchSizeOf(fleet),
          formatDuration(rollout.pauseMs),
          rollout.maxFailedTargets
        )
      )
    )
  blocks.push(
    outcomes.length > TARGETS_SHOWN
      ? { kind: 'collapsed', summary: t.fleet.matrix(outcomes.length), blocks: [table] }
      : table
  )
  return { title: t.sections.targets, blocks }
}

function leadOf(outcomes: TargetOutcome[], t: ReportText): string {
  const order: TargetOutcome['status'][] = [
    'deployed',
    'undone',
    'failed',
    'cancelled',
    'not-started',
    'running',
    'pending'
  ]
  const counts = order
    .map(status => ({ status, count: outcomes.filter(item => item.status === status).length }))
    .filter(item => item.count > 0)
    .map(item => t.fleet.count(t.fleet.outcome[item.status], item.count))
  return t.fleet.lead(outcomes.length, counts.join(t.listSeparator))
}

function stepCell(record: StepRecord | undefined, t: ReportText): Line {
  return [record ? t.fleet.mark[record.status] : '—']
}

function checkCell(record: HealthRecord | undefined, t: ReportText): Line {
  if (!record) return ['—']
  return [record.isHealthy ? t.fleet.mark.succeeded : t.fleet.mark.failed]
}

function outcomeCell(outcome: TargetOutcome, t: ReportText): Line {
  const label = t.fleet.outcome[outcome.status]
  return outcome.cause && outcome.status !== 'deployed'
    ? [label, t.colon, code(outcome.cause)]
    : [label]
}
