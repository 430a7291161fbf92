/**
 * The sections of the report about what ran: the summary, the changes, the steps, the health
 * checks and the rollback.
 */
import { formatDuration } from '../core/duration.js'
import { LIMITS } from '../core/limits.js'
import { isPerTargetCheck, isPerTargetRun } from './view-targets.js'
import type { Changes } from '../plan/deployment.js'
import {
  code,
  paragraph,
  strong,
  type Block,
  type Line,
  type ListItem,
  type Section
} from './document.js'
import type { DeploymentReport, HealthRecord, StepRecord } from './model.js'
import type { ReportText } from './text.js'
import { baselineBlocks, lastResultOf, metricBlocks } from './view-metric.js'

/** The traffic a step or check ran at, for runs that step through canary increments. */
function trafficColumn(
  records: { weight?: number | undefined }[],
  t: ReportText
): { header: string[]; cell: (record: { weight?: number | undefined }) => Line[] } {
  if (!records.some(record => record.weight !== undefined)) return { header: [], cell: () => [] }
  return {
    header: [t.canary.traffic],
    cell: record => [[record.weight === undefined ? '—' : `${record.weight}%`]]
  }
}

/** A step as a cell: its name, and its id in code only when the name says something else. */
export function stepCell(step: { name: string; id: string }, t: ReportText, undoes?: string): Line {
  const name = undoes === undefined ? step.name : t.undo(step.name)
  return name === step.id ? [code(step.id)] : [name, ' (', code(step.id), ')']
}

/** "2026-05-24 10:00:00 UTC": readable, with its time zone. */
export function formatTime(iso: string, t: ReportText): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} ${t.utc}`
}

export function summarySection(report: DeploymentReport, t: ReportText): Section {
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
    [
      isDryRun ? f.dryRunAt : report.status === 'refused' ? f.checkedAt : f.started,
      [formatTime(report.startedAt, t)]
    ],
    [f.duration, [formatDuration(report.durationMs)]],
    [f.deploymentId, deployment.id ? [deployment.id] : undefined],
    [f.url, report.deployUrl ? [code(report.deployUrl)] : undefined],
    [
      t.replacedVersion,
      deployment.rollbackFrom ? [code(deployment.rollbackFrom.version)] : undefined
    ],
    [
      f.previousVersion,
      isDryRun || report.status === 'refused' || deployment.mode === 'rollback'
        ? undefined
        : deployment.rollbackPoint
          ? [code(deployment.rollbackPoint.version)]
          : [t.noPreviousVersion]
    ],
    [f.authorization, report.authorization ? [t.said(report.authorization)] : undefined],
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

export function changesSection(changes: Changes, t: ReportText): Section {
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

export function stepsSection(report: DeploymentReport, t: ReportText): Section {
  // Per-target runs are in the targets' matrix; only those that failed are listed here too.
  const shown = report.steps.filter(
    step => !isPerTargetRun(report, step) || step.status === 'failed' || step.status === 'timed-out'
  )
  const traffic = trafficColumn(shown, t)
  const rows = shown.map((step, index) => [
    [String(index + 1)],
    stepCell(step, t),
    ...traffic.cell(step),
    step.target ? [code(step.target)] : ['—'],
    [t.stepStatus[step.status]],
    [step.status === 'skipped' ? '—' : formatDuration(step.durationMs)],
    [step.exitCode !== undefined ? String(step.exitCode) : (step.signal ?? '—')]
  ])
  const c = t.column
  const blocks: Block[] = [
    {
      kind: 'table',
      header: [c.number, c.step, ...traffic.header, c.target, c.result, c.duration, c.exitCode],
      rows
    }
  ]
  const notes = report.steps.filter(step => step.note !== undefined && step.status !== 'succeeded')
  if (notes.length > 0)
    blocks.push({
      kind: 'list',
      isOrdered: false,
      items: notes.map(step => ({
        line: [code(step.id), `${t.colon}${step.note ? t.said(step.note) : ''}`]
      }))
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

/** The health checks: a table of every check run, the baselines, then each metric check's samples. */
export function healthSection(report: DeploymentReport, t: ReportText): Section {
  const c = t.column
  // Per-target checks are in the targets' matrix; only those that failed are listed here too.
  const health = report.health.filter(record => !isPerTargetCheck(record) || !record.isHealthy)
  const traffic = trafficColumn(health, t)
  const rows = health.map(record => [
    record.target === undefined ? [record.name] : [record.name, ' ', code(record.target)],
    ...traffic.cell(record),
    [record.isHealthy ? t.healthy : t.unhealthy],
    [String(record.probes)],
    [String(record.failures)],
    (record.metric && lastResultOf(record.metric, t)) ?? [code(lastResult(record, t))],
    [formatDuration(record.durationMs)]
  ])
  const blocks: Block[] = []
  if (rows.length > 0)
    blocks.push({
      kind: 'table',
      header: [
        c.check,
        ...traffic.header,
        c.result,
        c.probes,
        c.failures,
        c.lastResult,
        c.duration
      ],
      rows
    })
  blocks.push(...baselineBlocks(report.baselines ?? [], t))
  for (const record of health)
    if (record.metric) blocks.push(...metricBlocks({ ...record, metric: record.metric }, t))
  return { title: t.sections.health, blocks }
}

function lastResult(record: HealthRecord, t: ReportText): string {
  const result = record.lastError ?? record.lastStatus
  return result ? t.said(result) : '—'
}

export function rollbackSection(report: DeploymentReport, t: ReportText): Section | undefined {
  const rollback = report.rollback
  if (!rollback) return undefined
  const c = t.column
  const hasTargets = rollback.steps.some(step => step.target !== undefined)
  const rows = rollback.steps.map((step, index) => [
    [String(index + 1)],
    stepCell(step, t, step.undoes),
    ...(hasTargets ? [step.target ? [code(step.target)] : ['—']] : []),
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
      header: [
        c.number,
        c.step,
        ...(hasTargets ? [c.target] : []),
        c.result,
        c.duration,
        c.exitCode
      ],
      rows
    })
  blocks.push(paragraph(rollback.isComplete ? t.rollbackComplete : strong(t.rollbackIncomplete)))
  return { title: t.sections.rollback, blocks }
}
