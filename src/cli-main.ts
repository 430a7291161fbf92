/** The `deploy-executor` command's entry point: only starts the program. */
import { runCli } from './cli.js'

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text)
})
