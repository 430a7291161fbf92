import { afterEach, describe, expect, it } from '@jest/globals'
import { locateProposal, slugProblem, type LocatorInput } from '../../src/openlogos/locator.js'
import { inEnglish } from '../support/english.js'
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

/** Where the proposal is, as an English reader is told. */
function locate(input: LocatorInput) {
  return inEnglish(locateProposal(input))
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
    expect(slugProblem(slug)?.en).toBe(problem)
  })

  it('accepts a plain folder name', () => {
    expect(slugProblem('add-login_2')).toBeUndefined()
  })
})

describe('locateProposal', () => {
  it('takes the active proposal of the guard file, with its module', async () => {
    const { root } = await projectWith({ 'logos/changes/other/tasks.md': '' })

    expect(locate({ root })).toEqual({
      kind: 'found',
      slug: 'add-login',
      source: 'guard',
      guardModule: 'core'
    })
  })

  it('accepts a proposal input that names the active proposal', async () => {
    const { root } = await projectWith({})

    expect(locate({ root, proposalInput: 'add-login' })).toMatchObject({
      kind: 'found',
      slug: 'add-login',
      source: 'guard-and-input'
    })
  })

  it('refuses a proposal input naming another proposal: OpenLogos would not see it deployed', async () => {
    const { root } = await projectWith({ 'logos/changes/other/tasks.md': '' })

    expect(locate({ root, proposalInput: 'other' })).toMatchObject({
      kind: 'not-found',
      problem: expect.stringContaining(
        "the proposal input 'other' is not the active proposal: logos/.openlogos-guard names 'add-login'"
      )
    })
  })

  it('trims the active proposal as openlogos deploy-done does', async () => {
    const { root } = await projectWith({
      'logos/.openlogos-guard': '{"activeChange":" add-login "}'
    })

    expect(locate({ root })).toMatchObject({ kind: 'found', slug: 'add-login' })
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
    ],
    ['is missing', { 'logos/.openlogos-guard': null }, 'no active proposal'],
    ['names no proposal', { 'logos/.openlogos-guard': '{"activeChange":""}' }, 'no active proposal']
  ])('refuses a guard that %s', async (_, files, problem) => {
    const { root } = await projectWith(files)

    expect(locate({ root })).toMatchObject({
      kind: 'not-found',
      problem: expect.stringContaining(problem)
    })
  })

  it('never takes a branch or the only open proposal instead of the guard', async () => {
    const { root } = await projectWith({
      'logos/.openlogos-guard': null,
      'logos/changes/archive/20260101-1200-x/tasks.md': ''
    })

    expect(locate({ root })).toMatchObject({ kind: 'not-found' })
  })
})
