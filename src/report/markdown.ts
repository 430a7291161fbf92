/**
 * The one renderer: the Markdown of a deployment report, used as it is by the report file, the job
 * summary and the PR comment. Pure: the same report always gives the same text.
 */
import type { Check } from '../core/check.js'
import type { Changes } from '../plan/deployment.js'
import { formatDuration } from '../core/duration.js'
import { code, details, fenced, table, text } from './markdown-safe.js'
import type { Locale } from '../openlogos/project-config.js'
import type { HealthCheck } from '../plan/schema.js'
import type { DeploymentReport, HealthRecord, StepRecord } from './model.js'
import { reportText, type ReportText } from './text.js'
import { LIMITS } from '../core/limits.js'
import {
  stepRollbacks,
  worstCaseDetectionMs,
  type Phase,
  type PlannedStep,
  type RunPlan
} from '../plan/run-plan.js'

export function renderReport(report: DeploymentReport, locale: Locale): string {
  const t = reportText(locale)
  const sections = [
    `# ${text(heading(report, t))}`,
    note(report, t),
    report.status === 'refused' ? renderUnmet(report.checks, t) : '',
    report.error ? `**${t.error}:** ${text(report.error)}` : '',
    `## ${t.summary}\n\n${renderSummary(report, t)}`,
    report.deployment.changes ? renderChanges(report.deployment.changes, t) : '',
    report.steps.length > 0 ? renderSteps(report, t) : '',
    report.health.length > 0 ? renderHealth(report.health, t) : '',
    report.rollback ? renderRollback(report, t) : '',
    !report.deployment.isDryRun && report.runPlan
      ? renderRollbackPoint(report, report.runPlan, t)
      : '',
    report.deployment.isDryRun && report.runPlan ? renderPreview(report.runPlan, t) : '',
    renderChecks(report.checks, t),
    renderFollowUps(report, t)
  ]
  return sections.filter(section => section !== '').join('\n\n') + '\n'
}

function heading(report: DeploymentReport, t: ReportText): string {
  const slug = report.deployment.proposal ?? '—'
  const environment = report.deployment.environment ?? '—'
  if (report.status === 'refused') return t.refusedTitle(slug, environment)
  return report.deployment.isDryRun ? t.dryRunTitle(slug, environment) : t.title(slug, environment)
}

function note(report: DeploymentReport, t: ReportText): string {
  if (report.status === 'refused') {
    return `> ${t.refusedNote(report.checks.filter(check => check.status === 'failed').length)}`
  }
  return report.deployment.isDryRun ? `> ${t.dryRunNote}` : ''
}

function renderSummary(report: DeploymentReport, t: ReportText): string {
  const f = t.field
  const rows: [string, string | undefined][] = [
    [f.result, t.status[report.status]],
    [f.proposal, report.deployment.proposal && code(report.deployment.proposal)],
    [f.environment, report.deployment.environment && code(report.deployment.environment)],
    [
      f.targets,
      report.deployment.targets.length > 0
        ? report.deployment.targets.map(code).join(', ')
        : undefined
    ],
    [f.version, code(report.deployment.version)],
    [f.sha, report.deployment.sha && code(report.deployment.sha)],
    [f.mode, report.deployment.mode],
    [f.plan, report.planFile && code(report.planFile)],
    [f.started, report.startedAt],
    [f.duration, formatDuration(report.durationMs)],
    [f.deploymentId, report.deployment.id && text(report.deployment.id)],
    [f.url, report.deployUrl && text(report.deployUrl)],
    [
      f.previousVersion,
      report.deployment.isDryRun || report.status === 'refused'
        ? undefined
        : report.deployment.rollbackPoint?.version
          ? code(report.deployment.rollbackPoint?.version)
          : t.noPreviousVersion
    ],
    [f.authorization, report.authorization && text(report.authorization)],
    [f.run, report.runUrl && `[${text(report.runUrl)}](${report.runUrl})`]
  ]
  return table(
    ['', ''],
    rows
      .filter((row): row is [string, string] => row[1] !== undefined)
      .map(([k, v]) => [`**${k}**`, v])
  )
}

function renderUnmet(checks: Check[], t: ReportText): string {
  const unmet = checks.filter(check => check.status === 'failed')
  const items = unmet.map((check, index) => {
    const detail = check.detail
      .split('\n')
      .map(line => `   ${text(line)}`)
      .join('<br>\n')
    const fix = check.fix ? renderFix(check.fix, t) : ''
    return `${index + 1}. **${text(check.title)}**<br>\n${detail}${fix}`
  })
  return `## ${t.unmet}\n\n${items.join('\n')}`
}

