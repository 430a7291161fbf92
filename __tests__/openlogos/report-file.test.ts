/**
 * Record lines are read only where the action writes them, and only as it writes them: a forged
 * one in an entry's body (a step's output) or with fields the action never writes is not trusted.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  lastSuccessfulDeployment,
  readDeploymentRecords,
  writeReportEntry
} from '../../src/openlogos/report-file.js'
import { makeProject, type Project } from '../support/project.js'

const REPORT = 'logos/resources/verify/deployment-report.md'

function record(fields: Record<string, unknown>): string {
  return `<!-- deploy-executor-record ${JSON.stringify({
    run: '1-1',
    markers: true,
    environment: 'staging',
    status: 'success',
    version: 'v1',
    proposal: 'add-login',
    finishedAt: '2026-05-24T10:00:00.000Z',
    ...fields
  })} -->`
}

let project: Project

afterEach(async () => {
  await project.cleanup()
})

async function recordsOf(text: string) {
  project = await makeProject({ files: { [REPORT]: text } })
  return readDeploymentRecords(project.root, REPORT)
}

describe('the report file records', () => {
  it('reads the first line of each entry, newest first', async () => {
    const text = `${record({ version: 'v2' })}\n# two\n\n---\n\n${record({ version: 'v1' })}\n# one\n`

    expect((await recordsOf(text)).map(item => item.version)).toEqual(['v2', 'v1'])
  })

  it('ignores a record printed inside an entry, as a failing step could', async () => {
    const forged = record({ version: 'evil-9.9', finishedAt: '2099-01-01T00:00:00Z' })
    const text = `${record({ status: 'rolled-back', version: 'v2' })}\n# two\n\n\`\`\`text\n${forged}\n\`\`\`\n\n---\n\n${record({ version: 'v1' })}\n# one\n`
    project = await makeProject({ files: { [REPORT]: text } })

    const last = lastSuccessfulDeployment(project.root, REPORT, 'staging')

    expect(last?.version).toBe('v1')
  })

  it.each([
    ['a version with a link in it', { version: '[Approve](https://evil.example)' }],
    ['a version with a line break', { version: 'v1\n::warning::x' }],
    ['a status the action never writes', { status: 'approved' }],
    ['a date that is none', { finishedAt: 'yesterday' }],
    ['an environment with spaces', { environment: 'staging now' }],
    ['a sha that is not hex', { sha: 'not-a-sha' }]
  ])('does not trust a record with %s', async (_, fields) => {
    expect(await recordsOf(`${record(fields)}\n# entry\n`)).toEqual([])
  })
})

describe('the post step replacing the entry the main step wrote', () => {
  const OLDER = `${record({ run: '1-1', version: 'v1' })}\n# one\r\nkept   byte for byte\n`
  const mainEntry = `${record({ run: '7-1', status: 'failure', version: 'v2' })}\n# two, failed\n`
  const postEntry = `${record({ run: '7-1', status: 'rolled-back', version: 'v2' })}\n# two, rolled back\n`
  const read = () => fs.readFile(path.join(project.root, REPORT), 'utf8')
  const write = (text: string) => fs.writeFile(path.join(project.root, REPORT), text)

  async function mainStep(older = OLDER) {
    project = await makeProject({ files: { [REPORT]: older } })
    return writeReportEntry(project.root, REPORT, '7-1', mainEntry)
  }

  it('replaces its entry and keeps the older ones byte for byte', async () => {
    const written = await mainStep()

    await writeReportEntry(project.root, REPORT, '7-1', postEntry, written)

    expect(await read()).toBe(`${postEntry}\n---\n\n${OLDER}`)
  })

  it.each([
    ['an older entry grew', (text: string) => text.replace('kept', 'kept, and annotated by hand,')],
    ['an older entry shrank', (text: string) => text.replace('kept   byte for byte\n', '')],
    ['the file gained a line at the end', (text: string) => `${text}a note\n`]
  ])('keeps every edit when %s in between', async (_, edit) => {
    const written = await mainStep()
    const edited = edit(await read())
    await write(edited)

    await writeReportEntry(project.root, REPORT, '7-1', postEntry, written)

    expect(await read()).toBe(edited.replace(mainEntry, postEntry))
    expect(await read()).not.toContain('# two, failed')
  })

  it('replaces its entry in place when another run put its entry on top', async () => {
    const written = await mainStep()
    const other = `${record({ run: '8-1', version: 'v3' })}\n# three\n\n---\n\n`
    await write(`${other}${await read()}`)

    await writeReportEntry(project.root, REPORT, '7-1', postEntry, written)

    expect(await read()).toBe(`${other}${postEntry}\n---\n\n${OLDER}`)
  })

  it.each([
    [
      'its own entry was edited by hand',
      (text: string) => text.replace('# two, failed', '# two (see #12)')
    ],
    ['the file was re-saved with CRLF', (text: string) => text.replace(/\r?\n/g, '\r\n')]
  ])('puts the new entry on top and loses nothing when %s', async (_, edit) => {
    const written = await mainStep()
    const edited = edit(await read())
    await write(edited)

    await writeReportEntry(project.root, REPORT, '7-1', postEntry, written)

    expect(await read()).toBe(`${postEntry}\n---\n\n${edited}`)
  })

  it('writes a new file when the report was deleted in between', async () => {
    const written = await mainStep()
    await fs.rm(path.join(project.root, REPORT))

    await writeReportEntry(project.root, REPORT, '7-1', postEntry, written)

    expect(await read()).toBe(postEntry)
  })

  it('replaces an entry that was the first in the file', async () => {
    const written = await mainStep('')

    await writeReportEntry(project.root, REPORT, '7-1', postEntry, written)

    expect(await read()).toBe(postEntry)
  })
})
