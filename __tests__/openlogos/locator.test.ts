import { afterEach, describe, expect, it } from '@jest/globals'
import { locateProposal, slugProblem } from '../../src/openlogos/locator.js'
import { makeProject, type Project } from '../support/project.js'

let project: Project | undefined

afterEach(async () => {
  await project?.cleanup()
  project = undefined
})

async function projectWith(files: Record<string, string | null>): Promise<Project> {
  project = await makeProject({ files })
  return project
}

describe('slugProblem', () => {
  it.each([
    ['../x', 'contains a path separator'],
    ['a/b', 'contains a path separator'],
    ['a\\b', 'contains a path separator'],
    ['..', "contains '..'"],
    ['.hidden', "starts with '.'"],
    ['archive', 'names the archive folder'],
    ['', 'is empty'],
    ['a\nb', 'contains a control character']
  ])('refuses %p: %s', (slug, problem) => {
    expect(slugProblem(slug)).toBe(problem)
  })

  it('accepts a plain folder name', () => {
    expect(slugProblem('add-login_2')).toBeUndefined()
  })
})

describe('locateProposal', () => {
  it('takes the proposal input first', async () => {
    const { root } = await projectWith({ 'logos/changes/other/tasks.md': '' })

    expect(await locateProposal({ root, proposalInput: 'other', branches: [] })).toEqual({
      kind: 'found',
      slug: 'other',
      source: 'input'
    })
  })

  it.each(['../x', 'a/b', '.hidden'])('refuses the input slug %p', async slug => {
    const { root } = await projectWith({})

    const location = await locateProposal({ root, proposalInput: slug, branches: [] })

    expect(location).toMatchObject({
      kind: 'not-found',
      problem: expect.stringContaining('a proposal is a plain folder name')
    })
  })

  it('reads the guard file, with its module', async () => {
    const { root } = await projectWith({})

    expect(await locateProposal({ root, branches: ['change/other'] })).toEqual({
      kind: 'found',
      slug: 'add-login',
      source: 'guard',
      guardModule: 'core'
    })
  })

  it.each([
    ['is not JSON', { 'logos/.openlogos-guard': 'activeChange=add-login' }, 'is not JSON'],
    [
      'names a missing proposal',
      { 'logos/.openlogos-guard': '{"activeChange":"gone"}' },
      "proposal 'gone' from logos/.openlogos-guard does not exist"
    ],
    [
      'names an archived proposal',
      {
        'logos/.openlogos-guard': '{"activeChange":"old-one"}',
        'logos/changes/archive/20260101-1200-old-one/proposal.md': '# old'
      },
      'is archived'
    ],
    [
      'names a slug with a path in it',
      { 'logos/.openlogos-guard': '{"activeChange":"../../etc"}' },
      'contains a path separator'
    ]
  ])('refuses a guard that %s', async (_, files, problem) => {
    const { root } = await projectWith(files)

    expect(await locateProposal({ root, branches: [] })).toMatchObject({
      kind: 'not-found',
      problem: expect.stringContaining(problem)
    })
  })

  it('uses a change/<slug> branch when there is no guard', async () => {
    const { root } = await projectWith({
      'logos/.openlogos-guard': null,
      'logos/changes/second/tasks.md': ''
    })

    expect(await locateProposal({ root, branches: ['change/second'] })).toEqual({
      kind: 'found',
      slug: 'second',
      source: 'branch'
    })
  })

  it('never turns a hostile branch name into a path', async () => {
    const { root } = await projectWith({
      'logos/.openlogos-guard': null,
      'logos/changes/second/tasks.md': ''
    })

    const location = await locateProposal({ root, branches: ['change/a";touch${IFS}/tmp/pwned;#'] })

    expect(location).toMatchObject({
      kind: 'not-found',
      problem: expect.stringContaining('several open proposals (add-login, second)')
    })
  })

  it('uses the only open proposal, ignoring the archive', async () => {
    const { root } = await projectWith({
      'logos/.openlogos-guard': null,
      'logos/changes/archive/20260101-1200-x/tasks.md': ''
    })

    expect(await locateProposal({ root, branches: [] })).toEqual({
      kind: 'found',
      slug: 'add-login',
      source: 'only-open'
    })
  })

  it('says there is no open proposal', async () => {
    const { root } = await projectWith({ 'logos/.openlogos-guard': '{"activeChange":null}' })
    await project?.remove('logos/changes/add-login')

    expect(await locateProposal({ root, branches: [] })).toMatchObject({
      problem: expect.stringContaining('no open proposal')
    })
  })
})
