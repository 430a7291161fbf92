import { afterEach, describe, expect, it } from '@jest/globals'
import { describePlanIssue, loadPlan, type PlanLoad } from '../../src/plan/loader.js'
import { makeProject, PLAN, PLAN_PATH, type Project } from '../support/project.js'

const PLAN_DIR = 'logos/resources/prd/3-technical-plan/3-deployment'
let project: Project | undefined

afterEach(async () => {
  await project?.cleanup()
  project = undefined
})

async function loadWith(
  planText: string | null,
  files: Record<string, string> = {}
): Promise<PlanLoad> {
  project = await makeProject({ files: { [PLAN_PATH]: planText, ...files } })
  return loadPlan(project.root, undefined, 'core')
}

function issuesOf(load: PlanLoad): string[] {
  if (load.kind !== 'invalid') throw new Error(`expected an invalid plan, got ${load.kind}`)
  return load.issues.map(issue => describePlanIssue(issue).en)
}

describe('loadPlan', () => {
  it('loads a valid plan with its defaults filled in', async () => {
    const load = await loadWith(PLAN)

    expect(load.kind).toBe('loaded')
    if (load.kind !== 'loaded') return
    expect(load.file).toBe(PLAN_PATH)
    expect(load.plan.targets).toEqual({
      default: { isPrimary: true, isEnabled: true, description: undefined, variables: {} }
    })
    expect(load.plan.steps[0]).toMatchObject({
      id: 'migrate',
      name: 'migrate',
      workingDirectory: '.',
      continueOnError: false
    })
    expect(load.plan.health[0]).toMatchObject({
      kind: 'http',
      retries: 3,
      intervalMs: 5000,
      timeoutMs: 10000
    })
    expect(load.plan.environments['staging']?.variables).toEqual({ APP_ENV: 'staging' })
  })

  it('names the file, key path and line of an unknown key', async () => {
    const load = await loadWith(
      PLAN.replace('    purpose: Apply', '    timout: 5m\n    purpose: Apply')
    )

    expect(issuesOf(load)).toEqual([
      `${PLAN_PATH}:11: steps[0].timout: unknown key 'timout': remove or correct it (see schema/plan.schema.json for the keys a plan may use)`
    ])
  })

  it('refuses duplicate step ids across steps and rollback steps', async () => {
    const plan = PLAN.replace(
      'health:',
      'rollback:\n  steps:\n    - id: release\n      run: echo back\nhealth:'
    )

    const issues = issuesOf(await loadWith(plan))

    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(
      /:\d+: rollback\.steps\[0\]\.id: duplicate step id 'release' \(first used at steps\[1\]\)/
    )
  })

  it.each([
    ['10 minutes', "'10 minutes' is not a positive duration"],
    ['0', "'0' is not a positive duration"],
    ['-5', "'-5' is not a positive duration"]
  ])('refuses the step timeout %p', async (timeout, message) => {
    const plan = PLAN.replace('  - id: release\n', `  - id: release\n    timeout: ${timeout}\n`)

    expect(issuesOf(await loadWith(plan)).join('\n')).toContain(message)
  })

  it('refuses a working-directory that leaves the project', async () => {
    const plan = PLAN.replace(
      '  - id: release\n',
      '  - id: release\n    working-directory: ../elsewhere\n'
    )

    expect(issuesOf(await loadWith(plan))[0]).toMatch(
      /steps\[1\]\.working-directory: must be a path relative to the project root/
    )
  })

  it('refuses an absolute working-directory', async () => {
    const plan = PLAN.replace('  - id: release\n', '  - id: release\n    working-directory: /etc\n')

    expect(issuesOf(await loadWith(plan))[0]).toMatch(/working-directory/)
  })

  it('refuses a step naming an undeclared environment or target', async () => {
    const plan = PLAN.replace(
      '  - id: release\n',
      '  - id: release\n    environments: [prod]\n    target: api\n'
    )

    const issues = issuesOf(await loadWith(plan)).join('\n')

    expect(issues).toContain(
      "steps[1].environments[0]: environment 'prod' is not declared under environments (declared: staging, production)"
    )
    expect(issues).toContain(
      "steps[1].target: target 'api' is not declared under targets (declared: default)"
    )
  })

  it('refuses a health check with both url and run', async () => {
    const plan = PLAN.replace(
      '    url: ${DEPLOY_URL}/healthz',
      '    url: ${DEPLOY_URL}/healthz\n    run: curl x'
    )

    expect(issuesOf(await loadWith(plan)).join('\n')).toContain(
      'a health check needs exactly one of url or run'
    )
  })

  it('reports invalid YAML with the line of the file', async () => {
    const plan = PLAN.replace('steps:', 'steps: [oops')

    const issues = issuesOf(await loadWith(plan))

    expect(issues[0]).toMatch(new RegExp(`^${PLAN_PATH}:\\d+: invalid YAML`))
  })

  it('refuses ---js front matter without running it', async () => {
    const load = await loadWith(
      '---js\n{ "deploy-executor": 1, x: require("fs").writeFileSync("/tmp/pwned-by-plan", "x") }\n---\n'
    )

    expect(issuesOf(load)[0]).toContain(
      "front matter language 'js' is refused and was not evaluated"
    )
  })

  it('works with a BOM and CRLF line endings', async () => {
    const load = await loadWith(`\uFEFF${PLAN.replace(/\n/g, '\r\n')}`)

    expect(load.kind).toBe('loaded')
  })

  it('refuses a plan file of 5 MB before parsing it', async () => {
    const load = await loadWith(PLAN + 'x'.repeat(5 * 1024 * 1024))

    expect(issuesOf(load)[0]).toMatch(/over the \d+-byte limit/)
  })

  it('loads a plan of 2,000 steps', async () => {
    const steps = Array.from(
      { length: 2000 },
      (_, index) => `  - id: step-${index}\n    run: echo ${index}\n`
    ).join('')
    const plan = `---\ndeploy-executor: 1\nenvironments: { staging: {} }\nsteps:\n${steps}rollback:\n  steps:\n    - id: back\n      run: echo back\n---\n`

    const load = await loadWith(plan)

    expect(load.kind === 'loaded' && load.plan.steps.length).toBe(2000)
  })

  it('explains a plan without front matter: the commands found and a skeleton', async () => {
    const prose = `# core-01-deployment-plan\n\n## 4. 构建与发布命令\n\n- 官网部署：\`cd website && npm run deploy\`\n- API: \`./scripts/release.sh api\`\n\n## 5. Rollback\n\n- \`./scripts/rollback.sh\`\n`

    const load = await loadWith(prose)

    expect(load.kind).toBe('not-executable')
    if (load.kind !== 'not-executable') return
    expect(load.commands).toEqual(['cd website && npm run deploy', './scripts/release.sh api'])
    expect(load.skeleton).toContain('run: "cd website && npm run deploy"')
    expect(load.skeleton).toContain('- id: api')
    expect(load.skeleton.startsWith('---\ndeploy-executor: 1\n')).toBe(true)
  })

  it('treats front matter without the deploy-executor key as not executable', async () => {
    const load = await loadWith('---\ntitle: plan\n---\n# plan\n')

    expect(load.kind).toBe('not-executable')
  })
})