/** A fix may carry a code block (the front matter skeleton): keep it readable. */
function renderFix(fix: string, t: ReportText): string {
  const [first = '', ...rest] = fix.split('\n')
  const block =
    rest.length > 0 ? `\n\n${fenced(rest.join('\n'), 'yaml').replace(/^/gm, '   ')}` : ''
  return `<br>\n   ${t.fix}: ${text(first)}${block}`
}

function renderChecks(checks: Check[], t: ReportText): string {
  if (checks.length === 0) return ''
  const icon = { passed: '✅', failed: '❌', warning: '⚠️' } as const
  const rows = checks.map(check => [
    icon[check.status],
    text(check.title),
    text(check.detail.split('\n')[0] ?? '')
  ])
  return `## ${t.checks}\n\n${table(['', t.check, t.detail], rows)}`
}

function renderPreview(plan: RunPlan, t: ReportText): string {
  const parts = [`## ${t.stepsToRun}`]
  let number = 0
  for (const phase of plan.phases) {
    if (plan.phases.length > 1)
      parts.push(`### ${phase.kind === 'canary' ? t.canaryPhase : t.deployPhase}`)
    for (const step of phase.steps) parts.push(renderPlannedStep(++number, step, t))
    if (phase.skippedSteps.length > 0) {
      const rows = phase.skippedSteps.map(({ item, reason }) => [
        code(item.id),
        text(item.name),
        text(reason)
      ])
      parts.push(`**${t.leftOut}**\n\n${table([t.step, '', t.why], rows)}`)
    }
  }
  parts.push(renderPlannedHealth(plan.phases, t), renderRollbackProcedure(plan, t))
  return parts.join('\n\n')
}

function renderPlannedStep(number: number, step: PlannedStep, t: ReportText): string {
  const lines = [
    `#### ${number}. ${text(step.name)} (${code(step.id)})`,
    step.purpose ? `- ${t.purpose}: ${text(step.purpose)}` : '',
    `- ${t.target}: ${step.target ? code(step.target) : t.anyTarget} · ${t.workingDirectory}: ${code(step.workingDirectory)} · ${t.timeout}: ${formatDuration(step.timeoutMs)}`,
    `- ${t.rollbackPoint}: ${step.rollback ? t.stepRollback(code(step.rollback)) : t.noStepRollback}`,
    '',
    fenced(step.run, 'bash')
  ]
  return lines.filter((line, index) => line !== '' || index === 4).join('\n')
}

function renderPlannedHealth(phases: Phase[], t: ReportText): string {
  const checks = phases.flatMap(phase => phase.health.map(check => ({ phase, check })))
  if (checks.length === 0) return `### ${t.healthChecks}\n\n${t.noHealthChecks}`
  const rows = checks.map(({ phase, check }) => [
    text(
      phases.length > 1
        ? `${phase.kind === 'canary' ? t.canaryPhase : t.deployPhase}: ${check.name}`
        : check.name
    ),
    check.kind === 'http' ? code(check.url) : code(check.run),
    text(expectation(check, t)),
    `${check.retries} × ${formatDuration(check.timeoutMs)} / ${formatDuration(check.intervalMs)}`,
    check.watchMs > 0 ? `${formatDuration(check.watchMs)} (≤ ${check.failureLimit})` : '—',
    formatDuration(worstCaseDetectionMs(check))
  ])
  const total = checks.reduce((sum, { check }) => sum + worstCaseDetectionMs(check), 0)
  const skipped = phases.flatMap(phase => phase.skippedHealth)
  const left =
    skipped.length > 0
      ? `\n\n**${t.leftOut}**\n\n${table(
          [t.healthChecks, t.why],
          skipped.map(({ item, reason }) => [text(item.name), text(reason)])
        )}`
      : ''
  return `### ${t.healthChecks}\n\n${table([t.healthChecks, t.probe, t.expect, t.attempts, t.watch, t.worstCase], rows)}\n\n${t.totalDetection(formatDuration(total))}${left}`
}

function expectation(check: HealthCheck, t: ReportText): string {
  if (check.kind === 'command') return t.exitZero
  const status = check.expectStatus ? check.expectStatus.join(' / ') : t.anyStatus2xx
  return check.expectBody ? `${status} + "${check.expectBody}"` : status
}

