/**
 * Places the rendered report: job summary and outputs. Publishing is best effort: a sink that
 * fails becomes a warning naming the fix, never a failed deployment.
 */
import { LIMITS, OUTPUT } from './names.js'
import type { SecretRegistry } from './redact.js'
import type { DeploymentReport } from './report.js'
import { toResultJson } from './result.js'

export interface OutputSink {
  setOutput(name: string, value: string): void
}

export interface SummarySink {
  write(markdown: string): Promise<void>
}

/** Cuts text to `maxBytes` of UTF-8 at a line break, saying where the rest is. */
export function truncateMarkdown(markdown: string, maxBytes: number, rest: string): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown
  const notice = `\n\n> ✂️ Truncated: ${rest}\n`
  const budget = maxBytes - Buffer.byteLength(notice, 'utf8')
  let cut = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8')
  cut = cut.replace(/\uFFFD$/, '')
  const lastBreak = cut.lastIndexOf('\n')
  if (lastBreak > 0) cut = cut.slice(0, lastBreak)
  // An unclosed fence would swallow the notice: close it.
  const fences = cut.match(/^`{3,}/gm) ?? []
  if (fences.length % 2 === 1) cut += `\n${fences[fences.length - 1] ?? '```'}`
  return cut + notice
}

export async function publishSummary(
  markdown: string,
  sink: SummarySink,
  secrets: SecretRegistry,
  warn: (message: string) => void
): Promise<void> {
  const safe = truncateMarkdown(
    secrets.redact(markdown),
    LIMITS.summaryBytes,
    'the job summary is limited to 1 MiB; the report file holds the whole report'
  )
  try {
    await sink.write(safe)
  } catch (error) {
    warn(
      `could not write the job summary (${(error as Error).message}); the report is in the log above`
    )
  }
}

export function publishOutputs(
  report: DeploymentReport,
  reportPath: string | undefined,
  sink: OutputSink,
  secrets: SecretRegistry
): void {
  const set = (name: string, value: string | undefined): void =>
    sink.setOutput(name, secrets.redact(value ?? ''))
  set(OUTPUT.status, report.status)
  set(OUTPUT.deploymentId, report.deploymentId)
  set(OUTPUT.deployUrl, report.deployUrl)
  set(OUTPUT.version, report.version)
  set(OUTPUT.previousVersion, report.previousVersion)
  set(OUTPUT.reportPath, reportPath)
  set(OUTPUT.result, JSON.stringify(toResultJson(report, reportPath)))
}
