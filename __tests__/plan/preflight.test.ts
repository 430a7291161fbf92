import { promises as fs } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { Check } from '../../src/core/check.js'
import type { InputName } from '../../src/action/inputs.js'
import type { Deployment } from '../../src/plan/deployment.js'
import { runPreflight, type Preflight } from '../../src/plan/preflight.js'
import {
  CHANGE,
  makeProject,
  PLAN,
  PLAN_PATH,
  type Project,
  type ProjectOptions
} from '../support/project.js'
import { settingsFor } from '../support/settings.js'

let project: Project | undefined

afterEach(async () => {
  await project?.cleanup()
  project = undefined
})

async function preflight(
  options: ProjectOptions = {},
  inputs: Partial<Record<InputName, string>> = { environment: 'staging' },
  env: Record<string, string> = {}
): Promise<Preflight> {
  project = await makeProject(options)
  return preflightOf(project.root, inputs, env)
}

/** Pre-flight of an existing project folder. */
function preflightOf(
  root: string,
  inputs: Partial<Record<InputName, string>> = { environment: 'staging' },
  env: Record<string, string> = {}
): Promise<Preflight> {
  return runPreflight({
    request: settingsFor(root, inputs),
    source: { sha: 'abc123', ref: 'refs/heads/main' },
    env
  })
}

/** What a passing pre-flight decided the deployment is. */
function deploymentOf(result: Preflight): Partial<Deployment> {
  return result.kind === 'ready' ? result.deployment : {}
}

function failedTitles(result: Preflight): string[] {
  return result.checks.filter(check => check.status === 'failed').map(check => check.title.en)
}

/** A check as an English reader sees it: its title, detail and fix in English. */
type EnglishCheck = Omit<Check, 'title' | 'detail' | 'fix'> & {
  title: string
  detail: string
  fix?: string
}

function check(result: Preflight, title: string): EnglishCheck {
  const found = result.checks.find(item => item.title.en.startsWith(title))
  if (!found)
    throw new Error(`no check '${title}' in ${result.checks.map(item => item.title.en).join(', ')}`)
  const { title: said, detail, fix, ...rest } = found
  return { ...rest, title: said.en, detail: detail.en, ...(fix ? { fix: fix.en } : {}) }
}

describe('runPreflight on a ready project', () => {
  it.each(['en', 'zh'] as const)('passes every check (%s project)', async locale => {
    const result = await preflight({ locale })

    expect(failedTitles(result)).toEqual([])
    expect(result.kind).toBe('ready')
    expect(result.locale).toBe(locale)
    expect(deploymentOf(result).environment).toBe('staging')
    expect(deploymentOf(result).targets).toEqual(['default'])
    expect(deploymentOf(result).proposal).toBe('add-login')
  })
})

