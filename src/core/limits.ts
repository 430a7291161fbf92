/** The size limits of the places the action writes to, each with the reason for its number. */

export const LIMITS = {
  /** GitHub refuses a step summary above 1 MiB; keep a margin for what the runner adds. */
  summaryBytes: 1024 * 1024 - 16 * 1024,
  /** GitHub answers 422 to an issue comment body above 65,536 characters. */
  commentChars: 65_000,
  /** Output kept per step for the report: enough for a stack trace, bounded whatever a step prints. */
  stepOutputTailBytes: 64 * 1024,
  /** Lines of a failing step's output shown in the report. */
  failureExcerptLines: 30,
  /**
   * Samples of a metric check kept for the report and its chart, the latest ones: an hour of
   * probing once a minute, and a line GitHub still draws legibly. The probe counts keep the rest.
   */
  metricSamples: 60,
  /** Characters of a metric command's last line quoted when it is not a number. */
  metricPrintedChars: 200,
  /** A plan larger than this is not a plan someone reviewed: refuse it before parsing. */
  planFileBytes: 2 * 1024 * 1024
} as const
