/**
 * Metric checks in the report: the baselines measured before the first step, and for each metric
 * check its bounds and its samples, as a table and as a line chart. Sample values are the text the
 * command printed, already redacted: a value that no longer reads as a number is left off the chart.
 */
import { parseDecimal } from '../core/decimal.js'
import { code, paragraph, strong, type Block, type Line, type LineChart } from './document.js'
import type { BaselineRecord, HealthRecord, MetricRecord, MetricSample } from './model.js'
import type { ReportText } from './text.js'

/** Where a step or check ran: `Canary at 25%`, `Promotion at 100%`, or nothing without increments. */
export function placeOf(
  record: { phase: string; weight?: number | undefined },
  t: ReportText
): string {
  if (record.weight === undefined) return ''
  return record.phase === 'canary' ? t.canary.previewPhase(record.weight) : t.canary.promotion
}

/** What went wrong with a sample that is not a number, as a clause: `printed "n/a", …`. */
export function sampleProblem(sample: MetricSample, t: ReportText): string {
  const m = t.metric
  switch (sample.reading) {
    case 'timed-out':
      return m.timedOut
    case 'failed':
      return m.failedRun(m.exitCode(sample.exitCode), sample.printed)
    case 'not-a-number':
      return sample.printed ? m.notANumber(sample.printed) : m.printedNothing
    case 'number':
      return sample.value ?? ''
  }
}

/** A metric check's last result, for the health table: its last sample, judged. */
export function lastResultOf(metric: MetricRecord, t: ReportText): Line | undefined {
  const last = metric.samples.at(-1)
  if (!last) return undefined
  if (last.reading !== 'number') return [sampleProblem(last, t)]
  if (last.verdict === 'above' || last.verdict === 'below') {
    const bound = last.verdict === 'above' ? metric.max : metric.min
    return [t.metric.outOfBounds(last.value ?? '', last.verdict, bound ?? '')]
  }
  return [code(last.value ?? ''), ' ', t.metric.verdict.within]
}

function boundsText(metric: MetricRecord, t: ReportText): string {
  const m = t.metric
  if (metric.min !== undefined && metric.max !== undefined) return m.between(metric.min, metric.max)
  if (metric.max !== undefined) return m.atMost(metric.max)
  if (metric.min !== undefined) return m.atLeast(metric.min)
  return m.anyNumber
}

/** `healthy when at most 0.018 (the plan: max 0.05, max-increase 50%; compared with …)`. */
function boundsNote(metric: MetricRecord, t: ReportText): string {
  const { rule } = metric
  const parts = [
    rule.max === undefined ? undefined : `max ${rule.max}`,
    rule.min === undefined ? undefined : `min ${rule.min}`,
    rule.maxIncrease === undefined ? undefined : t.metric.increase(rule.maxIncrease),
    rule.maxDecrease === undefined ? undefined : t.metric.decrease(rule.maxDecrease)
  ].filter((part): part is string => part !== undefined)
  return t.metric.boundsNote(
    boundsText(metric, t),
    t.metric.rule(parts.join(t.listSeparator)),
    metric.baseline === undefined ? undefined : t.metric.compared(metric.baseline)
  )
}

/** A metric check: its bounds, its chart, and its samples in a collapsed table. */
export function metricBlocks(
  record: HealthRecord & { metric: MetricRecord },
  t: ReportText
): Block[] {
  const { metric } = record
  const m = t.metric
  const place = placeOf(record, t)
  const blocks: Block[] = [
    paragraph(...m.checkLead(record.name, place), `${t.colon}${boundsNote(metric, t)}`)
  ]
  if (metric.isBaselineMissing) blocks.push(paragraph(m.baselineMissing))
  const chart = chartOf(record.name, place, metric, t)
  if (chart) blocks.push({ kind: 'chart', chart: chart.chart }, paragraph(chart.key))
  const rows = metric.samples.map(sample => [
    [String(sample.n)],
    sample.reading === 'number'
      ? [code(sample.value ?? '')]
      : sample.printed
        ? [code(sample.printed)]
        : ['—'],
    [
      sample.reading === 'number'
        ? m.verdict[sample.verdict ?? 'within']
        : `${m.reading[sample.reading]}${sample.reading === 'failed' ? ` (${m.exitCode(sample.exitCode)})` : ''}`
    ]
  ])
  if (rows.length > 0)
    blocks.push({
      kind: 'collapsed',
      summary: m.samplesShown(rows.length, record.probes),
      blocks: [{ kind: 'table', header: [t.column.number, m.value, t.column.result], rows }]
    })
  return blocks
}

/** The samples that read as numbers, and the bounds and baseline as flat lines beside them. */
function chartOf(
  name: string,
  place: string,
  metric: MetricRecord,
  t: ReportText
): { chart: LineChart; key: string } | undefined {
  const points = metric.samples.flatMap(sample => {
    const value = sample.value === undefined ? undefined : parseDecimal(sample.value)
    return value === undefined ? [] : [{ n: sample.n, value }]
  })
  if (points.length === 0) return undefined
  const names = t.metric.chartSeries
  const flat = (text: string | undefined, label: string): LineChart['series'] => {
    const value = text === undefined ? undefined : parseDecimal(text)
    return value === undefined ? [] : [{ name: label, values: points.map(() => value) }]
  }
  const series = [
    { name: names.samples, values: points.map(point => point.value) },
    ...flat(metric.max, names.max),
    ...flat(metric.min, names.min),
    ...flat(metric.baseline, names.baseline)
  ]
  return {
    chart: {
      title: t.metric.chartTitle(name, place),
      axis: t.metric.chartAxis,
      labels: points.map(point => String(point.n)),
      series
    },
    key: t.metric.chartKey(series.map(item => item.name).join(t.listSeparator))
  }
}

/** The baselines measured before the first step: each sample, and the median. */
export function baselineBlocks(baselines: BaselineRecord[], t: ReportText): Block[] {
  if (baselines.length === 0) return []
  const m = t.metric
  const rows = baselines.map(baseline => [
    [baseline.check],
    baseline.samples.length === 0
      ? ['—']
      : baseline.samples.flatMap((sample, index) => [
          ...(index === 0 ? [] : [t.listSeparator]),
          sample.reading === 'number' ? code(sample.value ?? '') : sampleProblem(sample, t)
        ]),
    [baseline.value === undefined ? strong(m.notMeasured) : code(baseline.value)]
  ])
  return [
    paragraph(strong(m.baselines)),
    { kind: 'table', header: [t.column.check, m.samples, m.median], rows }
  ]
}

/** Follow-ups: each baseline that could not be measured, whose relative bounds were off. */
export function baselineWarnings(baselines: BaselineRecord[], t: ReportText): string[] {
  return baselines
    .filter(baseline => baseline.value === undefined && !baseline.isRequired)
    .map(baseline => t.metric.baselineWarning(baseline.check))
}
