/**
 * Hostile and broken input, fed to the real bundle: each case must get a clear error naming the
 * problem and its fix, run no command of the plan (the sentinel folder stays empty), and damage
 * nothing (the report file and tasks.md are byte-identical afterwards). A few inputs that look
 * odd but are valid (BOM and CRLF, a 2,000-step plan) must simply work.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun, offlineInputs } from '../support/action-runner.js'
import { CHANGE, makeProject, PLAN, PLAN_PATH, type Project } from '../support/project.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
const TASKS = `${CHANGE}/tasks.md`
const PWNED = '/tmp/pwned'

interface Case {
  name: string
  arrange?: (project: Project) => Promise<void>
  inputs?: Record<string, string>
  eventName?: string
  event?: Record<string, unknown>
  env?: Record<string, string>
  /** What the error must say: the problem, then the fix. */
  says: RegExp[]
}

const withStep = (extra: string): string =>
  PLAN.replace('  - id: release\n', `  - id: release\n${extra}`)
const writePlan = (text: string) => (project: Project) => project.write(PLAN_PATH, text)

const refusals: Case[] = [
  {
    name: 'invalid YAML',
    arrange: writePlan(PLAN.replace('steps:', 'steps: [oops')),
    says: [/:\d+: invalid YAML/, /correct the plan/]
  },
  {
    name: '---js front matter with a payload',
    arrange: writePlan(
      `---js\n{ "deploy-executor": 1, x: require("fs").writeFileSync(process.env.SENTINEL_DIR + "/js-ran", "") }\n---\n`
    ),
    says: [/front matter language 'js' is refused and was not evaluated/, /must be YAML/]
  },
  {
    name: 'a run command behind the YAML tag !!js/function',
    arrange: writePlan(
      PLAN.replace(
        'run: touch "$SENTINEL_DIR/release-ran"',
        'run: !!js/function "touch $SENTINEL_DIR/tag-ran"'
      )
    ),
    says: [/YAML tag .* is not one of the core schema's/, /remove it/]
  },
  {
    name: 'a run command behind the YAML tag !shell',
    arrange: writePlan(
      PLAN.replace(
        'run: touch "$SENTINEL_DIR/release-ran"',
        'run: !shell "touch $SENTINEL_DIR/tag-ran"'
      )
    ),
    says: [/YAML tag .* is not one of the core schema's/, /remove it/]
  },
  {
    name: 'a run command behind the YAML tag !!binary',
    arrange: writePlan(
      PLAN.replace(
        'run: touch "$SENTINEL_DIR/release-ran"',
        'run: !!binary "touch $SENTINEL_DIR/tag-ran"'
      )
    ),
    says: [/YAML tag .* is not one of the core schema's/, /remove it/]
  },
  {
    name: 'a step timeout of 600 hours',
    arrange: writePlan(withStep('    timeout: 600h\n')),
    says: [/'600h' is longer than the 24h allowed here/, /shorten it/]
  },
  {
    name: 'a health check timeout of 1200 hours',
    arrange: writePlan(
      PLAN.replace(
        'health:\n',
        'health:\n  - name: slow\n    url: https://x.example\n    timeout: 1200h\n'
      )
    ),
    says: [/'1200h' is longer than the 1h allowed here/, /shorten it/]
  },
  {
    name: 'a health check probing a million times',
    arrange: writePlan(
      PLAN.replace(
        'health:\n',
        'health:\n  - name: busy\n    url: https://x.example\n    retries: 1000000\n'
      )
    ),
    says: [/must be at most 1000/]
  },
  {
    name: 'the input step-timeout 600h',
    inputs: { environment: 'staging', 'require-approval': 'false', 'step-timeout': '600h' },
    says: [/input step-timeout is '600h': write at most 24h/, /correct the step-timeout input/]
  },
  {
    name: 'a step env setting BASH_ENV',
    arrange: writePlan(withStep('    env: { BASH_ENV: ./evil.sh }\n')),
    says: [/BASH_ENV.*is reserved: bash or the runner would act on it/, /use another name/]
  },
  {
    name: 'an unknown key',
    arrange: writePlan(withStep('    timout: 5m\n')),
    says: [/steps\[1\]\.timout: unknown key 'timout'/, /remove or correct it/]
  },
  {
    name: 'duplicate step ids',
    arrange: writePlan(PLAN.replace('id: release', 'id: migrate')),
    says: [/duplicate step id 'migrate'/, /must be unique/]
  },
  {
    name: 'a bad duration',
    arrange: writePlan(withStep('    timeout: 5 minutes\n')),
    says: [/'5 minutes' is not a positive duration/, /such as '90s'/]
  },
  {
    name: 'an environment not in the plan',
    inputs: { environment: 'qa' },
    says: [/environment 'qa' is not defined/, /use one of staging, production/]
  },
  {
    name: "a working-directory with '..'",
    arrange: writePlan(withStep('    working-directory: ../outside\n')),
    says: [/working-directory: must be a path relative to the project root that stays inside it/]
  },
  {
    name: 'an absolute working-directory',
    arrange: writePlan(withStep('    working-directory: /etc\n')),
    says: [/working-directory: must be a path relative to the project root/]
  },
  {
    name: 'a working-directory through a symlink out of the project',
    arrange: async project => {
      await project.write(PLAN_PATH, withStep('    working-directory: out\n'))
      await fs.symlink(os.tmpdir(), path.join(project.root, 'out'))
    },
    says: [
      /working-directory 'out' resolves outside the project root/,
      /point working-directory at a folder inside the project/
    ]
  },
  {
    name: 'a plan of 5 MB',
    arrange: writePlan(PLAN + `\n${'x'.repeat(80)}`.repeat(65_000)),
    says: [/over the \d+-byte limit/, /move data out of it/]
  },
  {
    name: "the proposal slug '../x'",
    inputs: { environment: 'staging', proposal: '../x' },
    says: [/is not the active proposal/, /leave the proposal input empty/]
  },
  {
    name: "the proposal slug 'a/b'",
    inputs: { environment: 'staging', proposal: 'a/b' },
    says: [/is not the active proposal/]
  },
  {
    name: "the proposal slug '.hidden'",
    inputs: { environment: 'staging', proposal: '.hidden' },
    says: [/is not the active proposal/]
  },
  {
    name: 'a guard file that is not JSON',
    arrange: project => project.write('logos/.openlogos-guard', 'activeChange: add-login'),
    says: [/is not JSON/, /fix or delete logos\/.openlogos-guard/]
  },
  {
    name: 'a guard naming a missing proposal',
    arrange: project => project.write('logos/.openlogos-guard', '{"activeChange":"gone"}'),
    says: [/proposal 'gone' from logos\/.openlogos-guard does not exist/, /check the spelling/]
  },
  {
    name: 'a guard naming an archived proposal',
    arrange: async project => {
      await project.write('logos/.openlogos-guard', '{"activeChange":"old"}')
      await project.write('logos/changes/archive/20260101-0900-old/proposal.md', '# old')
    },
    says: [/is archived/, /deploy an open proposal/]
  },
  {
    name: 'a marker that is a folder',
    arrange: async project => {
      await project.remove(`${CHANGE}/VERIFY_PASS`)
      await fs.mkdir(path.join(project.root, CHANGE, 'VERIFY_PASS'))
    },
    says: [/VERIFY_PASS is not a regular file/, /remove it and run openlogos verify again/]
  },
  {
    name: 'a marker that is a symlink',
    arrange: async project => {
      await project.remove(`${CHANGE}/VERIFY_PASS`)
      await fs.symlink('/etc/hostname', path.join(project.root, CHANGE, 'VERIFY_PASS'))
    },
    says: [/VERIFY_PASS is not a regular file/]
  },
  {
    name: 'tasks.md in a legacy layout',
    arrange: project => project.write(TASKS, '# Tasks\n- [x] code\n- [ ] deploy\n'),
    says: [/legacy layout/, /split tasks.md into ## \[code\] and ## \[deploy\] sections/]
  },
  {
    name: 'dry-run: yes',
    inputs: { environment: 'staging', 'dry-run': 'yes' },
    says: [/input dry-run is 'yes': write true or false/]
  },
  {
    name: 'step-timeout: -1',
    inputs: { environment: 'staging', 'step-timeout': '-1' },
    says: [/input step-timeout is '-1': write a positive duration/]
  },
  {
    name: 'an unknown mode',
    inputs: { environment: 'staging', mode: 'blue-green' },
    says: [/input mode is 'blue-green': write deploy, canary or rollback/]
  },
  {
    name: 'an unknown target',
    inputs: { environment: 'staging', targets: 'nope' },
    says: [/target 'nope' is not in the plan/, /correct the targets input/]
  },
  {
    name: 'targets: ""',
    inputs: { environment: 'staging', targets: '' },
    says: [/input targets is empty: write all, primary, or comma-separated target names/]
  },
  {
    name: 'a pull_request_target event',
    eventName: 'pull_request_target',
    says: [/pull_request_target/, /deploy from push, workflow_dispatch or a release event instead/]
  },
  {
    name: 'a pull request from a fork',
    eventName: 'pull_request',
    event: {
      pull_request: { number: 3, head: { repo: { full_name: 'mallory/site', fork: true } } }
    },
    says: [/comes from a fork \(mallory\/site\)/, /merge the change/]
  }
]

let project: Project
let sentinels: string

beforeEach(async () => {
  project = await makeProject({
    files: { [REPORT]: '# Deployment report\n\nolder entry, kept\r\n' }
  })
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  await fs.rm(PWNED, { force: true })
})

afterEach(async () => {
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

function run(item: Pick<Case, 'inputs' | 'eventName' | 'event' | 'env'>): Promise<ActionRun> {
  return runAction({
    workspace: project.root,
    inputs: item.inputs ?? offlineInputs(),
    env: { SENTINEL_DIR: sentinels, ...item.env },
    ...(item.eventName ? { eventName: item.eventName } : {}),
    ...(item.event ? { event: item.event } : {})
  })
}

describe('hostile and broken input', () => {
  it.each(refusals)('$name: a clear refusal, nothing run, nothing damaged', async item => {
    await item.arrange?.(project)
    const before = { report: await project.read(REPORT), tasks: await project.read(TASKS) }

    const result = await run(item)

    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('refused')
    for (const pattern of item.says) expect(result.summary + result.stdout).toMatch(pattern)
    expect(await fs.readdir(sentinels)).toEqual([])
    expect({ report: await project.read(REPORT), tasks: await project.read(TASKS) }).toEqual(before)
  })

  it('never lets a branch name carrying shell syntax reach a shell', async () => {
    const branch = 'change/a";touch${IFS}/tmp/pwned;#'
    const env = {
      GITHUB_HEAD_REF: branch,
      GITHUB_REF_NAME: branch,
      GITHUB_REF: `refs/heads/${branch}`
    }
    const plan = PLAN.replace(
      'run: touch "$SENTINEL_DIR/release-ran"',
      'run: echo "$DEPLOY_REF" > "$SENTINEL_DIR/ref"'
    )
    await project.write(
      PLAN_PATH,
      plan.replace('    url: ${DEPLOY_URL}/healthz', '    run: "true"')
    )

    const deployed = await run({ env })
    await project.remove('logos/.openlogos-guard')
    await project.write('logos/changes/other/tasks.md', '')
    const located = await run({ env })

    expect(deployed.outputs['status']).toBe('success')
    expect(await fs.readFile(path.join(sentinels, 'ref'), 'utf8')).toBe(`refs/heads/${branch}\n`)
    expect(located.outputs['status']).toBe('refused')
    expect(located.summary).toContain('no active proposal')
    expect(
      await fs.access(PWNED).then(
        () => true,
        () => false
      )
    ).toBe(false)
  })

  it('works with a plan written with a BOM and CRLF line endings', async () => {
    await project.write(PLAN_PATH, `\uFEFF${PLAN.replace(/\n/g, '\r\n')}`)

    const result = await run({
      inputs: { environment: 'staging', 'dry-run': 'true', comment: 'false' }
    })

    expect(result.outputs['status']).toBe('dry-run')
  })

  it('loads, checks and previews a plan of 2,000 steps', async () => {
    const steps = Array.from(
      { length: 2000 },
      (_, index) =>
        `  - id: step-${index}\n    run: touch "$SENTINEL_DIR/step-${index}"\n    rollback: "true"\n`
    ).join('')
    await project.write(
      PLAN_PATH,
      `---\ndeploy-executor: 1\nenvironments: { staging: {} }\nsteps:\n${steps}---\n`
    )

    const result = await run({
      inputs: { environment: 'staging', 'dry-run': 'true', comment: 'false' }
    })

    expect(result.outputs['status']).toBe('dry-run')
    expect(result.summary).toContain('2000. `step-1999`')
    expect(await fs.readdir(sentinels)).toEqual([])
  })
})
