/**
 * The sections of the report about the plan: the rollback point and how a rollback would go, and,
 * for a dry run, the steps and health checks that would run.
 */
import { formatDuration } from '../core/duration.js'
import { formatDecimal } from '../core/decimal.js'
import {
  batchSizeOf,
  incrementsOf,
  stepRollbacks,
  worstCaseDetectionMs,
  type Phase,
  type PlannedStep,
  type RunPlan
} from '../plan/run-plan.js'
import {
  withoutUserinfo,
  type BaselineChange,
  type HealthCheck,
  type Metric
} from '../plan/schema.js'
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
      paragraph(
        `${t.previousVersionIs}${t.colon}`,
        point ? code(point.version) : t.noPreviousVersion
      ),
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
  const increments = incrementsOf(plan)
  if (increments.length > 0)
    blocks.push(paragraph(t.canary.increments(increments.map(weight => `${weight}%`).join(' → '))))
  const isFleet = plan.phases.some(
    phase =>
      phase.steps.some(step => step.isPerTarget) || phase.health.some(check => check.isPerTarget)
  )
  if (isFleet)
    blocks.push(
      paragraph(
        t.fleet.batches(
          batchSizeOf(plan.fleet),
          formatDuration(plan.fleet.rollout.pauseMs),
          plan.fleet.rollout.maxFailedTargets
        ),
        ' ',
        ...plan.fleet.targets.flatMap((target, index) => [
          ...(index > 0 ? [t.listSeparator] : []),
          code(target.name)
        ])
      )
    )
  for (const [index, phase] of plan.phases.entries()) {
    // The same canary steps run at every increment: they are listed once, under the first.
    const isLaterIncrement =
      phase.kind === 'canary' &&
      phase.weight !== undefined &&
      index > 0 &&
      plan.phases[index - 1]?.kind === 'canary'
    if (isLaterIncrement) continue
    if (hasPhases) blocks.push(paragraph(strong(phaseTitle(phase, increments, t))))
    blocks.push({
      kind: 'list',
      isOrdered: true,
      items: phase.steps.map(step => plannedStepItem(step, t))
    })
    if (phase.skippedSteps.length > 0)
      blocks.push({
        kind: 'table',
        header: [t.leftOut, t.column.why],
        rows: phase.skippedSteps.map(({ item, reason }) => [stepCell(item, t), [t.said(reason)]])
      })
  }
  blocks.push(...plannedHealthBlocks(plan, t))
  blocks.push(...procedureBlocks(stepRollbacks(plan), plan.rollbackSteps, t, t.rollbackOwnFirst))
  return { title: t.sections.preview, blocks }
}

function phaseTitle(phase: Phase, increments: number[], t: ReportText): string {
  if (phase.weight === undefined) return t.phase[phase.kind]
  if (phase.kind === 'deploy') return t.canary.promotion
  return increments.map(weight => t.canary.previewPhase(weight)).join(' → ')
}

function plannedStepItem(step: PlannedStep, t: ReportText): ListItem {
  const details: ListItem[] = [
    ...(step.purpose ? [{ line: [`${t.purpose}${t.colon}${step.purpose}`] }] : []),
    {
      line: [
        `${t.target}${t.colon}`,
        step.isPerTarget ? t.eachTarget : step.target ? code(step.target) : t.anyTarget,
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
  const place = (phase: Phase): string =>
    phase.weight === undefined
      ? t.phase[phase.kind]
      : phase.kind === 'canary'
        ? t.canary.previewPhase(phase.weight)
        : t.canary.promotion
  const rows = checks.map(({ phase, check }) => [
    [plan.phases.length > 1 ? `${place(phase)}${t.colon}${check.name}` : check.name],
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
      rows: skipped.map(({ item, reason }) => [[item.name], [t.said(reason)]])
    })
  return blocks
}

function expectation(check: HealthCheck, t: ReportText): string {
  if (check.kind === 'command' && check.metric) return metricExpectation(check.metric, t)
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
    ? `${probing}${t.semicolon}${t.watching(formatDuration(check.watchMs), check.failureLimit)}`
    : probing
}

/** A metric check's bounds as the plan writes them, for the preview. */
function metricExpectation(metric: Metric, t: ReportText): string {
  const m = t.metric
  const parts = [
    metric.max === undefined ? undefined : m.atMost(formatDecimal(metric.max)),
    metric.min === undefined ? undefined : m.atLeast(formatDecimal(metric.min)),
    metric.baseline?.maxIncrease ? m.increase(changeText(metric.baseline.maxIncrease)) : undefined,
    metric.baseline?.maxDecrease ? m.decrease(changeText(metric.baseline.maxDecrease)) : undefined
  ].filter((part): part is string => part !== undefined)
  const baseline = metric.baseline
    ? `${t.listSeparator}${m.previewBaseline(metric.baseline.samples, metric.baseline.isRequired)}`
    : ''
  return `${m.previewNumber(parts.join(t.listSeparator))}${baseline}`
}

function changeText(change: BaselineChange): string {
  return change.kind === 'percent' ? `${change.percent}%` : formatDecimal(change.amount)
}