describe('plan discovery', () => {
  it('uses the one executable plan among prose documents', async () => {
    const load = await loadWith(null, {
      [`${PLAN_DIR}/core-02-notes.md`]: '# notes\n',
      [`${PLAN_DIR}/web-01-deployment-plan.md`]: PLAN
    })

    expect(load.kind === 'loaded' && load.file).toBe(`${PLAN_DIR}/web-01-deployment-plan.md`)
  })

  it("prefers the plan named for the proposal's module when several are executable", async () => {
    const load = await loadWith(PLAN, { [`${PLAN_DIR}/web-01-deployment-plan.md`]: PLAN })

    expect(load.kind === 'loaded' && load.file).toBe(PLAN_PATH)
  })

  it('lists the candidates when still ambiguous', async () => {
    const load = await loadWith(null, {
      [`${PLAN_DIR}/web-01-plan.md`]: PLAN,
      [`${PLAN_DIR}/api-01-plan.md`]: PLAN
    })

    expect(issuesOf(load)[0]).toContain(
      `several executable plans found (${PLAN_DIR}/api-01-plan.md, ${PLAN_DIR}/web-01-plan.md)`
    )
  })

  it('says where to write the plan when there is none', async () => {
    const load = await loadWith(null)

    expect(issuesOf(load)[0]).toContain('no deployment plan')
  })

  it('takes the plan input as given, inside the project only', async () => {
    project = await makeProject({ files: { 'deploy/plan.md': PLAN } })

    const given = await loadPlan(project.root, 'deploy/plan.md', 'core')
    const outside = await loadPlan(project.root, '../plan.md', 'core')

    expect(given.kind === 'loaded' && given.file).toBe('deploy/plan.md')
    expect(issuesOf(outside)[0]).toContain('is outside the project root')
  })
})
