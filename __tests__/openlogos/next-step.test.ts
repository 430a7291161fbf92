/**
 * Smoke test or archive after a deployment, as `openlogos status` and `next` decide it (CLI 0.13.24,
 * commit 99c8fb9): the cases mirror runs of that CLI, built from source.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { isSmokeNext } from '../../src/openlogos/next-step.js'
import { readProposal } from '../../src/openlogos/proposal.js'
import { CHANGE, makeProject, PROPOSAL_EN, SLUG, type Project } from '../support/project.js'

let project: Project

afterEach(async () => {
  await project.cleanup()
})

const zh = (smoke: string | undefined): string =>
  `# 提案\n\n## 部署影响\n\n- 是否需要部署：是\n${smoke === undefined ? '' : `- 是否需要 smoke：${smoke}\n`}`
const CASES = { 'logos/resources/test/smoke/core-smoke-test-cases.md': '# cases\n' }
const GATES = (smoke: boolean): Record<string, string> => ({
  'logos/logos-project.yaml': `deployment_gates:\n  core:\n    smoke_required: ${smoke}\n`
})

describe('isSmokeNext', () => {
  it.each([
    ['zh 否, even with smoke cases', zh('否'), CASES, false],
    ['zh answer absent, with smoke cases', zh(undefined), CASES, true],
    ['zh answer absent, no smoke cases', zh(undefined), {}, false],
    ['zh 是, although the gates say no', zh('是'), GATES(false), true],
    ['zh 否, although the gates say yes', zh('否'), GATES(true), false],
    ['zh answer not 是/否 (是（staging）), with cases', zh('是（staging）'), CASES, true],
    ['English proposal, the gates say no', PROPOSAL_EN, GATES(false), false],
    ['English proposal, no smoke cases', PROPOSAL_EN, {}, false],
    ['English proposal, smoke cases', PROPOSAL_EN, CASES, true],
    ['a .gitkeep only', zh(undefined), { 'logos/resources/test/smoke/.gitkeep': '' }, false]
  ])('%s', async (_, proposal, files, expected) => {
    project = await makeProject({ files: { [`${CHANGE}/proposal.md`]: proposal, ...files } })

    expect(isSmokeNext(readProposal(project.root, SLUG))).toBe(expected)
  })
})