describe('proposal conditions', () => {
  it('refuses without VERIFY_PASS and explains how to get it', async () => {
    const result = await preflight({ markers: [] })

    expect(check(result, 'verification passed')).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('openlogos verify')
    })
  })

  it('lets VERIFY_FAIL win over VERIFY_PASS', async () => {
    const result = await preflight({ markers: ['VERIFY_PASS', 'VERIFY_FAIL'] })

    expect(check(result, 'verification passed').detail).toContain('VERIFY_FAIL is present')
  })

  it('refuses a marker that is a folder', async () => {
    project = await makeProject({ markers: [] })
    await fs.mkdir(path.join(project.root, CHANGE, 'VERIFY_PASS'))

    const result = await preflightOf(project.root)

    expect(check(result, 'verification passed').detail).toContain('is not a regular file')
  })

  it('refuses a marker that is a symbolic link', async () => {
    project = await makeProject({ markers: [] })
    await fs.symlink('/etc/hostname', path.join(project.root, CHANGE, 'VERIFY_PASS'))

    const result = await preflightOf(project.root)

    expect(check(result, 'verification passed').status).toBe('failed')
  })

  it.each([
    [
      'open [code] tasks, named with their lines',
      {
        files: {
          [`${CHANGE}/tasks.md`]: '## [code] c\n- [x] one\n- [ ] two\n\n## [deploy] d\n- [ ] ship\n'
        }
      },
      'every [code] task is done',
      "line 3 'two'",
      `${CHANGE}/tasks.md`,
      3
    ],
    [
      'the decision conflict of "否" with [deploy] tasks, in Chinese',
      {
        locale: 'zh' as const,
        files: { [`${CHANGE}/proposal.md`]: '# 提案\n\n## 部署影响\n\n- 是否需要部署：否\n' }
      },
      'deployment is required',
      'decision conflict',
      `${CHANGE}/proposal.md`,
      5
    ]
  ])('refuses %s, pointing at the line', async (_, options, title, detail, file, line) => {
    const result = await preflight(options)

    expect(check(result, title)).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining(detail),
      where: [{ file, line }]
    })
  })

  it('refuses a [deploy] section without tasks', async () => {
    const tasks = '## [code] c\n- [x] one\n\n## [deploy] d\n  - [ ] indented is not a task\n'

    const result = await preflight({
      files: { [`${CHANGE}/tasks.md`]: tasks, [`${CHANGE}/proposal.md`]: '# p\n' }
    })

    expect(check(result, 'tasks.md lists [deploy] tasks').detail).toContain('has no tasks')
  })

  it('refuses a legacy tasks.md and says how to fix it', async () => {
    const result = await preflight({
      files: { [`${CHANGE}/tasks.md`]: '# Tasks\n- [x] a\n- [ ] deploy\n' }
    })

    expect(check(result, 'tasks.md lists [deploy] tasks')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('legacy layout')
    })
    expect(check(result, 'every [code] task is done').status).toBe('failed')
  })

  it('refuses a missing tasks.md', async () => {
    const result = await preflight({ files: { [`${CHANGE}/tasks.md`]: null } })

    expect(check(result, 'tasks.md lists [deploy] tasks').detail).toContain('is missing')
  })

  it('sees the decision conflict of "required: yes" without [deploy] tasks', async () => {
    const result = await preflight({ files: { [`${CHANGE}/tasks.md`]: '## [code] c\n- [x] a\n' } })

    expect(check(result, 'deployment is required').detail).toContain('decision conflict')
  })

  it('refuses an answer that is neither yes nor no', async () => {
    const proposal = '# p\n\n## Deployment Impact\n\n- Deployment required: maybe\n'

    const result = await preflight({ files: { [`${CHANGE}/proposal.md`]: proposal } })

    expect(check(result, 'deployment is required').detail).toContain("answers 'maybe'")
  })

  it('falls back to [deploy] tasks when the proposal says nothing', async () => {
    const result = await preflight({ files: { [`${CHANGE}/proposal.md`]: '# p\n' } })

    expect(check(result, 'deployment is required')).toMatchObject({
      status: 'passed',
      detail: 'tasks.md has 2 [deploy] task(s)'
    })
  })

  it('requires SPEC_MERGED when the proposal changes the plan', async () => {
    const delta = `${CHANGE}/deltas/prd/3-technical-plan/3-deployment/core-01-deployment-plan.md`

    const unmerged = await preflight({ files: { [delta]: PLAN } })
    await project?.cleanup()
    const merged = await preflight({
      files: { [delta]: PLAN },
      markers: ['VERIFY_PASS', 'SPEC_MERGED']
    })

    expect(check(unmerged, "the proposal's plan changes are merged").status).toBe('failed')
    expect(check(merged, "the proposal's plan changes are merged").status).toBe('passed')
  })

  it('refuses a guard file that is not JSON, and still checks the plan', async () => {
    const result = await preflight({
      files: { 'logos/.openlogos-guard': '{oops', [PLAN_PATH]: PLAN.replace('steps:', 'stepz:') }
    })

    expect(check(result, 'the proposal is found').detail).toContain('is not JSON')
    expect(check(result, 'the deployment plan is valid').status).toBe('failed')
  })
})

