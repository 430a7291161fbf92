/**
 * The report as a reader meets it, built once for every sink: a headline that says the result,
 * environment, version and duration; the cause of a failure right under it; when things ran; then
 * the details, long or all-passed parts collapsed. Pure: the same report always gives the same
 * document. Takes a report already redacted (redact-report.ts).
 */
import type { Check } from '../core/check.js'
import { formatDuration } from '../core/duration.js'
import type { Locale } from '../openlogos/project-config.js'
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
import type { DeploymentReport } from './model.js'
import { reportText, type ReportText, type RollbackSubject } from './text.js'
import { baselineWarnings, lastResultOf, placeOf } from './view-metric.js'
import { previewSection, rollbackPointSection } from './view-plan.js'
import { isPerTargetRun, targetsSection } from './view-targets.js'
import { targetLanes, timelineOf } from './timeline.js'
import {
  changesSection,
  healthSection,
  rollbackSection,
  stepsSection,
  summarySection
} from './view-run.js'

/** Lines of a failed step's output shown in the alert: enough to see the error, not a wall. */
const CAUSE_LINES = 8

export function buildDocument(report: DeploymentReport, locale: Locale): ReportDocument {
  const t = reportText(locale)
  const isDryRun = report.deployment.isDryRun || report.status === 'dry-run'
  const sections: (Section | undefined)[] = [
    report.status === 'refused' ? unmetSection(report.checks, t) : undefined,
    isDryRun ? undefined : timelineSection(report, t),
    summarySection(report, t),
    targetsSection(report, t),
    report.deployment.changes ? changesSection(report.deployment.changes, t) : undefined,
    report.steps.length > 0 ? stepsSection(report, t) : undefined,
    report.health.length > 0 || (report.baselines ?? []).length > 0
      ? healthSection(report, t)
      : undefined,
    report.rollback ? rollbackSection(report, t) : undefined,
    // A rollback on demand is itself the way back: its summary names the version it replaced.
    !isDryRun && report.runPlan && report.deployment.mode !== 'rollback'
      ? rollbackPointSection(report, report.runPlan, t)
      : undefined,
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
  const status = report.status
  if (
    deployment.mode === 'rollback' &&
    deployment.rollbackFrom &&
    (status === 'rolled-back' || status === 'failure' || status === 'dry-run')
  )
    return t.rollbackHeadline[status](rollbackSubject(report))
  return t.headline[status]({
    proposal: deployment.proposal ?? '—',
    version: deployment.version,
    environment: deployment.environment ?? '—',
    duration: formatDuration(report.durationMs)
  })
}

function rollbackSubject(report: DeploymentReport): RollbackSubject {
  const { deployment } = report
  return {
    version: deployment.version,
    from: deployment.rollbackFrom?.version ?? '—',
    environment: deployment.environment ?? '—',
    duration: formatDuration(report.durationMs)
  }
}

/** What a reader must see first: why it failed, what was undone, or why a real run would stop. */
function leadOf(report: DeploymentReport, t: ReportText): Alert | undefined {
  if (report.deployment.mode === 'rollback' && report.status === 'rolled-back')
    return { level: 'note', blocks: [paragraph(t.rollbackDoneLead(rollbackSubject(report)))] }
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
            items: blocking.map(check => ({
              line: [`${t.said(check.title)}${t.colon}${t.said(check.detail)}`]
            }))
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
  // A target undone on its own was tolerated: the cause is what failed beyond that.
  const undone = new Set(
    (report.targets ?? []).filter(item => item.status === 'undone').map(item => item.target)
  )
  const counts = (record: { target?: string }): boolean =>
    record.target === undefined || !undone.has(record.target)
  const failedStep = report.steps.find(
    step => (step.status === 'failed' || step.status === 'timed-out') && counts(step)
  )
  const failedCheck = report.health.find(check => !check.isHealthy && counts(check))
  const onTarget = (name: string, target: string | undefined): string =>
    target === undefined ? name : `${name} · ${target}`
  if (failedStep) {
    const how = failedStep.status === 'timed-out' ? t.stepTimedOut : t.stepFailed
    const exit = failedStep.exitCode === undefined ? '' : t.exitCodeSuffix(failedStep.exitCode)
    const target = isPerTargetRun(report, failedStep) ? failedStep.target : undefined
    blocks.push(
      paragraph(
        ...t.failedStepLead(
          code(onTarget(failedStep.id, target)),
          how,
          exit,
          formatDuration(failedStep.durationMs)
        )
      )
    )
    const lines = linesThatMatter(failedStep.outputTail ?? '')
    if (lines.length > 0) blocks.push({ kind: 'code', text: lines.join('\n'), language: 'text' })
  } else if (failedCheck?.metric && failedCheck.metric.samples.length > 0) {
    const result = lastResultOf(failedCheck.metric, t) ?? []
    blocks.push(
      paragraph(...t.metric.failedLead(failedCheck.name, placeOf(failedCheck, t), result))
    )
  } else if (failedCheck) {
    const result = failedCheck.lastError ?? failedCheck.lastStatus
    blocks.push(
      paragraph(
        ...t.failedCheckLead(
          onTarget(failedCheck.name, failedCheck.target),
          code(result ? t.said(result) : '—')
        )
      )
    )
  } else if (report.status === 'cancelled') {
    blocks.push(paragraph(strong(t.cancelledLead)))
  }
  if (report.error) blocks.push(paragraph(strong(t.errorLead), ' ', t.said(report.error)))
  if (report.rollback) {
    const point = report.deployment.rollbackPoint?.version
    blocks.push(
      paragraph(
        report.rollback.isComplete
          ? t.rolledBackLead(report.deployment.environment ?? '—', point)
          : t.rollbackIncompleteLead
      )
    )
  } else if (report.deployment.mode === 'rollback') {
    blocks.push(paragraph(t.rollbackFailedLead))
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

function unmetSection(checks: Check[], t: ReportText): Section {
  const items: ListItem[] = checks
    .filter(check => check.status === 'failed')
    .map(check => {
      const [first = '', ...rest] = (check.fix ? t.said(check.fix) : '').split('\n')
      const children: Block[] = t
        .said(check.detail)
        .split('\n')
        .map(line => paragraph(line))
      if (check.fix) children.push(paragraph(strong(`${t.fix}${t.colon.trimEnd()}`), ' ', first))
      // A fix may carry a block to paste (a front matter skeleton).
      if (rest.length > 0) children.push({ kind: 'code', text: rest.join('\n'), language: 'yaml' })
      return { line: [strong(t.said(check.title))], children }
    })
  return { title: t.sections.unmet, blocks: [{ kind: 'list', isOrdered: true, items }] }
}

function timelineSection(report: DeploymentReport, t: ReportText): Section | undefined {
  const lanes = timelineOf(report, t)
  if (lanes.length === 0) return undefined
  const targets = report.targets?.length ?? 0
  const shown = targetLanes(report).length
  return {
    title: t.sections.timeline,
    blocks: [
      { kind: 'timeline', lanes },
      paragraph(t.timelineNote),
      ...(shown < targets ? [paragraph(t.fleet.lanesShown(shown, targets))] : [])
    ]
  }
}

function checksSection(checks: Check[], t: ReportText): Section | undefined {
  if (checks.length === 0) return undefined
  const rows = checks.map(check => [
    [t.checkStatus[check.status]],
    [t.said(check.title)],
    [t.said(check.detail).split('\n')[0] ?? '']
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
      .map(check =>
        check.fix ? t.withFix(t.said(check.detail), t.said(check.fix)) : t.said(check.detail)
      ),
    ...baselineWarnings(report.baselines ?? [], t),
    ...report.warnings.map(t.said)
  ]
  const blocks: Block[] = []
  if (warnings.length > 0)
    blocks.push({
      kind: 'list',
      isOrdered: false,
      items: warnings.map(warning => ({ line: [warning] }))
    })
  const isRollback = report.deployment.mode === 'rollback'
  const next = isRollback
    ? report.status === 'rolled-back' || report.status === 'dry-run'
      ? t.rollbackNext(report.deployment.proposal ?? '')
      : undefined
    : report.status === 'success' || report.status === 'dry-run'
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