function renderRollbackPoint(report: DeploymentReport, plan: RunPlan, t: ReportText): string {
  const previous = report.deployment.rollbackPoint?.version
    ? t.previousVersionIs(code(report.deployment.rollbackPoint?.version))
    : `${t.field.previousVersion}: ${t.noPreviousVersion}.`
  const procedure = renderRollbackProcedure(plan, t).replace(/^### .*\n\n/, '')
  return `## ${t.rollbackPointSection}\n\n${previous}\n\n${procedure}`
}

function renderRollbackProcedure(plan: RunPlan, t: ReportText): string {
  const own = stepRollbacks(plan)
  if (own.length === 0 && plan.rollbackSteps.length === 0)
    return `### ${t.rollbackProcedure}\n\n${t.noRollback}`
  const parts = [`### ${t.rollbackProcedure}`, t.rollbackIntro]
  if (own.length > 0) {
    const items = [...own].reverse().map(step => `- ${code(step.id)}: ${code(step.rollback ?? '')}`)
    parts.push(`1. ${t.rollbackStepsFirst}\n\n${items.join('\n')}`)
  }
  if (plan.rollbackSteps.length > 0) {
    const items = plan.rollbackSteps.map(step => `- ${code(step.id)}: ${code(step.run)}`)
    parts.push(`${own.length > 0 ? 2 : 1}. ${t.rollbackPlanThen}\n\n${items.join('\n')}`)
  }
  return parts.join('\n\n')
}

function renderChanges(changes: Changes, t: ReportText): string {
  const shown = changes.commits.slice(0, 20)
  const link = changes.compareUrl ? ` ([${t.compare}](${changes.compareUrl}))` : ''
  const lines = shown.map(
    commit =>
      `- ${code(commit.sha.slice(0, 7))} ${text(commit.message)}${commit.author ? ` (${text(`@${commit.author}`)})` : ''}`
  )
  return `## ${t.changes}\n\n${t.changesCount(shown.length, changes.total)}${link}\n\n${lines.join('\n')}`
}

function renderSteps(report: DeploymentReport, t: ReportText): string {
  const executed = report.steps
  const rows = executed.map((step, index) => [
    String(index + 1),
    `${text(step.name)} (${code(step.id)})`,
    step.target ? code(step.target) : '—',
    t.stepStatus[step.status],
    step.status === 'skipped' ? '—' : formatDuration(step.durationMs),
    step.exitCode !== undefined ? String(step.exitCode) : step.signal ? text(step.signal) : '—'
  ])
  const parts = [
    `## ${t.steps}`,
    table([t.number, t.step, t.target, '', t.field.duration, t.exitCode], rows)
  ]
  const notes = executed.filter(step => step.note !== undefined && step.status !== 'succeeded')
  if (notes.length > 0)
    parts.push(notes.map(step => `- ${code(step.id)}: ${text(step.note ?? '')}`).join('\n'))
  const failedStep = executed.find(step => step.status === 'failed' || step.status === 'timed-out')
  if (failedStep) parts.push(renderOutputTail(failedStep, t))
  return parts.join('\n\n')
}

export function renderOutputTail(step: StepRecord, t: ReportText): string {
  const lines = (step.outputTail ?? '')
    .replace(/\n$/, '')
    .split('\n')
    .slice(-LIMITS.failureExcerptLines)
  return details(t.failedOutput(step.name, lines.length), fenced(lines.join('\n'), 'text'))
}

function renderHealth(health: HealthRecord[], t: ReportText): string {
  const rows = health.map(record => [
    text(record.name),
    record.isHealthy ? t.healthy : t.unhealthy,
    String(record.probes),
    String(record.failures),
    text(record.lastError ?? record.lastStatus ?? '—'),
    formatDuration(record.durationMs)
  ])
  return `## ${t.health}\n\n${table([t.healthChecks, '', t.probes, t.failures, t.lastResult, t.field.duration], rows)}`
}

function renderRollback(report: DeploymentReport, t: ReportText): string {
  const rollback = report.rollback
  if (!rollback) return ''
  const rows = rollback.steps.map((step, index) => [
    String(index + 1),
    `${text(step.name)} (${code(step.id)})`,
    t.stepStatus[step.status],
    formatDuration(step.durationMs),
    step.exitCode !== undefined ? String(step.exitCode) : '—'
  ])
  return [
    `## ${t.rollback}`,
    t.rollbackCause(code(rollback.cause), formatDuration(rollback.durationMs)),
    rows.length > 0 ? table([t.number, t.step, '', t.field.duration, t.exitCode], rows) : '',
    rollback.isComplete ? t.rollbackComplete : `**${t.rollbackIncomplete}**`
  ]
    .filter(part => part !== '')
    .join('\n\n')
}

function renderFollowUps(report: DeploymentReport, t: ReportText): string {
  const warnings = [
    ...report.checks
      .filter(check => check.status === 'warning')
      .map(check => `${check.detail}${check.fix ? ` (${check.fix})` : ''}`),
    ...report.warnings
  ]
  const parts: string[] = []
  if (warnings.length > 0)
    parts.push(`## ${t.warnings}\n\n${warnings.map(w => `- ${text(w)}`).join('\n')}`)
  if (report.status === 'success' || report.status === 'dry-run') {
    parts.push(
      `## ${t.nextStep}\n\n${report.isSmokeRequired && report.deployment.environment ? t.smokeNext(report.deployment.environment) : t.noSmoke}`
    )
  }
  return parts.join('\n\n')
}