describe('repeat runs', () => {
  const title = 'the proposal is not deployed already'

  it('refuses a real run of a proposal with DEPLOY_DONE, warns in a dry run, allows redeploy', async () => {
    const markers = ['VERIFY_PASS', 'DEPLOY_DONE']

    const real = await preflight({ markers })
    await project?.cleanup()
    const dry = await preflight({ markers }, { environment: 'staging', 'dry-run': 'true' })
    await project?.cleanup()
    const again = await preflight({ markers }, { environment: 'staging', redeploy: 'true' })

    expect(check(real, title)).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('redeploy: true')
    })
    expect(check(dry, title).status).toBe('warning')
    expect(check(again, title)).toMatchObject({
      status: 'warning',
      detail: expect.stringContaining('deploying it again (redeploy: true)')
    })
    expect(again.kind).toBe('ready')
  })

  it('notices a run that wrote its report entry but stopped before the markers', async () => {
    const entry =
      '<!-- deploy-executor-record {"run":"1-1","markers":true,"environment":"staging","status":"success","version":"v1","proposal":"add-login","finishedAt":"2026-05-24T10:00:00Z"} -->\n# report\n'

    const result = await preflight({
      files: { 'logos/resources/verify/deployment-report.md': entry }
    })

    expect(check(result, title)).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('stopped between writing the report and the markers'),
      fix: expect.stringContaining('openlogos deploy-done')
    })
  })

  it('does not mistake a run with write-markers: false for an interrupted one', async () => {
    const entry =
      '<!-- deploy-executor-record {"run":"1-1","markers":false,"environment":"staging","status":"success","version":"v1","proposal":"add-login","finishedAt":"2026-05-24T10:00:00Z"} -->\n'

    const result = await preflight({
      files: { 'logos/resources/verify/deployment-report.md': entry }
    })

    expect(check(result, title).status).toBe('passed')
  })
})

describe('plan conditions', () => {
  it('refuses an environment the plan does not define and lists those it does', async () => {
    const result = await preflight({}, { environment: 'prod' })

    expect(check(result, 'the environment is defined')).toMatchObject({
      status: 'failed',
      detail:
        "environment 'prod' is not defined in logos/resources/prd/3-technical-plan/3-deployment/core-01-deployment-plan.md (defined: staging, production)"
    })
  })

  it('refuses an environment that logos-project.yaml does not allow for the module', async () => {
    const gates = 'deployment_gates:\n  core:\n    environments: [staging]\n'

    const result = await preflight(
      { files: { 'logos/logos-project.yaml': gates } },
      { environment: 'production' }
    )

    expect(failedTitles(result)).toEqual([
      "logos-project.yaml allows module 'core' in this environment"
    ])
  })

  it('requires an environment for a real run', async () => {
    const result = await preflight({}, {})

    expect(check(result, 'the environment is defined')).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('staging, production')
    })
  })

  it('previews the only environment in a dry run without one', async () => {
    const plan = PLAN.replace('  production:\n    url: https://example.com\n', '')

    const result = await preflight({ files: { [PLAN_PATH]: plan } }, { 'dry-run': 'true' })

    expect(result.kind).toBe('ready')
    expect(deploymentOf(result).environment).toBe('staging')
  })

  it('refuses canary mode when the plan has no canary section', async () => {
    const result = await preflight({}, { environment: 'staging', mode: 'canary' })

    expect(failedTitles(result)).toEqual(['the plan supports the mode'])
  })

  it('refuses a plan without rollback unless allow-no-rollback, which leaves a warning', async () => {
    const plan = PLAN.replace('    rollback: touch "$SENTINEL_DIR/migrate-undone"\n', '')

    const refused = await preflight({ files: { [PLAN_PATH]: plan } })
    await project?.cleanup()
    const allowed = await preflight(
      { files: { [PLAN_PATH]: plan } },
      { environment: 'staging', 'allow-no-rollback': 'true' }
    )

    expect(failedTitles(refused)).toEqual(['the plan declares a rollback'])
    expect(allowed.kind).toBe('ready')
    expect(check(allowed, 'the plan declares a rollback').status).toBe('warning')
  })

  it('refuses missing secrets in a real run and warns in a dry run', async () => {
    const plan = PLAN.replace('steps:', 'secrets: [DATABASE_URL, DEPLOY_TOKEN]\nsteps:')
    const env = { DEPLOY_TOKEN: 'set' }

    const real = await preflight({ files: { [PLAN_PATH]: plan } }, { environment: 'staging' }, env)
    await project?.cleanup()
    const dry = await preflight(
      { files: { [PLAN_PATH]: plan } },
      { environment: 'staging', 'dry-run': 'true' },
      env
    )

    expect(check(real, "the plan's secrets are set")).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/^DATABASE_URL is not set/)
    })
    expect(check(dry, "the plan's secrets are set").status).toBe('warning')
    expect(dry.kind).toBe('ready')
  })

  it('refuses unknown and disabled targets', async () => {
    const plan = PLAN.replace(
      'steps:',
      'targets:\n  web: { primary: true }\n  worker: { enabled: false }\nsteps:'
    )

    const unknown = await preflight(
      { files: { [PLAN_PATH]: plan } },
      { environment: 'staging', targets: 'web,api' }
    )
    await project?.cleanup()
    const disabled = await preflight(
      { files: { [PLAN_PATH]: plan } },
      { environment: 'staging', targets: 'worker' }
    )

    expect(check(unknown, 'the selected targets').detail).toContain(
      "target 'api' is not in the plan"
    )
    expect(check(disabled, 'the selected targets').detail).toContain("target 'worker' is disabled")
  })

  it('refuses a working-directory that is a symbolic link out of the project', async () => {
    const plan = PLAN.replace('  - id: release\n', '  - id: release\n    working-directory: out\n')
    project = await makeProject({ files: { [PLAN_PATH]: plan } })
    await fs.symlink('/tmp', path.join(project.root, 'out'))

    const result = await preflightOf(project.root)

    expect(check(result, 'working directories stay inside the project').detail).toContain(
      'resolves outside the project root'
    )
  })

  it('refuses when no step applies to the environment', async () => {
    const plan = PLAN.replace(
      /run: touch "\$SENTINEL_DIR\/(\w+)-ran"/g,
      'run: touch x\n    environments: [production]'
    )

    const result = await preflight({ files: { [PLAN_PATH]: plan } })

    expect(failedTitles(result)).toEqual(['steps are selected for this run'])
  })

  it('turns a prose-only plan into a refusal carrying the skeleton', async () => {
    const result = await preflight({
      files: { [PLAN_PATH]: '# plan\n\n## Build and release\n\n- Deploy: `make deploy`\n' }
    })

    expect(check(result, 'the deployment plan is executable')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('`make deploy`'),
      fix: expect.stringContaining('run: "make deploy"')
    })
  })

  it('lists every unmet condition at once', async () => {
    const result = await preflight(
      { markers: [], files: { [`${CHANGE}/tasks.md`]: '## [code] c\n- [ ] a\n' } },
      { environment: 'qa' }
    )

    expect(failedTitles(result)).toEqual([
      'verification passed (VERIFY_PASS, no VERIFY_FAIL)',
      'deployment is required and decided consistently',
      'every [code] task is done',
      'tasks.md lists [deploy] tasks',
      'the environment is defined in the plan'
    ])
  })
})

