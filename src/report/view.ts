/**
 * The report as a reader meets it, built once for every sink: a headline that says the result,
 * environment, version and duration; the cause of a failure right under it; when things ran; then
 * the details, long or all-passed parts collapsed. Pure: the same report always gives the same
 * document. Takes a report already redacted (redact-report.ts).
 */
import type { Check } from '../core/check.js'
import { formatDuration } from '../core/duration.js'
import { LIMITS } from '../core/limits.js'
import type { Locale } from '../openlogos/project-config.js'
import type { Changes } from '../plan/deployment.js'
import {
  stepRollbacks,
  worstCaseDetectionMs,
  type PlannedStep,
  type RunPlan
} from '../plan/run-plan.js'
import type { HealthCheck } from '../plan/schema.js'
import {
  code,
  paragraph,
  strong,
  type Alert,
  type Block,
  type Line,
  type ListItem,
  type ReportDocument,
  type Section
} from './document.js'
import type { DeploymentReport, HealthRecord, StepRecord } from './model.js'
import { reportText, type ReportText } from './text.js'
import { timelineOf } from './timeline.js'

/** Lines of a failed step's output shown in the alert: enough to see the error, not a wall. */
const CAUSE_LINES = 8

export function buildDocument(report: DeploymentReport, locale: Locale): ReportDocument {
  const t = reportText(locale)
  const isDryRun = report.deployment.isDryRun || report.status === 'dry-run'
  const sections: (Section | undefined)[] = [
    report.status === 'refused' ? unmetSection(report.checks, t) : undefined,
    isDryRun ? undefined : timelineSection(report, t),
    summarySection(report, t),
    report.deployment.changes ? changesSection(report.deployment.changes, t) : undefined,
    report.steps.length > 0 ? stepsSection(report, t) : undefined,
    report.health.length > 0 ? healthSection(report.health, t) : undefined,
    report.rollback ? rollbackSection(report, t) : undefined,
    !isDryRun && report.runPlan ? rollbackPointSection(report, report.runPlan, t) : undefined,
    isDryRun && report.runPlan ? previewSection(report.runPlan, t) : undefined,
    checksSection(report.checks, t),
    followUpsSection(report, t)
  ]
  const lead = leadOf(report, t)
  return {
    headline: headlineOf(report, t),
    ...(lead ? { lead } : {}),
    sections: sections.filter((section): section is Section => section !== undefined),
    isNumbered: locale === 'zh'
  }
}

function headlineOf(report: DeploymentReport, t: ReportText): string {
  const { deployment } = report
  return t.headline[report.status]({
    proposal: deployment.proposal ?? '—',
    version: deployment.version,
    environment: deployment.environment ?? '—',
    duration: formatDuration(report.durationMs)
  })
}

/** What a reader must see first: why it failed, what was undone, or why a real run would stop. */
function leadOf(report: DeploymentReport, t: ReportText): Alert | undefined {
  switch (report.status) {
    case 'refused': {
      const unmet = report.checks.filter(check => check.status === 'failed').length
      return { level: 'caution', blocks: [paragraph(t.refusedLead(unmet))] }
    }
    case 'dry-run': {
      const blocking = report.checks.filter(check => check.blocksRealRun)
      if (blocking.length === 0) return { level: 'note', blocks: [paragraph(t.dryRunLead)] }
      return {
        level: 'warning',
        blocks: [
          paragraph(strong(t.dryRunWouldRefuse)),
          {
            kind: 'list',
            isOrdered: false,
            items: blocking.map(check => ({ line: [`${check.title}${t.colon}${check.detail}`] }))
          },
          paragraph(t.dryRunLead)
        ]
      }
    }
    case 'success':
      return undefined
    default:
      return failureLead(report, t)
  }
}

