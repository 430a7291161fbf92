/**
 * The OpenLogos deployment report: one cumulative Markdown file, newest entry on top, entries
 * separated by a line `---`. Older entries are kept byte for byte. Each entry of ours carries a
 * hidden record line, which is how a later run finds the last successful deployment without GitHub.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from './atomic-file.js'
import type { DeploymentReport } from './report.js'

const RECORD_PREFIX = '<!-- deploy-executor-record '
const RECORD_PATTERN = /^<!-- deploy-executor-record (\{.*\}) -->$/gm

export interface DeploymentRecord {
  environment: string
  status: DeploymentReport['status']
  version: string
  sha?: string
  proposal?: string
  finishedAt: string
}

export function recordLine(report: DeploymentReport): string {
  const record: DeploymentRecord = {
    environment: report.environment ?? '',
    status: report.status,
    version: report.version,
    ...(report.sha ? { sha: report.sha } : {}),
    ...(report.proposal ? { proposal: report.proposal } : {}),
    finishedAt: report.finishedAt
  }
  // '--' cannot occur inside JSON strings escaped this way, so the comment cannot be closed early.
  return `${RECORD_PREFIX}${JSON.stringify(record).replace(/-->/g, '--\\u003e')} -->`
}

/** Puts a new entry on top of the report file, atomically. */
export async function prependReportEntry(
  root: string,
  reportPath: string,
  entry: string
): Promise<void> {
  const file = path.join(root, reportPath)
  const existing = await fs.readFile(file, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  })
  const body = entry.endsWith('\n') ? entry : `${entry}\n`
  await writeFileAtomic(file, existing === '' ? body : `${body}\n---\n\n${existing}`)
}

/** The newest successful deployment to `environment` recorded in the report file. */
export async function lastSuccessfulDeployment(
  root: string,
  reportPath: string,
  environment: string
): Promise<DeploymentRecord | undefined> {
  const text = await fs.readFile(path.join(root, reportPath), 'utf8').catch(() => '')
  for (const match of text.matchAll(RECORD_PATTERN)) {
    try {
      const record = JSON.parse(match[1] ?? '') as DeploymentRecord
      if (record.environment === environment && record.status === 'success') return record
    } catch {
      // a damaged record line is skipped, not trusted
    }
  }
  return undefined
}