describe('as OpenLogos decides', () => {
  it('refuses a folder that is not an initialised OpenLogos project', async () => {
    const result = await preflight({ files: { 'logos/logos.config.json': null } })

    expect(check(result, 'the OpenLogos project is initialised')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('PROJECT_NOT_INITIALIZED')
    })
  })

  it('deploys only the active proposal, which the proposal input may confirm', async () => {
    const confirmed = await preflight({}, { environment: 'staging', proposal: 'add-login' })
    await project?.cleanup()
    const other = await preflight(
      { files: { 'logos/changes/other/tasks.md': '## [deploy] d\n- [ ] ship\n' } },
      { environment: 'staging', proposal: 'other' }
    )

    expect(confirmed.kind).toBe('ready')
    expect(check(other, 'the proposal is found').detail).toContain('is not the active proposal')
  })

  it.each([
    [
      '是 with an empty [deploy] section: no conflict, but no task to tick',
      '- 是否需要部署：是',
      '## [code] c\n- [x] a\n\n## [deploy] d\n',
      { deployment: 'passed', tasks: 'failed' }
    ],
    [
      '否 with an empty [deploy] heading: a conflict',
      '- 是否需要部署：否',
      '## [code] c\n- [x] a\n\n## [deploy] d\n',
      { deployment: 'failed', tasks: 'failed' }
    ]
  ])('decides %s', async (_, answer, tasks, expected) => {
    const result = await preflight({
      locale: 'zh',
      files: {
        [`${CHANGE}/proposal.md`]: `# 提案\n\n## 部署影响\n\n${answer}\n`,
        [`${CHANGE}/tasks.md`]: tasks
      }
    })

    expect({
      deployment: check(result, 'deployment is required').status,
      tasks: check(result, 'tasks.md lists [deploy] tasks').status
    }).toEqual(expected)
  })

  it('does not take a deployment_gates "required" for a decision, as OpenLogos does not', async () => {
    const result = await preflight({
      files: {
        [`${CHANGE}/proposal.md`]: '# p\n',
        [`${CHANGE}/tasks.md`]: '## [code] c\n- [x] a\n',
        'logos/logos-project.yaml': 'deployment_gates:\n  core:\n    deployment_required: true\n'
      }
    })

    expect(check(result, 'deployment is required').detail).toContain('DEPLOYMENT_NOT_REQUIRED')
  })
})
