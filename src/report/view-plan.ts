/**
 * The sections of the report about the plan: the rollback point and how a rollback would go, and,
 * for a dry run, the steps and health checks that would run.
 */
import { formatDuration } from '../core/duration.js'
import {
  stepRollbacks,
  worstCaseDetectionMs,
  type PlannedStep,
  type RunPlan
} from '../plan/run-plan.js'
import { withoutUserinfo, type HealthCheck } from '../plan/schema.js'
import { code, paragraph, strong, type Block, type ListItem, type Section } from './document.js'
import type { DeploymentReport } from './model.js'
import type { ReportText } from './text.js'
import { stepCell } from './view-run.js'

/** For a real run: what it would go back to, and how, counting only the steps that ran. */
export function rollbackPointSection(
  report: DeploymentReport,
  plan: RunPlan,
  t: ReportText
): Section {
  const point = report.deployment.rollbackPoint
  const ran = new Set(report.steps.filter(step => step.status !== 'skipped').map(step => step.id))
  const own = stepRollbacks(plan).filter(step => ran.has(step.id))
  return {
    title: t.sections.rollbackPoint,
    blocks: [
      paragraph(t.previousVersionIs, ' ', point ? code(point.version) : t.noPreviousVersion),
      ...procedureBlocks(own, plan.rollbackSteps, t, t.rollbackRanOwnFirst)
    ]
  }
}

function procedureBlocks(
  own: PlannedStep[],
  planSteps: PlannedStep[],
  t: ReportText,
  ownIntro: string
): Block[] {
  if (own.length === 0 && planSteps.length === 0) return [paragraph(t.noRollback)]
  const items: ListItem[] = []
  const commandList = (steps: { id: string; command: string }[]): Block => ({
    kind: 'list',
    isOrdered: false,
    items: steps.map(step => ({ line: [code(step.id), t.colon, code(step.command)] }))
  })
  if (own.length > 0)
    items.push({
      line: [ownIntro],
      children: [
        commandList([...own].reverse().map(step => ({ id: step.id, command: step.rollback ?? '' })))
      ]
    })
  if (planSteps.length > 0)
    items.push({
      line: [t.rollbackPlanThen],
      children: [commandList(planSteps.map(step => ({ id: step.id, command: step.run })))]
    })
  return [paragraph(t.rollbackIntro), { kind: 'list', isOrdered: true, items }]
}

export function previewSection(plan: RunPlan, t: ReportText): Section {
  const blocks: Block[] = []
  const hasPhases = plan.phases.length > 1
  for (const phase of plan.phases) {
    if (hasPhases) blocks.push(paragraph(strong(t.phase[phase.kind])))
    blocks.push({
      kind: 'list',
      isOrdered: true,
      items: phase.steps.map(step => plannedStepItem(step, t))
    })
    if (phase.skippedSteps.length > 0)
      blocks.push({
        kind: 'table',
        header: [t.leftOut, t.column.why],
        rows: phase.skippedSteps.map(({ item, reason }) => [stepCell(item, t), [reason]])
      })
  }
  blocks.push(...plannedHealthBlocks(plan, t))
  blocks.push(...procedureBlocks(stepRollbacks(plan), plan.rollbackSteps, t, t.rollbackOwnFirst))
  return { title: t.sections.preview, blocks }
}

function plannedStepItem(step: PlannedStep, t: ReportText): ListItem {
  const details: ListItem[] = [
    ...(step.purpose ? [{ line: [`${t.purpose}${t.colon}${step.purpose}`] }] : []),
    {
      line: [
        `${t.target}${t.colon}`,
        step.target ? code(step.target) : t.anyTarget,
        ` · ${t.workingDirectory}${t.colon}`,
        code(step.workingDirectory),
        ` · ${t.timeout}${t.colon}${formatDuration(step.timeoutMs)}`
      ]
    },
    {
      line: step.rollback
        ? [`${t.ownRollback}${t.colon}`, code(step.rollback)]
        : [`${t.ownRollback}${t.colon}${t.noOwnRollback}`]
    }
  ]
  return {
    line: stepCell(step, t),
    children: [
      { kind: 'list', isOrdered: false, items: details },
      { kind: 'code', text: step.run, language: 'bash' }
    ]
  }
}

function plannedHealthBlocks(plan: RunPlan, t: ReportText): Block[] {
  const checks = plan.phases.flatMap(phase => phase.health.map(check => ({ phase, check })))
  const title = paragraph(strong(t.sections.health))
  if (checks.length === 0) return [title, paragraph(t.noHealthChecks)]
  const c = t.column
  const rows = checks.map(({ phase, check }) => [
    [plan.phases.length > 1 ? `${t.phase[phase.kind]}: ${check.name}` : check.name],
    [code(check.kind === 'http' ? withoutUserinfo(check.url) : check.run)],
    [expectation(check, t)],
    [schedule(check, t)],
    [formatDuration(worstCaseDetectionMs(check))]
  ])
  const total = checks.reduce((sum, { check }) => sum + worstCaseDetectionMs(check), 0)
  const blocks: Block[] = [
    title,
    { kind: 'table', header: [c.check, c.probe, c.expect, c.schedule, c.worstCase], rows },
    paragraph(t.totalDetection(formatDuration(total)))
  ]
  const skipped = plan.phases.flatMap(phase => phase.skippedHealth)
  if (skipped.length > 0)
    blocks.push({
      kind: 'table',
      header: [t.leftOut, c.why],
      rows: skipped.map(({ item, reason }) => [[item.name], [reason]])
    })
  return blocks
}

function expectation(check: HealthCheck, t: ReportText): string {
  if (check.kind === 'command') return t.exitZero
  const status = check.expectStatus ? t.httpStatus(check.expectStatus.join(' / ')) : t.anyStatus2xx
  return check.expectBody ? `${status} + ${t.bodyContains(check.expectBody)}` : status
}

function schedule(check: HealthCheck, t: ReportText): string {
  const probing = t.probing(
    check.retries,
    formatDuration(check.timeoutMs),
    formatDuration(check.intervalMs)
  )
  return check.watchMs > 0
    ? `${probing}; ${t.watching(formatDuration(check.watchMs), check.failureLimit)}`
    : probing
}
