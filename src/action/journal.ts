/**
 * The journal of a real run: enough to finish it from another process. It is replaced atomically
 * after every change of state, so the post step finds the last complete state even when the main
 * step was cancelled, killed or crashed half-way.
 */
import { nodeCrypto } from '../core/lazy-builtins.js'
import { randomBytesOf } from '../core/random.js'
import { promises as fs } from 'node:fs'
import { versionedFile } from '../core/atomic-file.js'
import type { RunJournal, RunState } from '../deploy.js'
import type { RunPlan } from '../plan/run-plan.js'
import type { StepRecord } from '../report/model.js'
import type { Settings } from './settings.js'

/**
 * 3: the report's sentences (checks, notes, warnings) are kept in both languages.
 * 4: the run plan is kept apart, in `<journal>.plan`.
 * 5: each entry is numbered (`written`), so an older one put back is told from the last.
 */
export const JOURNAL_VERSION = 5

/** The run's state with its settings, the token left out: the post step reads it from its input again. */
export type JournalEntry = RunState & { settings: Omit<Settings, 'githubToken'> }

export interface Journal {
  write: (entry: JournalEntry) => Promise<void>
  read: () => Promise<JournalEntry | undefined>
}

/**
 * A new key to seal a journal with; the main step hands it to the post step in its saved state.
 * From the kernel's random source, as `crypto` would give it: made at every real run's start, it
 * must not load `crypto` for a run that is refused before any journal is written.
 */
export function newJournalKey(): string {
  return randomBytesOf(32).toString('base64url')
}

/**
 * The journal sits in RUNNER_TEMP, where any later step of the job can write. Its first line is
 * an HMAC of the rest under a key only the action's own state carries, so the post step never
 * runs rollback commands, or writes to a folder, that the main step did not write down.
 */
function seal(key: string, body: string | Buffer): string {
  return nodeCrypto().createHmac('sha256', key).update(body).digest('hex')
}

function unsealed(key: string, text: string): string | undefined {
  const newline = text.indexOf('\n')
  if (newline < 0) return undefined
  const claimed = Buffer.from(text.slice(0, newline), 'utf8')
  const body = text.slice(newline + 1)
  const expected = Buffer.from(seal(key, body), 'utf8')
  return claimed.length === expected.length && nodeCrypto().timingSafeEqual(claimed, expected)
    ? body
    : undefined
}

/**
 * The last entry written is also kept in memory: a crash caused by the disk can still be reported.
 * Writes are synchronous and cheap, the journal being written twice per step. The run plan, the
 * large part that does not change, is kept apart: sealed once in `<journal>.plan`, and named in
 * each entry by its seal, so an entry can only be read with the very plan it was written with.
 */
export interface JournalOptions {
  /**
   * Told the number of each entry once it is on disk. The main step keeps it in its saved state,
   * which no other step of the job can write: every entry it wrote was sealed, and a later step
   * could keep a copy of an old one and put it back (say, one where a step is still running, which
   * would make the post step roll back a deployment that succeeded).
   */
  onWritten?: (written: number) => void
  /** The number the main step saved last: an entry numbered lower is one put back, not read. */
  lastWritten?: number
}

