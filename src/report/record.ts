/**
 * What a real run leaves behind in the project: the report file entry (every real run), then, on
 * success, the OpenLogos markers. The entry comes first because openlogos deploy-done needs the
 * report to exist; a crash between the two is detected by the next run (see preflight).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Log } from '../core/log.js'
import { errorMessage } from '../core/message.js'
import { OPENLOGOS } from '../openlogos/layout.js'
import { markDeployDone } from '../openlogos/markers.js'
import type { SecretRegistry } from '../core/redact.js'
import type { DeploymentReport } from './model.js'
import {
  RECORD_PREFIX,
  writeReportEntry,
  type DeploymentRecord,
  type WrittenEntry
} from '../openlogos/report-file.js'
import { renderReport } from './markdown.js'
import { say } from './messages.js'
import { redactReport } from './redact-report.js'

export interface RecordOptions {
  settings: { projectRoot: string; reportPath: string; writeMarkers: boolean }
  proposalFolder: string
  log: Log
  secrets: SecretRegistry
  /** Identifies this run's entry, so that a later pass (the post step) replaces it. */
  runKey: string
  /** The entry an earlier pass of this run wrote, to be replaced. */
  replacing?: WrittenEntry
}

export interface Recorded {
  report: DeploymentReport
  entry?: WrittenEntry
}

/** The report file entry for every real run, then, on success, the OpenLogos markers. */
export async function recordDeployment(
  report: DeploymentReport,
  options: RecordOptions
): Promise<Recorded> {
  const { log, settings, proposalFolder } = options
  const record = recordLine(report, { runKey: options.runKey, hasMarkers: settings.writeMarkers })
  const entry = `${record}\n${renderReport(redactReport(report, options.secrets), report.locale)}`
  let written: WrittenEntry
  try {
    written = await writeReportEntry(
      settings.projectRoot,
      settings.reportPath,
      options.runKey,
      entry,
      options.replacing
    )
    log.info(
      options.replacing
        ? say.entryUpdated(settings.reportPath)
        : say.entryWritten(settings.reportPath)
    )
  } catch (error) {
    const warning = say.reportNotWritten(
      settings.reportPath,
      errorMessage(error),
      report.status === 'success' ? say.markersNotWrittenEither : say.reportElsewhere
    )
    log.warning(warning)
    return { report: { ...report, warnings: [...report.warnings, warning] } }
  }
  const done = {
    report: {
      ...report,
      reportFile: settings.reportPath,
      projectChanges: { written: [settings.reportPath], deleted: [] }
    },
    entry: written
  }
  if (report.deployment.mode === 'rollback') {
    log.info(say.markersLeftForRollback)
    return done
  }
  if (report.status !== 'success') {
    log.info(say.noMarkerOnFailure)
    return done
  }
  if (!settings.writeMarkers) {
    log.info(say.markersOff)
    return done
  }
  // openlogos deploy-done, status and smoke expect the report at this one path: markers beside a
  // report elsewhere would leave a state OpenLogos does not accept.
  const expected = OPENLOGOS.defaultReportPath
  if (
    settings.reportPath !== expected &&
    !(await isFile(path.join(settings.projectRoot, expected)))
  ) {
    const warning = say.markersNeedDefaultReport(settings.reportPath, expected)
    log.warning(warning)
    return { ...done, report: { ...done.report, warnings: [...done.report.warnings, warning] } }
  }
  try {
    const marked = await markDeployDone(settings.projectRoot, proposalFolder)
    marked.notes.forEach(note => log.info(note))
    return {
      ...done,
      report: {
        ...done.report,
        projectChanges: {
          written: [settings.reportPath, ...marked.written],
          deleted: marked.deleted
        }
      }
    }
  } catch (error) {
    const warning = say.markersFailed(errorMessage(error))
    log.warning(warning)
    return { ...done, report: { ...done.report, warnings: [...done.report.warnings, warning] } }
  }
}

/** The hidden line that lets a later run find this entry's outcome without GitHub. */
function recordLine(
  report: DeploymentReport,
  options: { runKey: string; hasMarkers: boolean }
): string {
  const record: DeploymentRecord = {
    run: options.runKey,
    markers: options.hasMarkers,
    environment: report.deployment.environment ?? '',
    status: report.status,
    version: report.deployment.version,
    ...(report.deployment.sha ? { sha: report.deployment.sha } : {}),
    ...(report.deployment.proposal ? { proposal: report.deployment.proposal } : {}),
    ...(report.deployment.mode === 'rollback'
      ? {
          mode: 'rollback' as const,
          ...(report.deployment.rollbackFrom
            ? { replaces: report.deployment.rollbackFrom.version }
            : {})
        }
      : {}),
    finishedAt: report.finishedAt
  }
  // '--' cannot occur inside JSON strings escaped this way, so the comment cannot be closed early.
  return `${RECORD_PREFIX}${JSON.stringify(record).replace(/-->/g, '--\\u003e')} -->`
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false
}
