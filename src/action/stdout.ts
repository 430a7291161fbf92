/** Output to the runner's log or the terminal, waiting when the reader is slower than the writers. */
import { once } from 'node:events'

/** The one wait for stdout to drain, shared by every writer: many targets write at once. */
let draining: Promise<void> | undefined
let isFlushedOnExit = false

/**
 * The pieces written together (the lines of one read of a step's output, and the held end of a
 * line before them) leave in one system call: the stream is corked until the current operation is
 * done, and at the latest when the process exits.
 */
export function writeStdout(chunk: string | Uint8Array): void | Promise<void> {
  const out = process.stdout
  if (!out.writableCorked) {
    out.cork()
    process.nextTick(() => out.uncork())
    if (!isFlushedOnExit) {
      isFlushedOnExit = true
      process.once('exit', () => {
        while (out.writableCorked) out.uncork()
      })
    }
  }
  if (out.write(chunk)) return undefined
  draining ??= once(process.stdout, 'drain').then(() => {
    draining = undefined
  })
  return draining
}
