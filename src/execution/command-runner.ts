/**
 * Runs one bash script as a step: its own process group (so a timeout or a cancellation stops the
 * whole tree), output streamed as it arrives with backpressure, and only a bounded tail kept.
 * @actions/exec has no timeout or group kill, hence child_process.spawn.
 */
import type { Message } from '../core/message.js'
import { say } from './messages.js'
import { childProcess } from '../core/lazy-builtins.js'
import { accessSync, constants, mkdtempSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { setLongTimeout } from '../core/timer.js'
import { outputMemoryKeeper } from './output-memory.js'
import path from 'node:path'

export interface CommandSpec {
  script: string
  cwd: string
  env: Record<string, string>
  timeoutMs: number
  /** Aborting it stops the command: the result is `cancelled`. */
  signal?: AbortSignal
  /** Called with each piece of output as it arrives, as bytes; a returned promise pauses reading until it settles. */
  onOutput: (chunk: Buffer) => void | Promise<void>
  /** Bytes of output to keep for the report. */
  tailBytes: number
  /** Bytes of standard output alone to keep as well (a metric check reads its number there). */
  stdoutTailBytes?: number
  /** Told the process group's id as the command starts: whoever must stop it later needs it. */
  onStart?: (processGroup: number) => void
}

export interface CommandResult {
  status: 'succeeded' | 'failed' | 'timed-out' | 'cancelled'
  exitCode?: number
  signal?: string
  durationMs: number
  outputTail: string
  /** The end of standard output alone, when the spec asked for it. */
  stdoutTail?: string
  /** Set when the command could not be started at all. */
  error?: Message
  /** Background processes kept the output open after the script ended. */
  hasLingeringOutput?: boolean
}

export interface CommandRunner {
  run: (spec: CommandSpec) => Promise<CommandResult>
}

export interface BashRunnerOptions {
  /** Between SIGTERM and SIGKILL to the process group. */
  killGraceMs?: number
  /** How long to wait for the output to close after the script has exited. */
  drainMs?: number
  bash?: string
  /** Where the scripts are written: RUNNER_TEMP on a runner; the system's temp folder by default. */
  tempDir?: string
}

export const BASH_ARGS = ['--noprofile', '--norc', '-eo', 'pipefail'] as const

/**
 * Keeps the end of a stream, at most `limit` bytes, whatever its size. When the stream was longer,
 * the tail starts at a line boundary: a cut inside a line could start inside a secret, whose
 * remaining part no redaction would recognise.
 */
export class TailBuffer {
  /**
   * A ring of its own, filled by copying: holding on to the chunks read would keep each one alive
   * until a full collection (they outlive the young generation), and with a hundred commands at
   * once that is hundreds of megabytes of dead output. Made on the first output: most steps of a
   * long plan print nothing at all.
   */
  private ring: Buffer | undefined
  private end = 0
  private total = 0

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.ring ??= Buffer.alloc(Math.max(1, this.limit))
    this.total += chunk.length
    const bytes = chunk.length > this.limit ? chunk.subarray(chunk.length - this.limit) : chunk
    const first = Math.min(bytes.length, this.limit - this.end)
    bytes.copy(this.ring, this.end, 0, first)
    bytes.copy(this.ring, 0, first)
    this.end = (this.end + bytes.length) % this.limit
  }

  toString(): string {
    if (!this.ring) return ''
    if (this.total <= this.limit) return this.ring.subarray(0, this.total).toString('utf8')
    const tail = Buffer.concat([this.ring.subarray(this.end), this.ring.subarray(0, this.end)])
    const lineStart = tail.indexOf(0x0a) + 1
    // One line longer than the whole tail: none of it can be shown safely.
    return lineStart === 0 ? '' : tail.subarray(lineStart).toString('utf8')
  }
}

export function bashRunner(options: BashRunnerOptions = {}): CommandRunner {
  const killGraceMs = options.killGraceMs ?? 5_000
  const drainMs = options.drainMs ?? 1_000
  const bash = options.bash ?? 'bash'
  // One private folder for the runner's scripts, made on first use; each script is removed after its run.
  let folder: string | undefined
  let count = 0
  return {
    run: async spec => {
      folder ??= mkdtempSync(path.join(options.tempDir ?? os.tmpdir(), 'deploy-steps-'))
      const scriptFile = path.join(folder, `step-${++count}.sh`)
      writeFileSync(scriptFile, spec.script, { mode: 0o600 })
      try {
        return await runScript(programOf(bash, spec), scriptFile, spec, killGraceMs, drainMs)
      } finally {
        removeScript(scriptFile)
      }
    }
  }
}

