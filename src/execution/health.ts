/**
 * Post-deploy health checks: probe until the first healthy answer or the retries run out, then,
 * with `watch`, keep probing and fail once more than `failure-limit` probes fail. Every probe is
 * counted for the report. A metric check's probe is a sample, healthy when it is a number within
 * its bounds.
 */
import type { Clock } from '../core/clock.js'
import type { CommandRunner } from './command-runner.js'
import { formatDuration } from '../core/duration.js'
import type { Log } from '../core/log.js'
import { LIMITS } from '../core/limits.js'
import { joinMessages, listOf, verbatim, type Message } from '../core/message.js'
import type { HealthCheck } from '../plan/schema.js'
import type { HealthRecord, MetricRecord, MetricSample } from '../report/model.js'
import {
  baselineKeyOf,
  boundsOf,
  describeSample,
  judge,
  metricRecordOf,
  parseMetricValue,
  readMetric,
  type BaselineValues
} from './metric.js'
import { say } from './messages.js'
import { expandUrl } from './step-environment.js'

/** An answer, or why there was none (`isTimeout`: none within the probe's time limit). */
export type ProbeAnswer = { status: number; body: string } | { error: string; isTimeout?: boolean }

export interface HttpProbe {
  get: (
    url: string,
    timeoutMs: number,
    signal?: AbortSignal,
    headers?: Record<string, string>
  ) => Promise<ProbeAnswer>
}

/** Reads at most this much of a response body: enough for any health document. */
const MAX_BODY_BYTES = 1024 * 1024

export const fetchProbe: HttpProbe = {
  get: async (url, timeoutMs, signal, headers = {}) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]
    try {
      const response = await fetch(url, {
        signal: AbortSignal.any(signals),
        redirect: 'follow',
        headers
      })
      const chunks: Uint8Array[] = []
      let size = 0
      if (response.body) {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          chunks.push(chunk)
          size += chunk.length
          if (size >= MAX_BODY_BYTES) break
        }
      }
      return { status: response.status, body: Buffer.concat(chunks).toString('utf8') }
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const name = (error as Error).name
      if (name === 'TimeoutError') return { error: 'timeout', isTimeout: true }
      return { error: cause?.code ?? cause?.message ?? (error as Error).message }
    }
  }
}

export interface HealthRun {
  probe: HttpProbe
  runner: CommandRunner
  clock: Clock
  log: Log
  root: string
  /** The step environment: url expansion and command checks use it. */
  env: Record<string, string>
  signal?: AbortSignal
  /** The metric baselines measured before the first step. */
  baselines?: BaselineValues
}

interface ProbeResult {
  isHealthy: boolean
  summary: Message
  /** A metric check's sample. */
  sample?: Omit<MetricSample, 'n'>
}

export async function runHealthCheck(
  check: HealthCheck,
  phase: HealthRecord['phase'],
  run: HealthRun,
  weight?: number
): Promise<HealthRecord> {
  const startedAt = run.clock.now()
  const metric = metricOf(check, run)
  const record: HealthRecord = {
    name: check.name,
    kind: check.kind,
    phase,
    startedAt: new Date(startedAt).toISOString(),
    isHealthy: false,
    probes: 0,
    failures: 0,
    durationMs: 0,
    ...(weight === undefined ? {} : { weight }),
    ...(metric ? { metric } : {})
  }
  const done = (isHealthy: boolean): HealthRecord => ({
    ...record,
    isHealthy,
    durationMs: run.clock.now() - startedAt
  })
  const probeOnce = prepareProbe(check, run)
  if ('problem' in probeOnce) {
    record.probes = 0
    record.lastError = probeOnce.problem
    run.log.error(say.checkProblem(check.name, probeOnce.problem))
    return done(false)
  }
  const probe = async (label: Message): Promise<boolean> => {
    const result = await probeOnce.probe()
    record.probes++
    if (result.sample && record.metric) {
      const samples = record.metric.samples
      samples.push({ n: record.probes, ...result.sample })
      if (samples.length > LIMITS.metricSamples) samples.shift()
    }
    if (result.isHealthy) {
      record.lastStatus = result.summary
      run.log.info(say.probeHealthy(label, result.summary))
    } else {
      record.failures++
      record.lastError = result.summary
      run.log.info(say.probeUnhealthy(label, result.summary))
    }
    return result.isHealthy
  }
  let isHealthy = false
  for (let attempt = 1; attempt <= check.retries && !run.signal?.aborted; attempt++) {
    isHealthy = await probe(say.probeLabel(attempt, check.retries))
    if (isHealthy) break
    if (attempt < check.retries) await run.clock.sleep(check.intervalMs, run.signal)
  }
  if (!isHealthy || run.signal?.aborted) {
    run.log.error(say.noHealthyAnswer(check.name, check.retries, record.lastError ?? say.none))
    return done(false)
  }
  if (check.watchMs > 0) {
    const watchEnds = run.clock.now() + check.watchMs
    const pauseMs = Math.max(check.intervalMs, 1_000)
    let watchFailures = 0
    run.log.info(say.watching(formatDuration(check.watchMs), check.failureLimit))
    while (run.clock.now() + pauseMs <= watchEnds && !run.signal?.aborted) {
      await run.clock.sleep(pauseMs, run.signal)
      if (
        !(await probe(
          say.watchLabel(formatDuration(check.watchMs - (watchEnds - run.clock.now())))
        ))
      ) {
        watchFailures++
        if (watchFailures > check.failureLimit) {
          run.log.error(say.tooManyFailures(check.name, watchFailures, check.failureLimit))
          return done(false)
        }
      }
    }
  }
  run.log.info(say.healthyAfter(check.name, record.probes))
  return done(!run.signal?.aborted)
}

