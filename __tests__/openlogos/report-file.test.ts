/**
 * Record lines are read only where the action writes them, and only as it writes them: a forged
 * one in an entry's body (a step's output) or with fields the action never writes is not trusted.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { lastSuccessfulDeployment, readDeploymentRecords } from '../../src/openlogos/report-file.js'
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

    const last = await lastSuccessfulDeployment(project.root, REPORT, 'staging')

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
