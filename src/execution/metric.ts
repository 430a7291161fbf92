/**
 * Metric checks: the number a command prints on the last line of its standard output, and the
 * bounds it is judged by, absolute (`max`, `min`) and relative to the baseline measured before the
 * first step (`max-increase`, `max-decrease`). The stricter bound wins.
 */
import { formatDecimal, parseDecimal, roundDecimal } from '../core/decimal.js'
import { formatDuration } from '../core/duration.js'
import { LIMITS } from '../core/limits.js'
import { verbatim, type Message } from '../core/message.js'
import type { BaselineChange, HealthCheck, Metric } from '../plan/schema.js'
import type { MetricRecord, MetricSample } from '../report/model.js'
import type { CommandResult } from './command-runner.js'
import { say } from './messages.js'

/** The number of a metric line, or undefined when it is not a finite plain decimal. */
export const parseMetricValue = parseDecimal

/** The last line of a command's output that holds anything. */
export function lastLine(output: string): string {
  const lines = output.split(/\r\n|\r|\n/).filter(line => line.trim() !== '')
  return (lines.at(-1) ?? '').trim()
}

/**
 * What a metric command's run gave, its number read from standard output only. What was printed
 * instead is shortened only once redacted: a cut inside a secret would show the part before it.
 */
export function readMetric(
  result: CommandResult,
  redact: (text: string) => string
): Omit<MetricSample, 'n'> {
  const printed = (text: string): string => redact(text).slice(0, LIMITS.metricPrintedChars)
  if (result.status === 'timed-out') return { reading: 'timed-out' }
  if (result.status !== 'succeeded') {
    const line = lastLine(result.outputTail)
    return {
      reading: 'failed',
      ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
      ...(line ? { printed: printed(line) } : {})
    }
  }
  const line = lastLine(result.stdoutTail ?? result.outputTail)
  const value = parseMetricValue(line)
  if (value === undefined) return { reading: 'not-a-number', printed: printed(line) }
  return { reading: 'number', value: line }
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
}

export const formatMetric = formatDecimal
const rounded = roundDecimal

export interface Bounds {
  min?: number
  max?: number
}

/**
 * The bounds a sample must stay within. A relative bound is measured on the baseline's size:
 * `max-increase: 50%` of a baseline of -2 allows up to -1. A baseline of 0 has no size, so a
 * percentage of it allows no change at all; an amount still does.
 */
export function boundsOf(metric: Metric, baseline: number | undefined): Bounds {
  const change = (rule: BaselineChange): number =>
    rule.kind === 'amount' ? rule.amount : (Math.abs(baseline ?? 0) * rule.percent) / 100
  const upper = [
    metric.max,
    baseline !== undefined && metric.baseline?.maxIncrease
      ? baseline + change(metric.baseline.maxIncrease)
      : undefined
  ].filter((value): value is number => value !== undefined)
  const lower = [
    metric.min,
    baseline !== undefined && metric.baseline?.maxDecrease
      ? baseline - change(metric.baseline.maxDecrease)
      : undefined
  ].filter((value): value is number => value !== undefined)
  return {
    ...(lower.length > 0 ? { min: rounded(Math.max(...lower)) } : {}),
    ...(upper.length > 0 ? { max: rounded(Math.min(...upper)) } : {})
  }
}

export function judge(value: number, bounds: Bounds): 'within' | 'above' | 'below' {
  if (bounds.max !== undefined && value > bounds.max) return 'above'
  if (bounds.min !== undefined && value < bounds.min) return 'below'
  return 'within'
}

/** `≤ 0.018`, `≥ 0.01`, `0.01 to 0.018`: the bounds in a log line. */
export function describeBounds(bounds: Bounds): Message {
  const { min, max } = bounds
  if (min !== undefined && max !== undefined)
    return say.metric.between(formatMetric(min), formatMetric(max))
  if (max !== undefined) return verbatim(`≤ ${formatMetric(max)}`)
  if (min !== undefined) return verbatim(`≥ ${formatMetric(min)}`)
  return say.metric.anyNumber
}

/** A sample in the log and the check's last result: the value and its verdict, or what went wrong. */
export function describeSample(
  sample: Omit<MetricSample, 'n'>,
  bounds: Bounds,
  timeoutMs: number
): Message {
  const m = say.metric
  switch (sample.reading) {
    case 'timed-out':
      return m.timedOut(formatDuration(timeoutMs))
    case 'failed': {
      const code = String(sample.exitCode ?? '?')
      return sample.printed ? m.failedPrinting(code, sample.printed) : m.failed(code)
    }
    case 'not-a-number':
      return sample.printed ? m.notANumber(JSON.stringify(sample.printed)) : m.printedNothing
    case 'number':
      if (sample.verdict === 'above')
        return m.above(sample.value ?? '', formatMetric(bounds.max ?? 0))
      if (sample.verdict === 'below')
        return m.below(sample.value ?? '', formatMetric(bounds.min ?? 0))
      return m.within(sample.value ?? '', describeBounds(bounds))
  }
}

/** `50%` or `0.02`: a relative bound as the plan writes it. */
export function describeChange(change: BaselineChange): string {
  return change.kind === 'percent' ? `${change.percent}%` : formatMetric(change.amount)
}

/** The record of a metric check before its first sample: the rule, the baseline, the bounds. */
export function metricRecordOf(
  metric: Metric,
  baseline: { value?: number; isMissing: boolean }
): MetricRecord {
  const bounds = boundsOf(metric, baseline.value)
  const rule = {
    ...(metric.max === undefined ? {} : { max: formatMetric(metric.max) }),
    ...(metric.min === undefined ? {} : { min: formatMetric(metric.min) }),
    ...(metric.baseline?.maxIncrease
      ? { maxIncrease: describeChange(metric.baseline.maxIncrease) }
      : {}),
    ...(metric.baseline?.maxDecrease
      ? { maxDecrease: describeChange(metric.baseline.maxDecrease) }
      : {})
  }
  return {
    rule,
    ...(baseline.value === undefined ? {} : { baseline: formatMetric(baseline.value) }),
    ...(baseline.isMissing ? { isBaselineMissing: true } : {}),
    ...(bounds.min === undefined ? {} : { min: formatMetric(bounds.min) }),
    ...(bounds.max === undefined ? {} : { max: formatMetric(bounds.max) }),
    samples: []
  }
}

/**
 * Which checks share a baseline: the same command, sampled as often and at the same interval,
 * measures the same thing, so it is measured once.
 */
export function baselineKeyOf(check: HealthCheck): string | undefined {
  if (check.kind !== 'command' || !check.metric?.baseline) return undefined
  return `${check.metric.baseline.samples}×${check.intervalMs}ms×${check.timeoutMs}ms:${check.run}`
}

/** Baselines by key: the median, or undefined when it could not be measured (required: false). */
export type BaselineValues = ReadonlyMap<string, number | undefined>
