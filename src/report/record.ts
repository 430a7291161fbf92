/**
 * What a real run leaves behind in the project: the report file entry (every real run), then, on
 * success, the OpenLogos markers. The entry comes first because openlogos deploy-done needs the
 * report to exist; a crash between the two is detected by the next run (see preflight).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Log } from '../core/log.js'
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
    log.info(`Report entry ${options.replacing ? 'updated' : 'written'} in ${settings.reportPath}`)
  } catch (error) {
    const warning = `could not write the report file ${settings.reportPath} (${(error as Error).message}): check the path and permissions; ${report.status === 'success' ? 'the markers were not written either, as openlogos deploy-done needs the report' : 'the report is in the log and the job summary'}`
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
    log.info('Markers left alone: a rollback on demand changes no OpenLogos marker')
    return done
  }
  if (report.status !== 'success') {
    log.info('No marker written: the deployment did not succeed')
    return done
  }
  if (!settings.writeMarkers) {
    log.info('Markers left alone (write-markers: false): run openlogos deploy-done yourself')
    return done
  }
  // openlogos deploy-done, status and smoke expect the report at this one path: markers beside a
  // report elsewhere would leave a state OpenLogos does not accept.
  const expected = OPENLOGOS.defaultReportPath
  if (
    settings.reportPath !== expected &&
    !(await isFile(path.join(settings.projectRoot, expected)))
  ) {
    const warning = `the markers were not written: the report went to ${settings.reportPath}, but OpenLogos needs ${expected} to exist after a deployment; use the default report-path, or put a report there and run openlogos deploy-done`
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
    const warning = `could not write the OpenLogos markers (${(error as Error).message}): run openlogos deploy-done by hand`
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
