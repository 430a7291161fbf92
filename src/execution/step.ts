/**
 * Runs one plan step (or rollback step) and records it: a log group that says what is about to
 * happen and to which environment, the live output, the result, and the step's DEPLOY_OUTPUT.
 */
import { lstatSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import type { CommandRunner } from './command-runner.js'
import { formatDuration } from '../core/duration.js'
import type { Log } from '../core/log.js'
import { verbatim, type Message } from '../core/message.js'
import { LIMITS } from '../core/limits.js'
import { OutputLines } from './output-lines.js'
import { isInsideReal } from '../core/paths.js'
import type { Deployment } from '../plan/deployment.js'
import type { PlannedStep } from '../plan/run-plan.js'
import type { StepRecord } from '../report/model.js'
import { say } from './messages.js'
import { parseOutputFile, stepEnvironment } from './step-environment.js'

export interface StepRun {
  root: string
  runner: CommandRunner
  log: Log
  clock: Clock
  job: Record<string, string>
  variables: Record<string, string>
  deployment: Deployment
  /** DEPLOY_URL as it stands: the environment's url, or the last one a step reported. */
  url: string
  /** A folder of this run's own, for the DEPLOY_OUTPUT files. */
  scratchDir: string
  signal?: AbortSignal
  /** Told the process group of each step as it starts (the journal keeps it for the post step). */
  onStarted?: (stepId: string, processGroup: number, target?: string) => void
  /** The target a per-target step runs for, and that target's variables. */
  target?: { name: string; variables: Record<string, string> }
}

export interface StepPlacement {
  phase: StepRecord['phase']
  /** "Step 2/5" or "Rollback 1/3". */
  label: Message
  /** What undoes this step, said before it runs. */
  rollbackPoint: Message
  /** For rollback steps: the step whose failure started the rollback. */
  failedStep?: string
  /** The script to run instead of step.run (a step's own rollback command). */
  script?: string
  /** For a step's own rollback: the id of the step it undoes. */
  undoes?: string
  /** DEPLOY_CANARY_WEIGHT: the canary increment's percent, 100 for the promotion after them. */
  weight?: number
}

export async function runStep(
  step: PlannedStep,
  placement: StepPlacement,
  run: StepRun
): Promise<StepRecord> {
  const { log } = run
  const name = placement.undoes === undefined ? verbatim(step.name) : say.undo(step.name)
  const title = say.stepGroup(placement.label, name, step.id)
  return log.group(title, async () => {
    if (step.purpose && placement.phase !== 'rollback') log.info(say.purpose(step.purpose))
    const environment = run.deployment.environment
    log.info(run.url ? say.environmentAt(environment, run.url) : say.environment(environment))
    if (placement.weight !== undefined) log.info(say.canaryWeight(placement.weight))
    const target = run.target?.name ?? step.target
    log.info(
      target ? say.target(target, step.workingDirectory) : say.everyTarget(step.workingDirectory)
    )
    if (placement.phase !== 'rollback') log.info(say.rollbackPoint(placement.rollbackPoint))
    const startedAt = new Date(run.clock.now()).toISOString()
    const base = { id: step.id, name: step.name, phase: placement.phase, startedAt, outputs: {} }
    const record = {
      ...base,
      ...(target === undefined ? {} : { target }),
      ...(placement.undoes === undefined ? {} : { undoes: placement.undoes }),
      ...(placement.weight === undefined ? {} : { weight: placement.weight })
    }
    const cwd = path.resolve(run.root, step.workingDirectory)
    // Checked before every step, not once: an earlier step may have replaced the folder with a link.
    const problem = workingDirectoryProblem(run.root, cwd, step.workingDirectory)
    if (problem) {
      log.error(say.stepProblem(step.id, problem))
      return { ...record, status: 'failed', durationMs: 0, note: problem }
    }
    // A name no earlier step used: the step's first `>>` creates it, so it starts empty. A canary
    // step runs once per increment, each run with a file of its own.
    const runName = [step.id, placement.weight, run.target?.name]
      .filter(part => part !== undefined)
      .join('-')
    const outputFile = path.join(run.scratchDir, `${placement.phase}-${runName}.out`)
    const env = stepEnvironment({
      job: run.job,
      variables: run.variables,
      ...(run.target ? { targetVariables: run.target.variables } : {}),
      stepEnv: step.env,
      deployment: run.deployment,
      url: run.url,
      outputFile,
      ...(target === undefined ? {} : { target }),
      ...(placement.failedStep === undefined ? {} : { failedStep: placement.failedStep }),
      ...(placement.weight === undefined ? {} : { canaryWeight: placement.weight })
    })
    const { timeoutMs } = step
    const lines = new OutputLines(
      text => run.log.write(text),
      bytes => run.log.partialSecretLength(bytes)
    )
    const result = await log.streaming(async () => {
      const outcome = await run.runner.run({
        script: placement.script ?? step.run,
        cwd,
        env,
        timeoutMs,
        onOutput: chunk => lines.push(chunk),
        tailBytes: LIMITS.stepOutputTailBytes,
        ...(run.signal ? { signal: run.signal } : {}),
        onStart: processGroup => run.onStarted?.(step.id, processGroup, run.target?.name)
      })
      await lines.flush()
      return outcome
    })
    const outputs = parseOutputFile(readOutputFile(outputFile))
    const note = describeEnd(result.status, timeoutMs, result.error)
    const exit = result.exitCode === undefined ? undefined : say.exitCode(result.exitCode)
    const finished = say.finished(
      result.status === 'succeeded' ? '✔' : '✖',
      step.id,
      note ?? say.succeeded,
      formatDuration(result.durationMs),
      exit,
      result.signal
    )
    if (result.status === 'succeeded') log.info(finished)
    else log.error(finished)
    if (result.hasLingeringOutput) {
      log.warning(say.lingering(step.id))
    }
    return {
      ...record,
      status: result.status,
      durationMs: Math.round(result.durationMs),
      outputTail: result.outputTail,
      outputs,
      ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
      ...(result.signal === undefined ? {} : { signal: result.signal }),
      ...(note === undefined ? {} : { note })
    }
  })
}

function describeEnd(status: string, timeoutMs: number, error?: Message): Message | undefined {
  if (error) return error
  switch (status) {
    case 'timed-out':
      return say.timedOut(formatDuration(timeoutMs))
    case 'cancelled':
      return say.cancelled
    case 'failed':
      return say.failed
    default:
      return undefined
  }
}

/** DEPLOY_OUTPUT holds key=value lines; more than this is not what it is for. */
const MAX_OUTPUT_FILE_BYTES = 1024 * 1024

/**
 * The step's DEPLOY_OUTPUT: only a regular file the step wrote. A step that replaced it with a link
 * (to /proc/self/environ, say) gets nothing read through it.
 */
function readOutputFile(file: string): string {
  try {
    // Most steps write no outputs: no exception made for an absent file, at every step.
    const stat = lstatSync(file, { throwIfNoEntry: false })
    if (!stat?.isFile() || stat.size > MAX_OUTPUT_FILE_BYTES) return ''
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

function workingDirectoryProblem(root: string, cwd: string, written: string): Message | undefined {
  if (!isInsideReal(root, cwd)) return say.directoryOutside(written)
  const stat = statSync(cwd, { throwIfNoEntry: false })
  if (!stat) return say.directoryMissing(written)
  return stat.isDirectory() ? undefined : say.directoryNotFolder(written)
}
