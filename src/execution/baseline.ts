/**
 * The baselines of metric checks, measured before the first step: the check's own command, run
 * `baseline.samples` times at the check's interval; the median is the baseline. A sample that is
 * not a number makes the baseline unmeasurable: the deployment is refused before anything runs,
 * or, with `required: false`, the check keeps its absolute bounds only.
 */
import type { Clock } from '../core/clock.js'
import type { Log } from '../core/log.js'
import { verbatim } from '../core/message.js'
import type { Deployment } from '../plan/deployment.js'
import type { RunPlan } from '../plan/run-plan.js'
import type { HealthCheck, Metric } from '../plan/schema.js'
import type { BaselineRecord, MetricSample } from '../report/model.js'
import type { CommandRunner } from './command-runner.js'
import {
  baselineKeyOf,
  describeSample,
  formatMetric,
  median,
  parseMetricValue,
  readMetric
} from './metric.js'
import { say } from './messages.js'
import { initialUrlOf, stepEnvironment } from './step-environment.js'

/** A command check whose metric has a baseline. */
export type MetricCheck = Extract<HealthCheck, { kind: 'command' }> & {
  metric: Metric & { baseline: NonNullable<Metric['baseline']> }
}

/** The checks whose baselines a run measures, one per distinct command (baselineKeyOf). */
export function baselineChecks(runPlan: Pick<RunPlan, 'phases'>): MetricCheck[] {
  const seen = new Set<string>()
  const checks: MetricCheck[] = []
  for (const check of runPlan.phases.flatMap(phase => phase.health)) {
    const key = baselineKeyOf(check)
    if (key === undefined || seen.has(key)) continue
    seen.add(key)
    checks.push(check as MetricCheck)
  }
  return checks
}

export interface BaselineInput {
  runPlan: RunPlan
  root: string
  /** The job's environment, private variables removed. */
  job: Record<string, string>
  deployment: Deployment
}

export interface BaselineDeps {
  runner: CommandRunner
  clock: Clock
  log: Log
  signal?: AbortSignal
}

export type BaselineResult =
  | { kind: 'measured'; records: BaselineRecord[]; values: Map<string, number | undefined> }
  /** A required baseline could not be measured: `sample` is the one that was not a number. */
  | { kind: 'unmeasurable'; records: BaselineRecord[]; check: MetricCheck; sample: MetricSample }
  | { kind: 'cancelled'; records: BaselineRecord[] }

export async function measureBaselines(
  input: BaselineInput,
  deps: BaselineDeps
): Promise<BaselineResult> {
  const { runPlan } = input
  const url = initialUrlOf(runPlan.environmentUrl, { ...input.job, ...runPlan.variables }).value
  const env = stepEnvironment({
    job: input.job,
    variables: runPlan.variables,
    stepEnv: {},
    deployment: input.deployment,
    url,
    outputFile: '/dev/null'
  })
  const records: BaselineRecord[] = []
  const values = new Map<string, number | undefined>()
  for (const check of baselineChecks(runPlan)) {
    const measured = await measureOne(check, env, input.root, deps)
    records.push(measured.record)
    if (measured.kind === 'cancelled') return { kind: 'cancelled', records }
    const key = baselineKeyOf(check) ?? ''
    if (measured.kind === 'measured') {
      values.set(key, measured.value)
      continue
    }
    if (check.metric.baseline.isRequired)
      return { kind: 'unmeasurable', records, check, sample: measured.sample }
    values.set(key, undefined)
    deps.log.warning(
      say.metric.baselineOff(check.name, describeSample(measured.sample, {}, check.timeoutMs))
    )
  }
  return { kind: 'measured', records, values }
}

type Measured =
  | { kind: 'measured'; record: BaselineRecord; value: number }
  | { kind: 'unmeasurable'; record: BaselineRecord; sample: MetricSample }
  | { kind: 'cancelled'; record: BaselineRecord }

async function measureOne(
  check: MetricCheck,
  env: Record<string, string>,
  root: string,
  deps: BaselineDeps
): Promise<Measured> {
  const { samples: wanted, isRequired } = check.metric.baseline
  const startedAt = deps.clock.now()
  const samples: MetricSample[] = []
  const record = (value?: number): BaselineRecord => ({
    check: check.name,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.max(0, deps.clock.now() - startedAt),
    samples: [...samples],
    ...(value === undefined ? {} : { value: formatMetric(value) }),
    isRequired
  })
  const numbers: number[] = []
  for (let n = 1; n <= wanted; n++) {
    if (n > 1) await deps.clock.sleep(check.intervalMs, deps.signal)
    if (deps.signal?.aborted) return { kind: 'cancelled', record: record() }
    const result = await deps.runner.run({
      script: check.run,
      cwd: root,
      env,
      timeoutMs: check.timeoutMs,
      onOutput: () => undefined,
      tailBytes: 4096,
      stdoutTailBytes: 4096,
      ...(deps.signal ? { signal: deps.signal } : {})
    })
    if (result.status === 'cancelled' || deps.signal?.aborted)
      return { kind: 'cancelled', record: record() }
    const sample: MetricSample = { n, ...readMetric(result, deps.log.redact) }
    samples.push(sample)
    const value = sample.value === undefined ? undefined : parseMetricValue(sample.value)
    const label = say.metric.sampleLabel(n, wanted)
    if (value === undefined) {
      deps.log.error(say.metric.sampleLine(label, describeSample(sample, {}, check.timeoutMs)))
      return { kind: 'unmeasurable', record: record(), sample }
    }
    deps.log.info(say.metric.sampleLine(label, verbatim(sample.value ?? '')))
    numbers.push(value)
  }
  const value = median(numbers)
  const increase = check.metric.baseline.maxIncrease
  const decrease = check.metric.baseline.maxDecrease
  deps.log.info(say.metric.baselineMeasured(check.name, formatMetric(value), wanted))
  if (value === 0 && (increase?.kind === 'percent' || decrease?.kind === 'percent'))
    deps.log.warning(say.metric.baselineZero(check.name))
  return { kind: 'measured', record: record(value), value }
}