/** A metric check's record before its first sample, its bounds set from the baseline. */
function metricOf(check: HealthCheck, run: HealthRun): MetricRecord | undefined {
  if (check.kind !== 'command' || !check.metric) return undefined
  const key = baselineKeyOf(check)
  const value = key === undefined ? undefined : run.baselines?.get(key)
  return metricRecordOf(check.metric, {
    ...(value === undefined ? {} : { value }),
    isMissing: key !== undefined && value === undefined
  })
}

/** A function that probes once, or a reason the check cannot be run at all. */
function prepareProbe(
  check: HealthCheck,
  run: HealthRun
): { probe: () => Promise<ProbeResult> } | { problem: Message } {
  if (check.kind === 'command' && check.metric) {
    const metric = check.metric
    const key = baselineKeyOf(check)
    const bounds = boundsOf(metric, key === undefined ? undefined : run.baselines?.get(key))
    const probe = async (): Promise<ProbeResult> => {
      const result = await run.runner.run({
        script: check.run,
        cwd: run.root,
        env: run.env,
        timeoutMs: check.timeoutMs,
        onOutput: () => undefined,
        tailBytes: 4096,
        stdoutTailBytes: 4096,
        ...(run.signal ? { signal: run.signal } : {})
      })
      const reading = readMetric(result, run.log.redact)
      const value = reading.value === undefined ? undefined : parseMetricValue(reading.value)
      const sample = value === undefined ? reading : { ...reading, verdict: judge(value, bounds) }
      return {
        isHealthy: sample.verdict === 'within',
        summary: describeSample(sample, bounds, check.timeoutMs),
        sample
      }
    }
    return { probe }
  }
  if (check.kind === 'command') {
    const probe = async (): Promise<ProbeResult> => {
      const result = await run.runner.run({
        script: check.run,
        cwd: run.root,
        env: run.env,
        timeoutMs: check.timeoutMs,
        onOutput: () => undefined,
        tailBytes: 4096,
        ...(run.signal ? { signal: run.signal } : {})
      })
      if (result.status === 'succeeded') return { isHealthy: true, summary: say.exitZero }
      // Shortened only once redacted: a cut inside a secret would show the part before it.
      const lastLine = run.log.redact(result.outputTail.trim().split('\n').pop() ?? '')
      const how =
        result.status === 'timed-out'
          ? say.checkTimedOut(formatDuration(check.timeoutMs))
          : say.checkExit(String(result.exitCode ?? result.signal ?? '?'))
      return {
        isHealthy: false,
        summary: lastLine ? say.withLastLine(how, lastLine.slice(0, 200)) : how
      }
    }
    return { probe }
  }
  const { value: url, missing } = expandUrl(check.url, run.env)
  if (missing.length > 0)
    return {
      problem: say.urlVariablesUnset(check.url, listOf(missing.map(name => `\${${name}}`)))
    }
  if (!/^https?:\/\//.test(url)) return { problem: say.urlNotHttp(check.url) }
  const target = withoutCredentials(url)
  if ('problem' in target) return target
  const probe = async (): Promise<ProbeResult> => {
    const answer = await run.probe.get(target.url, check.timeoutMs, run.signal, target.headers)
    if ('error' in answer)
      return {
        isHealthy: false,
        summary: answer.isTimeout
          ? say.noAnswerWithin(target.shown, formatDuration(check.timeoutMs))
          : say.unanswered(target.shown, answer.error)
      }
    const isStatusOk = check.expectStatus
      ? check.expectStatus.includes(answer.status)
      : answer.status >= 200 && answer.status < 300
    if (!isStatusOk) {
      return {
        isHealthy: false,
        summary: say.httpUnexpected(answer.status, expectedStatus(check.expectStatus))
      }
    }
    if (check.expectBody !== undefined && !answer.body.includes(check.expectBody)) {
      return { isHealthy: false, summary: say.bodyLacks(answer.status, check.expectBody) }
    }
    return { isHealthy: true, summary: say.http(answer.status) }
  }
  return { probe }
}

function expectedStatus(statuses: number[] | undefined): Message {
  return statuses ? joinMessages(statuses.map(String).map(verbatim), say.or) : verbatim('2xx')
}

/**
 * `https://user:password@host/…` as fetch can send it: the credentials move to a Basic
 * Authorization header, and the URL shown anywhere carries none of them.
 */
function withoutCredentials(
  url: string
): { url: string; shown: string; headers: Record<string, string> } | { problem: Message } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { problem: say.urlInvalid }
  }
  if (parsed.username === '' && parsed.password === '') return { url, shown: url, headers: {} }
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
  parsed.username = ''
  parsed.password = ''
  return {
    url: parsed.toString(),
    shown: parsed.toString(),
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
  }
}
