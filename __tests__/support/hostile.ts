/**
 * The stage of the hostile suite: a ready project in a real temp folder with a folder beside it
 * that must never change, a real fake of GitHub (reviewers, an approval, the job's deployment, an
 * open pull request), the built bundle run as the runner runs it, and the four promises every
 * case checks whatever it attacks: the outcome it states, nothing written outside the project, no
 * secret in any sink in any form, and no workflow command the runner would take from untrusted text.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from '@jest/globals'
import { runPostStep, startAction, type ActionOptions, type ActionRun } from './action-runner.js'
import { waitForFile } from './builders.js'
import { approvalOf, FakeGitHub, reviewersEnvironment, stageJobDeployment } from './fake-github.js'
import { makeProject, PLAN_PATH, type Project, type ProjectOptions } from './project.js'
import { forgedCommands } from './runner-log.js'

export const REPORT = 'logos/resources/verify/deployment-report.md'
export const SHA = '0123456789abcdef0123456789abcdef01234567'

/** Secrets with the characters escaping changes (`_`, `+`, `/`, `=`, `*`), none of them a word. */
export const SECRET = 'sk_h0st1le_Q7v*Zx9+/=Wq3'
export const TOKEN = 'ghs_h0stileT0ken_9f8e7d6c5b4a'
/** The step environment's name for SECRET, which every hostile plan declares. */
export const SECRET_NAME = 'API_KEY'

/** A plan of the stage: `steps` and `health` are YAML list items, indented by two. */
export function hostilePlan(parts: {
  steps: string
  health?: string
  rollback?: string
  extra?: string
}): string {
  return `---
deploy-executor: 1
environments:
  production:
    url: https://example.com
  staging: {}
secrets: [${SECRET_NAME}]
steps:
${parts.steps}
${parts.health ? `health:\n${parts.health}\n` : ''}rollback:
  steps:
${parts.rollback ?? '    - id: put-back\n      run: touch "$SENTINEL_DIR/put-back"'}
${parts.extra ?? ''}---
# core-01-deployment-plan
`
}

/** The plan's one step, `release`, running `script` (lines of bash). */
export function releaseStep(script: string): string {
  const body = script
    .split('\n')
    .map(line => `      ${line}`)
    .join('\n')
  return `  - id: release\n    run: |\n${body}`
}

export interface Stage {
  project: Project
  github: FakeGitHub
  /** Beside the project: a real folder the action must never write to. */
  outside: string
  sentinels: string
  cleanup: () => Promise<void>
}

export async function setStage(options: ProjectOptions = {}): Promise<Stage> {
  const github = await new FakeGitHub().start()
  const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'))
  const sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  await fs.writeFile(path.join(outside, 'keep.md'), 'outside the project\n')
  const project = await makeProject(options)
  github.state.environments['production'] = reviewersEnvironment('production')
  github.state.approvals['4242'] = [approvalOf('alice')]
  stageJobDeployment(github.state, {
    environment: 'production',
    sha: SHA,
    previous: { sha: 'aaaaaaa1111111111111111111111111111111aa', version: 'v1' }
  })
  return {
    project,
    github,
    outside,
    sentinels,
    cleanup: async () => {
      await github.stop()
      await project.cleanup()
      await fs.rm(outside, { recursive: true, force: true })
      await fs.rm(sentinels, { recursive: true, force: true })
    }
  }
}

export interface Act {
  inputs?: Record<string, string>
  env?: Record<string, string>
  event?: Record<string, unknown>
  eventName?: string
  /** Run the post step after the main step, as the runner always does. Default true. */
  post?: boolean
  /** Signal the main step once a step has left this sentinel file (a kill mid-step). */
  interrupt?: { when: string; signal: NodeJS.Signals }
  /** Kill a main step still running after this long: a run that hangs fails instead of holding the suite. */
  killAfterMs?: number
}

export interface Outcome {
  main: ActionRun
  post: ActionRun | undefined
  /** Every place a reader or GitHub sees text from the run, by name. */
  sinks: Record<string, string>
  /** The runner's log: the main step's, then the post step's. */
  log: string
}

