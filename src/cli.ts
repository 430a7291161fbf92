/** The `deploy-executor` command's entry point: only starts the program. */
import { runCli } from './action/command-line.js'
import { writeStdout } from './action/stdout.js'

const cancellation = new AbortController()
process.on('SIGINT', () => {
  if (cancellation.signal.aborted) process.exit(130)
  process.stderr.write(
    '\nCancelling: stopping the running step, then rolling back (Ctrl-C again to quit at once)\n'
  )
  cancellation.abort()
})

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  out: writeStdout,
  err: text => process.stderr.write(text),
  signal: cancellation.signal,
  isColour: process.stdout.isTTY && !process.env['NO_COLOR']
})
