/**
 * Places the rendered report: outputs, job summary and PR comment. Publishing is best effort: a
 * sink that fails becomes a warning naming the fix, never a failed deployment. Whether the step
 * fails is the caller's decision (main-step.ts, post-step.ts), from the outcome returned here.
 */
import * as core from '@actions/core'
import { LIMITS } from '../core/limits.js'
import type { Log } from '../core/log.js'
import { firstLine, joinMessages, SEPARATOR, type Locale, type Message } from '../core/message.js'
import type { SecretRegistry } from '../core/redact.js'
import type { GitHubClient } from '../github/client.js'
import { publishComment } from '../github/pr-comment.js'
import type { RunContext } from '../github/run-context.js'
import { truncateMarkdown } from '../report/markdown-safe.js'
import { renderReport } from '../report/markdown.js'
import { isSuccessfulRun, type DeploymentReport } from '../report/model.js'
import { redactReport } from '../report/redact-report.js'
import { reportText, statusWord } from '../report/text.js'
import { appendJobSummary } from './job-summary.js'
import { say } from './messages.js'
import { publishOutputs } from './outputs.js'

export interface SummarySink {
  write(markdown: string): Promise<void>
}

/** `markdown` is rendered from a redacted report. */
export async function publishSummary(
  markdown: string,
  sink: SummarySink,
  warn: (message: Message) => void,
  locale: Locale
): Promise<void> {
  const t = reportText(locale)
  const safe = truncateMarkdown(markdown, LIMITS.summaryBytes, t.truncated(t.summaryRest))
  try {
    await sink.write(safe)
  } catch (error) {
    warn(say.summaryFailed((error as Error).message))
  }
}

export interface PublishOptions {
  client?: GitHubClient
  context: RunContext
  secrets: SecretRegistry
  log: Log
  comment: boolean
  prNumber?: number
  setOutputs: boolean
  /** The post step: nothing comes after it to finish the run. */
  isFinal?: boolean
}

/** What publishing leaves the caller to decide: whether the step fails, and with which message. */
export type PublishOutcome = { isSuccessful: true } | { isSuccessful: false; failure: Message }

/** Outputs, job summary and PR comment. */
export async function publish(
  report: DeploymentReport,
  options: PublishOptions
): Promise<PublishOutcome> {
  const { log } = options
  const safe = redactReport(report, options.secrets)
  if (options.setOutputs) publishOutputs(safe, core)
  const markdown = renderReport(safe, safe.locale)
  await publishSummary(
    markdown,
    { write: text => appendJobSummary(text) },
    log.warning,
    safe.locale
  )
  if (options.comment && options.client) {
    const result = await publishComment(options.client, options.context, safe, markdown, {
      prNumber: options.prNumber
    })
    if (result.kind === 'posted')
      log.info(
        result.isUpdate
          ? say.commentUpdated(result.pullRequest)
          : say.commentPosted(result.pullRequest)
      )
    else if (result.kind === 'skipped') log.info(say.noComment(result.reason))
    else log.warning(result.warning)
  }
  if (isSuccessfulRun(report)) return { isSuccessful: true }
  return { isSuccessful: false, failure: failureMessage(safe, options.isFinal === true) }
}

function failureMessage(report: DeploymentReport, isFinal: boolean): Message {
  if (report.status === 'refused') {
    const unmet = report.checks.filter(check => check.status === 'failed')
    const lines = unmet.map(check => say.condition(check.title, firstLine(check.detail)))
    return say.refused(unmet.length, joinMessages(lines, SEPARATOR.line))
  }
  if (report.status === 'cancelled' && !report.steps.some(step => step.status !== 'skipped'))
    return say.cancelledBeforeSteps
  if (report.status === 'cancelled' && report.rollback === undefined)
    return isFinal ? say.cancelledNothingUndone : say.cancelledPostRollsBack
  const status = statusWord(report.status)
  return report.error ? say.endedWith(status, report.error) : say.ended(status)
}