/** One run of the bundle on the stage: the main step, then its post step. */
export async function act(stage: Stage, what: Act = {}): Promise<Outcome> {
  const options: ActionOptions = {
    workspace: stage.project.root,
    inputs: {
      environment: 'production',
      'github-token': TOKEN,
      persist: 'commit',
      ...what.inputs
    },
    env: {
      GITHUB_API_URL: stage.github.url,
      SENTINEL_DIR: stage.sentinels,
      OUTSIDE: stage.outside,
      [SECRET_NAME]: SECRET,
      ...what.env
    },
    ...(what.event ? { event: what.event } : {}),
    ...(what.eventName ? { eventName: what.eventName } : {})
  }
  const before = await projectFiles(stage.project.root)
  const started = await startAction(options)
  if (what.interrupt) {
    await waitForFile(path.join(stage.sentinels, what.interrupt.when), 20_000)
    started.child.kill(what.interrupt.signal)
  }
  const killer =
    what.killAfterMs === undefined
      ? undefined
      : setTimeout(() => started.child.kill('SIGKILL'), what.killAfterMs)
  const main = await started.result
  clearTimeout(killer)
  const post = what.post === false ? undefined : await runPostStep(options, started, main)
  await fs.rm(started.files, { recursive: true, force: true })
  const log = [main.stdout, main.stderr, post?.stdout ?? '', post?.stderr ?? ''].join('\n')
  const read = (file: string): Promise<string> => stage.project.read(file).catch(() => '')
  const sinks: Record<string, string> = {
    log: log.replace(/^::add-mask::.*$/gm, ''),
    summary: main.summary + (post?.summary ?? ''),
    outputs: JSON.stringify({ ...main.outputs, ...post?.outputs }),
    report: await read(REPORT),
    comments: JSON.stringify(stage.github.state.comments),
    'API requests': JSON.stringify(
      stage.github.requests.map(({ method, path, query, body }) => ({ method, path, query, body }))
    ),
    'committed files': JSON.stringify(stage.github.state.commits),
    'project files': changedText(before, await projectFiles(stage.project.root))
  }
  return { main, post, sinks, log }
}

/** Every regular file of the project by path: markers, tasks.md, the report, anything a step left. */
async function projectFiles(root: string): Promise<Map<string, string>> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true })
  const files = new Map<string, string>()
  for (const entry of entries.filter(item => item.isFile())) {
    const file = path.join(entry.parentPath, entry.name)
    files.set(file, await fs.readFile(file, 'utf8').catch(() => ''))
  }
  return files
}

/** What the run wrote into the project: files it created or changed (the plan it read is not its text). */
function changedText(before: Map<string, string>, after: Map<string, string>): string {
  return [...after]
    .filter(([file, text]) => before.get(file) !== text)
    .map(([, text]) => text)
    .join('\n')
}

/** A sink's text as a reader sees it: escapes undone, entities decoded, invisible marks gone. */
export function asRead(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~=/])/g, '$1')
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '')
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * The forms a secret can leak in: as written, base64 at every alignment, URL-encoded, and any
 * run of ten of its characters (a tail cut inside it must not show most of it).
 */
export function leakForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url')
  ])
  for (let offset = 1; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString('base64')
    forms.add(
      encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + secret.length) * 8) / 6))
    )
  }
  for (let start = 0; start + 10 <= secret.length; start++)
    forms.add(secret.slice(start, start + 10))
  return [...forms]
}

export interface Promises {
  /** Extra secrets the case planted (a health URL's password, a second secret). */
  secrets?: string[]
}

/** The four promises of every hostile case, each failure naming the sink and the form. */
export async function expectSafe(
  stage: Stage,
  outcome: Outcome,
  promises: Promises = {}
): Promise<void> {
  const secrets = [SECRET, TOKEN, ...(promises.secrets ?? [])]
  const leaks: string[] = []
  for (const [sink, text] of Object.entries(outcome.sinks)) {
    const read = asRead(text)
    for (const secret of secrets)
      for (const form of leakForms(secret))
        if (text.includes(form) || read.includes(form)) leaks.push(`${sink}: ${form}`)
  }
  expect(leaks).toEqual([])
  expect(await folderText(stage.outside)).toEqual({ 'keep.md': 'outside the project\n' })
  expect(forgedCommands(outcome.log).map(command => command.line)).toEqual([])
}

async function folderText(folder: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true })
  const found: Record<string, string> = {}
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name)
    found[path.relative(folder, file)] = entry.isFile()
      ? await fs.readFile(file, 'utf8')
      : `<${entry.isDirectory() ? 'folder' : 'other'}>`
  }
  return found
}

export { PLAN_PATH }