function failureLead(report: DeploymentReport, t: ReportText): Alert {
  const blocks: Block[] = []
  const failedStep = report.steps.find(
    step => step.status === 'failed' || step.status === 'timed-out'
  )
  const failedCheck = report.health.find(check => !check.isHealthy)
  if (failedStep) {
    const how = failedStep.status === 'timed-out' ? t.stepTimedOut : t.stepFailed
    const exit = failedStep.exitCode === undefined ? '' : t.exitCodeSuffix(failedStep.exitCode)
    blocks.push(
      paragraph(
        ...t.failedStepLead(code(failedStep.id), how, exit, formatDuration(failedStep.durationMs))
      )
    )
    const lines = linesThatMatter(failedStep.outputTail ?? '')
    if (lines.length > 0) blocks.push({ kind: 'code', text: lines.join('\n'), language: 'text' })
  } else if (failedCheck) {
    const result = failedCheck.lastError ?? failedCheck.lastStatus ?? '—'
    blocks.push(paragraph(...t.failedCheckLead(failedCheck.name, code(result))))
  } else if (report.status === 'cancelled') {
    blocks.push(paragraph(strong(t.cancelledLead)))
  }
  if (report.error) blocks.push(paragraph(strong(t.errorLead), ' ', report.error))
  if (report.rollback) {
    const point = report.deployment.rollbackPoint?.version
    blocks.push(
      paragraph(
        report.rollback.isComplete
          ? t.rolledBackLead(report.deployment.environment ?? '—', point)
          : t.rollbackIncompleteLead
      )
    )
  } else if (report.status !== 'cancelled') {
    blocks.push(paragraph(t.notRolledBackLead))
  }
  return { level: report.status === 'failure' ? 'caution' : 'warning', blocks }
}

/**
 * The lines of a failed step's output a reader needs: the last ones naming an error, with the
 * line after each, else the last lines.
 */
export function linesThatMatter(output: string): string[] {
  const lines = output.replace(/\n$/, '').split('\n')
  if (lines.length === 1 && lines[0] === '') return []
  const marked = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => /\b(error|fatal|failed|failure|exception|denied|refused)\b/i.test(line))
  if (marked.length === 0) return lines.slice(-CAUSE_LINES)
  const keep = new Set<number>()
  for (const { index } of marked.slice(-CAUSE_LINES)) {
    keep.add(index)
    if (index + 1 < lines.length) keep.add(index + 1)
  }
  return [...keep]
    .sort((a, b) => a - b)
    .slice(-CAUSE_LINES)
    .map(index => lines[index] ?? '')
}

/** A step as a cell: its name, and its id in code only when the name says something else. */
function stepCell(step: { name: string; id: string }, t: ReportText, undoes?: string): Line {
  const name = undoes === undefined ? step.name : t.undo(step.name)
  return name === step.id ? [code(step.id)] : [name, ' (', code(step.id), ')']
}

function unmetSection(checks: Check[], t: ReportText): Section {
  const items: ListItem[] = checks
    .filter(check => check.status === 'failed')
    .map(check => {
      const [first = '', ...rest] = (check.fix ?? '').split('\n')
      const children: Block[] = check.detail.split('\n').map(line => paragraph(line))
      if (check.fix) children.push(paragraph(strong(`${t.fix}${t.colon.trimEnd()}`), ' ', first))
      // A fix may carry a block to paste (a front matter skeleton).
      if (rest.length > 0) children.push({ kind: 'code', text: rest.join('\n'), language: 'yaml' })
      return { line: [strong(check.title)], children }
    })
  return { title: t.sections.unmet, blocks: [{ kind: 'list', isOrdered: true, items }] }
}

function timelineSection(report: DeploymentReport, t: ReportText): Section | undefined {
  const lanes = timelineOf(report, t)
  if (lanes.length === 0) return undefined
  return {
    title: t.sections.timeline,
    blocks: [{ kind: 'timeline', lanes }, paragraph(t.timelineNote)]
  }
}