function removeScript(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone: the step removed it
  }
}

/**
 * The file the step's environment would run for `bash`: the first executable of that name on its
 * PATH, as the child's execvp would find it. Found here, before forking, because the search in the
 * child tries every folder ahead of /usr/bin with a failed exec (ten of them on a GitHub runner's
 * PATH) while the action waits for the exec to succeed. When nothing is found the child searches
 * as before and reports what it finds.
 */
export function programOf(name: string, spec: Pick<CommandSpec, 'env' | 'cwd'>): string {
  const searchPath = spec.env['PATH']
  if (name.includes('/') || !searchPath) return name
  for (const folder of searchPath.split(':')) {
    const candidate = path.resolve(spec.cwd, folder, name)
    if (isExecutableFile(candidate)) return candidate
  }
  return name
}

function isExecutableFile(file: string): boolean {
  try {
    // Absent from most folders: told without making an exception, ten times at every step.
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function runScript(
  bash: string,
  scriptFile: string,
  spec: CommandSpec,
  killGraceMs: number,
  drainMs: number
): Promise<CommandResult> {
  const started = performance.now()
  const tail = new TailBuffer(spec.tailBytes)
  const stdoutTail =
    spec.stdoutTailBytes === undefined ? undefined : new TailBuffer(spec.stdoutTailBytes)
  return new Promise(resolve => {
    let stopReason: 'timed-out' | 'cancelled' | undefined
    let killTimer: NodeJS.Timeout | undefined
    let drainTimer: NodeJS.Timeout | undefined
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    let settled = false
    const child = childProcess().spawn(bash, [...BASH_ARGS, scriptFile], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    if (child.pid !== undefined) spec.onStart?.(child.pid)
    const stopGroup = (reason: 'timed-out' | 'cancelled'): void => {
      if (stopReason || exit) return
      stopReason = reason
      signalGroup(child.pid, 'SIGTERM')
      killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), killGraceMs)
    }
    const timeout = setLongTimeout(() => stopGroup('timed-out'), spec.timeoutMs)
    const onAbort = (): void => stopGroup('cancelled')
    spec.signal?.addEventListener('abort', onAbort, { once: true })
    if (spec.signal?.aborted) onAbort()

    const finish = (extra: Partial<CommandResult> = {}): void => {
      if (settled) return
      settled = true
      timeout.clear()
      clearTimeout(drainTimer)
      // The group is gone or was left alone on purpose; a pending SIGKILL would only hit a reused pid.
      if (exit) clearTimeout(killTimer)
      spec.signal?.removeEventListener('abort', onAbort)
      const durationMs = performance.now() - started
      const base = {
        durationMs,
        outputTail: tail.toString(),
        ...(stdoutTail ? { stdoutTail: stdoutTail.toString() } : {}),
        ...extra
      }
      if (stopReason) {
        resolve({ ...base, status: stopReason, ...exitFields(exit) })
      } else if (exit?.code === 0) {
        resolve({ ...base, status: 'succeeded', exitCode: 0 })
      } else {
        resolve({ ...base, status: 'failed', ...exitFields(exit) })
      }
    }

    let pending = 0
    const keepMemoryFlat = outputMemoryKeeper()
    const forward = (stream: NodeJS.ReadableStream) => (chunk: Buffer) => {
      tail.push(chunk)
      if (stream === child.stdout) stdoutTail?.push(chunk)
      keepMemoryFlat(chunk.length)
      const wait = spec.onOutput(chunk)
      if (wait) {
        pending++
        stream.pause()
        void wait.finally(() => {
          if (--pending === 0) {
            child.stdout?.resume()
            child.stderr?.resume()
          }
        })
      }
    }
    child.stdout.on('data', forward(child.stdout))
    child.stderr.on('data', forward(child.stderr))
    child.on('error', error => {
      exit = { code: null, signal: null }
      finish({ error: say.bashNotStarted(error.message) })
    })
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      if (stopReason) signalGroup(child.pid, 'SIGKILL')
      // Background processes of the step may still hold the pipes: do not wait for them forever.
      drainTimer = setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
        finish({ hasLingeringOutput: true })
      }, drainMs)
    })
    child.on('close', () => finish())
  })
}

function exitFields(
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
): Partial<CommandResult> {
  if (!exit) return {}
  if (exit.signal) return { signal: exit.signal }
  return exit.code === null ? {} : { exitCode: exit.code }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // the group has already gone
  }
}
