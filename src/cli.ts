/** The `deploy-executor` command's entry point: only starts the program. */
import { once } from 'node:events'
import { runCli } from './action/command-line.js'

const cancellation = new AbortController()
process.on('SIGINT', () => {
  if (cancellation.signal.aborted) process.exit(130)
  process.stderr.write(
    '\nCancelling: stopping the running step, then rolling back (Ctrl-C again to quit at once)\n'
  )
  cancellation.abort()
})

/** One wait for stdout to drain, shared by every writer (targets write at once). */
let draining: Promise<void> | undefined
const drained = (): Promise<void> =>
  (draining ??= once(process.stdout, 'drain').then(() => {
    draining = undefined
  }))

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  out: text => (process.stdout.write(text) ? undefined : drained()),
  err: text => process.stderr.write(text),
  signal: cancellation.signal,
  isColour: process.stdout.isTTY && !process.env['NO_COLOR']
})