/** "2026-05-24 10:00:00 UTC": readable, with its time zone. */
export function formatTime(iso: string, t: ReportText): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} ${t.utc}`
}

function summarySection(report: DeploymentReport, t: ReportText): Section {
  const f = t.field
  const { deployment } = report
  const isDryRun = deployment.isDryRun || report.status === 'dry-run'
  const rows: [string, Line | undefined][] = [
    [f.result, [t.status[report.status]]],
    [f.proposal, deployment.proposal ? [code(deployment.proposal)] : undefined],
    [f.environment, deployment.environment ? [code(deployment.environment)] : undefined],
    [
      f.targets,
      deployment.targets.length > 0
        ? deployment.targets.flatMap((target, index) =>
            index === 0 ? [code(target)] : [', ', code(target)]
          )
        : undefined
    ],
    [f.version, [code(deployment.version)]],
    [f.sha, deployment.sha ? [code(deployment.sha)] : undefined],
    [f.mode, [t.mode[deployment.mode]]],
    [f.plan, report.planFile ? [code(report.planFile)] : undefined],
    [isDryRun ? f.dryRunAt : f.started, [formatTime(report.startedAt, t)]],
    [f.duration, [formatDuration(report.durationMs)]],
    [f.deploymentId, deployment.id ? [deployment.id] : undefined],
    [f.url, report.deployUrl ? [code(report.deployUrl)] : undefined],
    [
      f.previousVersion,
      isDryRun || report.status === 'refused'
        ? undefined
        : deployment.rollbackPoint
          ? [code(deployment.rollbackPoint.version)]
          : [t.noPreviousVersion]
    ],
    [f.authorization, report.authorization ? [report.authorization] : undefined],
    [f.run, report.runUrl ? [{ link: report.runUrl, url: report.runUrl }] : undefined]
  ]
  const shown = rows.filter((row): row is [string, Line] => row[1] !== undefined)
  return {
    title: t.sections.summary,
    blocks: [
      {
        kind: 'table',
        header: [t.column.item, t.column.value],
        rows: shown.map(([label, value]) => [[label], value])
      }
    ]
  }
}

function changesSection(changes: Changes, t: ReportText): Section {
  const shown = changes.commits.slice(0, 20)
  const count: Line = changes.compareUrl
    ? [
        t.changesCount(shown.length, changes.total),
        ' (',
        { link: t.compare, url: changes.compareUrl },
        ')'
      ]
    : [t.changesCount(shown.length, changes.total)]
  const items: ListItem[] = shown.map(commit => ({
    line: [
      code(commit.sha.slice(0, 7)),
      ' ',
      commit.message.split('\n')[0] ?? '',
      ...(commit.author ? [` (@${commit.author})`] : [])
    ]
  }))
  return {
    title: t.sections.changes,
    blocks: [paragraph(...count), { kind: 'list', isOrdered: false, items }]
  }
}

function stepsSection(report: DeploymentReport, t: ReportText): Section {
  const rows = report.steps.map((step, index) => [
    [String(index + 1)],
    stepCell(step, t),
    step.target ? [code(step.target)] : ['—'],
    [t.stepStatus[step.status]],
    [step.status === 'skipped' ? '—' : formatDuration(step.durationMs)],
    [step.exitCode !== undefined ? String(step.exitCode) : (step.signal ?? '—')]
  ])
  const c = t.column
  const blocks: Block[] = [
    {
      kind: 'table',
      header: [c.number, c.step, c.target, c.result, c.duration, c.exitCode],
      rows
    }
  ]
  const notes = report.steps.filter(step => step.note !== undefined && step.status !== 'succeeded')
  if (notes.length > 0)
    blocks.push({
      kind: 'list',
      isOrdered: false,
      items: notes.map(step => ({ line: [code(step.id), `${t.colon}${step.note ?? ''}`] }))
    })
  const failed = report.steps.find(step => step.status === 'failed' || step.status === 'timed-out')
  if (failed?.outputTail) blocks.push(outputBlock(failed, t))
  return { title: t.sections.steps, blocks }
}

function outputBlock(step: StepRecord, t: ReportText): Block {
  const lines = (step.outputTail ?? '')
    .replace(/\n$/, '')
    .split('\n')
    .slice(-LIMITS.failureExcerptLines)
  return {
    kind: 'collapsed',
    summary: t.failedOutput(step.id, lines.length),
    blocks: [{ kind: 'code', text: lines.join('\n'), language: 'text' }]
  }
}

function healthSection(health: HealthRecord[], t: ReportText): Section {
  const c = t.column
  const rows = health.map(record => [
    [record.name],
    [record.isHealthy ? t.healthy : t.unhealthy],
    [String(record.probes)],
    [String(record.failures)],
    [code(record.lastError ?? record.lastStatus ?? '—')],
    [formatDuration(record.durationMs)]
  ])
  return {
    title: t.sections.health,
    blocks: [
      {
        kind: 'table',
        header: [c.check, c.result, c.probes, c.failures, c.lastResult, c.duration],
        rows
      }
    ]
  }
}

function rollbackSection(report: DeploymentReport, t: ReportText): Section | undefined {
  const rollback = report.rollback
  if (!rollback) return undefined
  const c = t.column
  const rows = rollback.steps.map((step, index) => [
    [String(index + 1)],
    stepCell(step, t, step.undoes),
    [t.stepStatus[step.status]],
    [formatDuration(step.durationMs)],
    [step.exitCode !== undefined ? String(step.exitCode) : '—']
  ])
  const blocks: Block[] = [
    paragraph(...t.rollbackCause(code(rollback.cause), formatDuration(rollback.durationMs)))
  ]
  if (rows.length > 0)
    blocks.push({
      kind: 'table',
      header: [c.number, c.step, c.result, c.duration, c.exitCode],
      rows
    })
  blocks.push(paragraph(rollback.isComplete ? t.rollbackComplete : strong(t.rollbackIncomplete)))
  return { title: t.sections.rollback, blocks }
}

/** For a real run: what it would go back to, and how, counting only the steps that ran. */
function rollbackPointSection(report: DeploymentReport, plan: RunPlan, t: ReportText): Section {
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

function previewSection(plan: RunPlan, t: ReportText): Section {
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
    [code(check.kind === 'http' ? check.url : check.run)],
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

function checksSection(checks: Check[], t: ReportText): Section | undefined {
  if (checks.length === 0) return undefined
  const rows = checks.map(check => [
    [t.checkStatus[check.status]],
    [check.title],
    [check.detail.split('\n')[0] ?? '']
  ])
  const table: Block = {
    kind: 'table',
    header: [t.column.result, t.column.check, t.column.detail],
    rows
  }
  const failed = checks.filter(check => check.status === 'failed').length
  const warnings = checks.filter(check => check.status === 'warning').length
  if (failed + warnings > 0)
    return { title: t.sections.checks, blocks: [paragraph(t.checksSome(failed, warnings)), table] }
  return {
    title: t.sections.checks,
    blocks: [{ kind: 'collapsed', summary: t.checksPassed(checks.length), blocks: [table] }]
  }
}

function followUpsSection(report: DeploymentReport, t: ReportText): Section | undefined {
  const warnings = [
    ...report.checks
      .filter(check => check.status === 'warning')
      .map(check => `${check.detail}${check.fix ? ` (${check.fix})` : ''}`),
    ...report.warnings
  ]
  const blocks: Block[] = []
  if (warnings.length > 0)
    blocks.push({
      kind: 'list',
      isOrdered: false,
      items: warnings.map(warning => ({ line: [warning] }))
    })
  const next =
    report.status === 'success' || report.status === 'dry-run'
      ? report.isSmokeRequired && report.deployment.environment
        ? t.smokeNext(report.deployment.environment)
        : t.noSmoke
      : undefined
  if (blocks.length === 0 && next === undefined) return undefined
  if (next === undefined) return { title: t.sections.warnings, blocks }
  if (blocks.length === 0)
    return { title: t.sections.nextStep, blocks: [paragraph(...nextStepLine(next))] }
  const label = strong(`${t.sections.nextStep}${t.colon.trimEnd()}`)
  return {
    title: t.sections.warnings,
    blocks: [...blocks, paragraph(label, ' ', ...nextStepLine(next))]
  }
}

/** The next step's text, its one command in code. */
function nextStepLine(text: string): Line {
  const parts = text.split('`')
  return parts.map((part, index) => (index % 2 === 1 ? code(part) : part))
}