export function fileJournal(file: string, key: string, options: JournalOptions = {}): Journal {
  let last: JournalEntry | undefined
  let written = 0
  const planFile = `${file}.plan`
  const planSeals = new WeakMap<RunPlan, string>()
  let writtenPlanSeal: string | undefined
  const versions = versionedFile(file)
  const planVersions = versionedFile(planFile)
  const planSealOf = (runPlan: RunPlan): string => {
    let planSeal = planSeals.get(runPlan)
    if (planSeal === undefined) {
      const plan = Buffer.from(JSON.stringify(runPlan))
      planSeal = seal(key, plan)
      // The post step reads the plan back: the same plan need not be written again.
      if (planSeal !== writtenPlanSeal)
        planVersions.write(Buffer.concat([Buffer.from(`${planSeal}\n`), plan]))
      writtenPlanSeal = planSeal
      planSeals.set(runPlan, planSeal)
    }
    return planSeal
  }
  const encoded = new WeakMap<StepRecord, string>()
  return {
    write: entry => {
      last = entry
      try {
        // Encoded once, for the seal and the file alike.
        const number = written + 1
        const body = Buffer.from(entryJson(entry, number, planSealOf(entry.runPlan), encoded))
        versions.write(Buffer.concat([Buffer.from(`${seal(key, body)}\n`), body]))
        written = number
      } catch (error) {
        // A step announced by a write that failed never starts: do not remember it as running.
        const { runningStep: _notStarted, ...started } = entry
        last = started
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
      options.onWritten?.(written)
      return Promise.resolve()
    },
    read: async () => {
      const [text, planText] = await Promise.all(
        [file, planFile].map(name => fs.readFile(name, 'utf8').catch(() => undefined))
      )
      const body = text === undefined ? undefined : unsealed(key, text)
      const plan = planText === undefined ? undefined : unsealed(key, planText)
      if (body === undefined || plan === undefined) return last
      try {
        const stored = JSON.parse(body) as Omit<JournalEntry, 'runPlan'> & {
          version?: number
          written?: number
          runPlanSeal?: string
        }
        if (stored.version !== JOURNAL_VERSION || stored.runPlanSeal !== seal(key, plan))
          return last
        if (typeof stored.written !== 'number' || stored.written < (options.lastWritten ?? 0))
          return last
        const { version: _version, written: number, runPlanSeal, ...entry } = stored
        // Whoever goes on with the run numbers its entries after this one.
        written = number
        const runPlan = JSON.parse(plan) as RunPlan
        planSeals.set(runPlan, runPlanSeal)
        writtenPlanSeal = runPlanSeal
        return {
          ...entry,
          runPlan,
          report: { ...entry.report, deployment: entry.deployment, runPlan }
        }
      } catch {
        return last
      }
    }
  }
}

/**
 * The entry as the journal keeps it: the report without the deployment and run plan, which the
 * entry holds once, and only a step that did not succeed keeps its output, so the journal stays
 * small. A step's record never changes once made, and the whole entry is written twice per step:
 * each record is encoded once, on its first write (`encoded`), and only what surrounds them anew.
 * Encoding every record at every write made a plan of 200 steps encode 40,000 of them.
 */
function entryJson(
  entry: JournalEntry,
  written: number,
  runPlanSeal: string,
  encoded: WeakMap<StepRecord, string>
): string {
  const { runPlan: _kept, report, ...rest } = entry
  const { runPlan: _plan, deployment: _deployment, steps, ...facts } = report
  const stepJson = (step: StepRecord): string => {
    let json = encoded.get(step)
    if (json === undefined) {
      const { outputTail: _dropped, ...kept } = step
      json = JSON.stringify(step.status === 'succeeded' ? kept : step)
      encoded.set(step, json)
    }
    return json
  }
  const reportJson = withMember(
    JSON.stringify(facts),
    'steps',
    `[${steps.map(stepJson).join(',')}]`
  )
  return withMember(
    JSON.stringify({ version: JOURNAL_VERSION, written, ...rest, runPlanSeal }),
    'report',
    reportJson
  )
}

/** The JSON of an object with one more member, whose value is given as JSON already. */
function withMember(objectJson: string, name: string, valueJson: string): string {
  const member = `${JSON.stringify(name)}:${valueJson}`
  return objectJson === '{}' ? `{${member}}` : `${objectJson.slice(0, -1)},${member}}`
}

/** The journal as the orchestrator writes it: each state of the run with the run's settings. */
export function runJournal(journal: Journal, settings: Settings): RunJournal {
  const { githubToken: _token, ...kept } = settings
  return { save: state => journal.write({ ...state, settings: kept }) }
}
