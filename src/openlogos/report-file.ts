/**
 * The OpenLogos deployment report: one cumulative Markdown file, newest entry on top, entries
 * separated by a line `---`. Older entries are kept byte for byte. Each entry of ours carries a
 * hidden record line, which is how a later run finds the last successful deployment without GitHub.
 *
 * A record is read only where the action writes one, the first line of an entry, and only when
 * every field has the form the action gives it. Text that is not the action's own (step output in
 * an entry, an edit by hand) cannot place one there: the renderer never lets such text open an
 * HTML comment.
 */
import { nodeCrypto } from '../core/lazy-builtins.js'
import { readProjectFile, writeProjectFile } from '../core/project-files.js'

/** Opens the hidden record line at the top of each entry of ours. */
export const RECORD_PREFIX = '<!-- deploy-executor-record '
const RECORD_PATTERN = /^<!-- deploy-executor-record (\{.*\}) -->$/
/** A line `---` with blank lines around it: what separates entries. */
const SEPARATOR = /\n---\n\n/

export interface DeploymentRecord {
  /** The run that wrote the entry: a later pass of the same run replaces it. */
  run?: string
  /** Whether the run was to write the OpenLogos markers on success. */
  markers?: boolean
  environment: string
  /** The report's status: success, failure, rolled-back, cancelled. */
  status: string
  version: string
  sha?: string
  proposal?: string
  /** Only a rollback on demand says its mode; it then names the version it replaced. */
  mode?: 'rollback'
  replaces?: string
  finishedAt: string
}

/**
 * What a later pass of the same run needs to find the entry it wrote: the exact text it put on
 * top of the file (entry and separator), known by length and digest, never by position, so that
 * whatever happened to the file in between (an entry added above, an older entry edited by hand,
 * the file re-saved with other line endings) no byte outside that text is lost or changed.
 */
export interface WrittenEntry {
  runKey: string
  /** Characters of the text this pass put on top of the file. */
  length: number
  /** sha256 of that text, hex. */
  digest: string
}

const digestOf = (text: string): string =>
  nodeCrypto().createHash('sha256').update(text).digest('hex')

/**
 * Puts this run's entry on top of the report file, atomically. Given the entry an earlier pass of
 * this run wrote (the main step, finished by the post step), replaces that exact text where it
 * stands; when it is no longer in the file unchanged (someone edited it), the new entry goes on
 * top and everything in the file is kept: a duplicate entry is better than a lost one.
 */
export async function writeReportEntry(
  root: string,
  reportPath: string,
  runKey: string,
  entry: string,
  replacing?: WrittenEntry
): Promise<WrittenEntry> {
  const existing = readProjectFile(root, reportPath) ?? ''
  const body = entry.endsWith('\n') ? entry : `${entry}\n`
  const at = replacing ? findWritten(existing, replacing) : -1
  if (at >= 0 && replacing) {
    const before = existing.slice(0, at)
    const after = existing.slice(at + replacing.length)
    const written = after === '' ? body : `${body}${ENTRY_SEPARATOR}`
    await writeProjectFile(root, reportPath, `${before}${written}${after}`)
    return { runKey, length: written.length, digest: digestOf(written) }
  }
  const written = existing === '' ? body : `${body}${ENTRY_SEPARATOR}`
  await writeProjectFile(root, reportPath, `${written}${existing}`)
  return { runKey, length: written.length, digest: digestOf(written) }
}

const ENTRY_SEPARATOR = '\n---\n\n'

/** Where the text a pass wrote still stands unchanged: a line starting with its record, then the digest. */
function findWritten(text: string, written: WrittenEntry): number {
  for (let at = text.indexOf(RECORD_PREFIX); at >= 0; at = text.indexOf(RECORD_PREFIX, at + 1)) {
    const isLineStart = at === 0 || text[at - 1] === '\n'
    if (isLineStart && digestOf(text.slice(at, at + written.length)) === written.digest) return at
  }
  return -1
}

/** The record lines at the start of the file and right after each separator, newest first. */
function readRecords(text: string): DeploymentRecord[] {
  const records: DeploymentRecord[] = []
  for (const entry of text.split(SEPARATOR)) {
    const match = RECORD_PATTERN.exec(entry.split('\n', 1)[0] ?? '')
    if (!match) continue
    try {
      const record: unknown = JSON.parse(match[1] ?? '')
      if (isRecord(record)) records.push(record)
    } catch {
      // a damaged record line is skipped, not trusted
    }
  }
  return records
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/
/** As the version input allows it (inputs.ts), and as tags are named. */
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.+/-]{0,99}$/
const STATUSES = new Set(['success', 'failure', 'rolled-back', 'cancelled'])

/** A record exactly as the action writes one; anything else is not trusted. */
function isRecord(value: unknown): value is DeploymentRecord {
  if (typeof value !== 'object' || value === null) return false
  const item = value as Record<string, unknown>
  const optional = (key: string, pattern: RegExp): boolean =>
    item[key] === undefined || (typeof item[key] === 'string' && pattern.test(item[key]))
  return (
    typeof item['environment'] === 'string' &&
    NAME.test(item['environment']) &&
    typeof item['status'] === 'string' &&
    STATUSES.has(item['status']) &&
    typeof item['version'] === 'string' &&
    VERSION_PATTERN.test(item['version']) &&
    typeof item['finishedAt'] === 'string' &&
    !Number.isNaN(Date.parse(item['finishedAt'])) &&
    optional('sha', /^[0-9a-f]{7,64}$/) &&
    optional('proposal', NAME) &&
    optional('run', /^[\w.-]{1,200}$/) &&
    (item['mode'] === undefined || item['mode'] === 'rollback') &&
    optional('replaces', VERSION_PATTERN) &&
    (item['markers'] === undefined || typeof item['markers'] === 'boolean')
  )
}

/** The entries of the report file, newest first, as their record lines describe them. */
export function readDeploymentRecords(root: string, reportPath: string): DeploymentRecord[] {
  let text: string | undefined
  try {
    text = readProjectFile(root, reportPath)
  } catch {
    // A report that may not be read (a link out of the project) holds no record to trust.
  }
  return readRecords(text ?? '')
}

/**
 * The versions `environment` ran, newest first, as the report file records them: each successful
 * deployment, and each rollback on demand that put a version back; a version a rollback on demand
 * replaced is left out from there on, as one found bad.
 */
export function liveDeployments(
  root: string,
  reportPath: string,
  environment: string
): DeploymentRecord[] {
  const records = readDeploymentRecords(root, reportPath)
  const replaced = new Set<string>()
  const live: DeploymentRecord[] = []
  for (const record of records) {
    if (record.environment !== environment) continue
    const isRollback = record.mode === 'rollback'
    if (isRollback ? record.status !== 'rolled-back' : record.status !== 'success') continue
    if (!replaced.has(record.version)) live.push(record)
    if (isRollback && record.replaces) replaced.add(record.replaces)
  }
  return live
}

/** The newest deployment to `environment` the report file records as live. */
export function lastSuccessfulDeployment(
  root: string,
  reportPath: string,
  environment: string
): DeploymentRecord | undefined {
  return liveDeployments(root, reportPath, environment)[0]
}
