/** The job summary writer, on real files in a temp folder, against what @actions/core's does. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { appendJobSummary } from '../../src/action/job-summary.js'

let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'job-summary-test-'))
})

afterEach(async () => {
  await fs.chmod(dir, 0o700).catch(() => undefined)
  await fs.rm(dir, { recursive: true, force: true })
})

describe('appendJobSummary', () => {
  it('appends to the file the runner names, keeping what earlier steps wrote', async () => {
    const file = path.join(dir, 'summary.md')
    await fs.writeFile(file, '# an earlier step\n')
    await appendJobSummary('## deploy\n\n雪 — done\n', { GITHUB_STEP_SUMMARY: file })
    await appendJobSummary('more\n', { GITHUB_STEP_SUMMARY: file })
    expect(await fs.readFile(file, 'utf8')).toBe(
      '# an earlier step\n## deploy\n\n雪 — done\nmore\n'
    )
  })

  it('rejects, naming the variable, when the runner names no file', async () => {
    await expect(appendJobSummary('x', {})).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY'
    )
    await expect(appendJobSummary('x', { GITHUB_STEP_SUMMARY: '' })).rejects.toThrow(
      'GITHUB_STEP_SUMMARY'
    )
  })

  it('rejects, naming the file, when it does not exist, and creates nothing', async () => {
    const file = path.join(dir, 'absent.md')
    await expect(appendJobSummary('x', { GITHUB_STEP_SUMMARY: file })).rejects.toThrow(
      `Unable to access summary file: '${file}'`
    )
    await expect(fs.stat(file)).rejects.toThrow('ENOENT')
  })

  it('rejects a folder named as the file, without throwing synchronously', async () => {
    const written = appendJobSummary('x', { GITHUB_STEP_SUMMARY: dir })
    expect(written).toBeInstanceOf(Promise)
    await expect(written).rejects.toThrow(/EISDIR|illegal operation/)
  })
})
