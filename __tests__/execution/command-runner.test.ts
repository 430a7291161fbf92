/** Real bash processes: streaming, exit codes, process-group timeouts, cancellation, bounded memory. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  bashRunner,
  programOf,
  TailBuffer,
  type CommandResult,
  type CommandSpec
} from '../../src/execution/command-runner.js'
import { isAlive } from '../support/builders.js'

let dir: string

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'runner-test-'))
})

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

const runner = bashRunner({ killGraceMs: 500, drainMs: 300 })

function run(script: string, overrides: Partial<CommandSpec> = {}): Promise<CommandResult> {
  return runner.run({
    script,
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '' },
    timeoutMs: 10_000,
    onOutput: () => undefined,
    tailBytes: 64 * 1024,
    ...overrides
  })
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (condition()) return true
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return condition()
}

describe('bashRunner', () => {
  it('reports success with exit code 0 and keeps the output', async () => {
    const result = await run('echo hello; echo oops >&2')

    expect(result).toMatchObject({ status: 'succeeded', exitCode: 0 })
    expect(result.outputTail).toContain('hello\n')
    expect(result.outputTail).toContain('oops\n')
  })

  it('fails on the first failing command (bash -e) with its exit code', async () => {
    const result = await run('echo before; (exit 3); echo after')

    expect(result).toMatchObject({ status: 'failed', exitCode: 3 })
    expect(result.outputTail).not.toContain('after')
  })

  it('fails a pipeline when an early command fails (pipefail)', async () => {
    expect((await run('false | cat')).status).toBe('failed')
  })

  it('streams output while the step is still running', async () => {
    const seen: { text: string; at: number }[] = []
    const started = Date.now()

    const result = await run('echo first; sleep 1; echo second', {
      onOutput: chunk => void seen.push({ text: chunk.toString(), at: Date.now() - started })
    })

    expect(result.status).toBe('succeeded')
    const first = seen.find(item => item.text.includes('first'))
    const second = seen.find(item => item.text.includes('second'))
    expect(first && second && second.at - first.at).toBeGreaterThanOrEqual(800)
  })

  it('keeps stdout and stderr in the order they were written', async () => {
    const chunks: string[] = []

    await run('for i in 1 2 3; do echo out$i; sleep 0.1; echo err$i >&2; sleep 0.1; done', {
      onOutput: chunk => void chunks.push(chunk.toString())
    })

    expect(chunks.join('').split('\n').filter(Boolean)).toEqual([
      'out1',
      'err1',
      'out2',
      'err2',
      'out3',
      'err3'
    ])
  })

  it('runs in the given directory with exactly the given environment', async () => {
    const result = await run('pwd; echo "[$ONLY_THIS]"; echo "[${HOME:-unset}]"', {
      env: { PATH: process.env['PATH'] ?? '', ONLY_THIS: 'yes' }
    })

    expect(result.outputTail).toBe(`${await fs.realpath(dir)}\n[yes]\n[unset]\n`)
  })

  it('stops the whole process tree on timeout, grandchildren included', async () => {
    const pidFile = path.join(dir, 'grandchild.pid')

    const result = await run(`sleep 600 & echo $! > ${pidFile}; trap '' TERM; sleep 600`, {
      timeoutMs: 500
    })

    expect(result.status).toBe('timed-out')
    const pid = Number(await fs.readFile(pidFile, 'utf8'))
    expect(await waitFor(() => !isAlive(pid), 3_000)).toBe(true)
  })

  it('cancels a running step when the signal is aborted', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 300)

    const result = await run('sleep 600', { signal: controller.signal })

    expect(result.status).toBe('cancelled')
    expect(result.durationMs).toBeLessThan(5_000)
  })

  it('does not wait forever for background processes that keep the output open', async () => {
    const pidFile = path.join(dir, 'daemon.pid')

    const result = await run(`sleep 30 & echo $! > ${pidFile}; echo started`)

    expect(result).toMatchObject({ status: 'succeeded', hasLingeringOutput: true })
    process.kill(Number(await fs.readFile(pidFile, 'utf8')), 'SIGKILL')
  })

  it('keeps memory bounded and only the last 64 KiB when a step prints 200 MB', async () => {
    let streamed = 0
    const before = process.memoryUsage().rss

    const result = await run('head -c 200000000 /dev/zero | tr "\\0" "x"; echo; echo THE-END', {
      onOutput: chunk => void (streamed += chunk.length)
    })

    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024
    expect(result.status).toBe('succeeded')
    expect(streamed).toBeGreaterThan(200_000_000)
    expect(Buffer.byteLength(result.outputTail)).toBeLessThanOrEqual(64 * 1024)
    expect(result.outputTail.endsWith('THE-END\n')).toBe(true)
    expect(grownMb).toBeLessThan(100)
  })

  it('waits for a slow reader before reading more (backpressure)', async () => {
    let pending = 0
    let maxPending = 0

    await run('head -c 2000000 /dev/zero', {
      onOutput: () => {
        pending++
        maxPending = Math.max(maxPending, pending)
        return new Promise(resolve =>
          setTimeout(() => {
            pending--
            resolve()
          }, 1)
        )
      }
    })

    expect(maxPending).toBeLessThanOrEqual(2)
  })
})

describe('TailBuffer', () => {
  it('keeps the last whole lines across many chunks', () => {
    const tail = new TailBuffer(12)

    for (const chunk of ['abc\n', 'defgh\n', 'ijkl', 'mnop\nqr']) tail.push(Buffer.from(chunk))

    expect(tail.toString()).toBe('ijklmnop\nqr')
  })

  it('never starts inside a line, where a cut secret would no longer be recognised', () => {
    const tail = new TailBuffer(16)

    tail.push(Buffer.from('token tok_live_4f9a8b7c6d5e\nend\n'))

    expect(tail.toString()).toBe('end\n')
  })

  it('keeps exactly the last bytes across the end of its ring, chunk sizes whatever', () => {
    const text = Array.from({ length: 200 }, (_, index) => `line ${index}\n`).join('')
    for (const size of [1, 7, 64, 500, 5000]) {
      const tail = new TailBuffer(100)
      for (let at = 0; at < text.length; at += size)
        tail.push(Buffer.from(text.slice(at, at + size)))

      const kept = text.slice(-100)
      expect(tail.toString()).toBe(kept.slice(kept.indexOf('\n') + 1))
    }
  })

  it('is empty when nothing was printed, or only empty reads', () => {
    const tail = new TailBuffer(8)
    expect(tail.toString()).toBe('')

    tail.push(Buffer.alloc(0))

    expect(tail.toString()).toBe('')
  })

  it('shows nothing of one line longer than the tail', () => {
    const tail = new TailBuffer(8)

    tail.push(Buffer.from('x'.repeat(20)))

    expect(tail.toString()).toBe('')
  })
})

describe('programOf', () => {
  it('finds bash on the step PATH as exec would: the first executable file of that name', async () => {
    const folders = ['empty', 'not-executable', 'first', 'second'].map(name => path.join(dir, name))
    await Promise.all(folders.map(folder => fs.mkdir(folder, { recursive: true })))
    await fs.writeFile(path.join(dir, 'not-executable', 'bash'), '', { mode: 0o644 })
    await fs.writeFile(path.join(dir, 'first', 'bash'), '', { mode: 0o755 })
    await fs.writeFile(path.join(dir, 'second', 'bash'), '', { mode: 0o755 })

    expect(programOf('bash', { cwd: dir, env: { PATH: folders.join(':') } })).toBe(
      path.join(dir, 'first', 'bash')
    )
    // A relative folder is the step's working directory's, as for the child.
    expect(programOf('bash', { cwd: dir, env: { PATH: 'empty:second' } })).toBe(
      path.join(dir, 'second', 'bash')
    )
  })

  it('passes over PATH entries that are files, links to nothing or folders named bash', async () => {
    await fs.writeFile(path.join(dir, 'a-file'), '')
    await fs.symlink(path.join(dir, 'gone'), path.join(dir, 'dangling'))
    await fs.mkdir(path.join(dir, 'dangling-bash'))
    await fs.symlink(path.join(dir, 'gone'), path.join(dir, 'dangling-bash', 'bash'))
    await fs.mkdir(path.join(dir, 'folder', 'bash'), { recursive: true })
    await fs.mkdir(path.join(dir, 'good'))
    await fs.writeFile(path.join(dir, 'good', 'bash'), '', { mode: 0o755 })
    const searchPath = ['a-file', 'dangling', 'dangling-bash', 'folder', 'good']
      .map(name => path.join(dir, name))
      .join(':')

    expect(programOf('bash', { cwd: dir, env: { PATH: searchPath } })).toBe(
      path.join(dir, 'good', 'bash')
    )
  })

  it('leaves the search to the child when it finds nothing, and a path alone', () => {
    expect(programOf('bash', { cwd: dir, env: { PATH: path.join(dir, 'nowhere') } })).toBe('bash')
    expect(programOf('bash', { cwd: dir, env: {} })).toBe('bash')
    expect(programOf('./bin/bash', { cwd: dir, env: { PATH: '/usr/bin' } })).toBe('./bin/bash')
  })
})
