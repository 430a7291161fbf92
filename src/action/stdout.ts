/** Output to the runner's log or the terminal, waiting when the reader is slower than the writers. */
import { once } from 'node:events'

/** The one wait for stdout to drain, shared by every writer: many targets write at once. */
let draining: Promise<void> | undefined

export function writeStdout(chunk: string | Uint8Array): void | Promise<void> {
  if (process.stdout.write(chunk)) return undefined
  draining ??= once(process.stdout, 'drain').then(() => {
    draining = undefined
  })
  return draining
}
