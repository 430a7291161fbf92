/**
 * Which version a rollback on demand puts back, from the versions an environment ran, newest
 * first: GitHub's deployments or, without GitHub, the report file's entries.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { verbatim } from '../../src/core/message.js'
import { chooseRollback, reportFileTracker } from '../../src/report/deployment-record.js'
import { makeProject, type Project } from '../support/project.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
const point = (version: string) => ({ version, sha: `${version}-sha` })
const ask = (version = '') => ({ environment: 'production', version })

describe('chooseRollback', () => {
  it('puts back the newest earlier version that differs from the live one', () => {
    const choice = chooseRollback([point('v3'), point('v3'), point('v2')], ask(), verbatim('here'))

    expect(choice).toMatchObject({ kind: 'found', current: point('v3'), target: point('v2') })
  })

  it('puts back the version asked for when it ran before the live one', () => {
    const choice = chooseRollback(
      [point('v3'), point('v2'), point('v1')],
      ask('v1'),
      verbatim('here')
    )

    expect(choice).toMatchObject({ kind: 'found', target: point('v1') })
  })

  it.each([
    ['nothing was deployed', [], ask(), /no successful deployment of 'production' is on record/],
    ['only one version ran', [point('v1')], ask(), /runs v1 and no earlier version/],
    ['the live version is asked for', [point('v2'), point('v1')], ask('v2'), /v2 is the one/],
    [
      'a version that never ran is asked for',
      [point('v2'), point('v1')],
      ask('v0'),
      /v0 was never deployed successfully .* \(found in here: v2, v1\)/
    ]
  ])('refuses when %s, saying what was found', (_, live, request, problem) => {
    const choice = chooseRollback(live, request, verbatim('here'))

    expect(choice.kind).toBe('refused')
    expect(choice.kind === 'refused' && choice.problem.en).toMatch(problem)
  })
})

describe('the report file as the record (github-deployment: off, the CLI)', () => {
  let project: Project
  afterEach(async () => {
    await project.cleanup()
  })

  const entry = (fields: Record<string, unknown>) =>
    `<!-- deploy-executor-record ${JSON.stringify({
      environment: 'production',
      finishedAt: '2026-05-24T10:00:00.000Z',
      ...fields
    })} -->\n# entry\n`

  async function trackerOver(...entries: string[]) {
    project = await makeProject({ files: { [REPORT]: entries.join('\n---\n\n') } })
    return reportFileTracker(project.root, REPORT)
  }

  const request = {
    environment: 'production',
    version: '',
    sha: '',
    ref: 'refs/heads/main',
    proposal: 'add-login',
    mode: 'rollback' as const
  }

  it('goes back past failures, and counts out a version a rollback replaced', async () => {
    const tracker = await trackerOver(
      entry({ status: 'failure', version: 'v4' }),
      entry({ status: 'success', version: 'v3' }),
      entry({ status: 'rolled-back', version: 'v1', mode: 'rollback', replaces: 'v2' }),
      entry({ status: 'success', version: 'v2' }),
      entry({ status: 'success', version: 'v1' })
    )

    const choice = await tracker.resolveRollback(request)

    expect(choice).toMatchObject({ kind: 'found', current: { version: 'v3' } })
    expect(choice.kind === 'found' && choice.target.version).toBe('v1')
  })

  it('begins a rollback with both versions, the live one as the rollback point', async () => {
    const tracker = await trackerOver(
      entry({ status: 'success', version: 'v2', sha: 'b'.repeat(40) }),
      entry({ status: 'success', version: 'v1', sha: 'a'.repeat(40) })
    )

    const start = await tracker.begin(request)

    expect(start).toMatchObject({
      kind: 'started',
      rollbackPoint: { version: 'v2' },
      rollback: { current: { version: 'v2' }, target: { version: 'v1', sha: 'a'.repeat(40) } }
    })
  })
})
