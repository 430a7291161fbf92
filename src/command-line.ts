/**
 * `deploy-executor`: the same engine outside GitHub. Without a GitHub context there is no approval
 * gate and no PR comment; a real run needs `--confirm <environment>`, typed by a person, as its
 * explicit authorization.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { localConfirmation } from './approval.js'
import { reportFileTracker } from './deployment.js'
import { bashRunner } from './command-runner.js'
import { fetchProbe } from './health-check.js'
import { systemClock } from './clock.js'
import { deploy, refuseInputs, type Dependencies } from './deploy.js'
import { terminalLog } from './log.js'
import { INPUT, type InputName } from './names.js'
import { SecretRegistry } from './redact.js'
import { SUCCESSFUL_STATUSES } from './report.js'
import { renderReport } from './report-markdown.js'
import { localRunContext, runKeyOf } from './run-context.js'
import { readSettings } from './settings.js'

const USAGE = `Usage: deploy-executor [options]

Runs the deployment step of an OpenLogos proposal from the project root (the folder holding logos/).

  --dry-run                  show what would run; runs nothing, writes nothing
  --environment <name>       the environment to deploy to (one of the plan's environments)
  --confirm <name>           required for a real run: the environment name again, as authorization
  --mode <deploy|canary>     default deploy
  --proposal <slug>          default: logos/.openlogos-guard, the change/<slug> branch, or the only open one
  --plan <file>              default: the executable plan in logos/resources/prd/3-technical-plan/3-deployment/
  --targets <list>           all | primary | comma-separated names (default all)
  --version <text>           default: the tag or the 7-character commit
  --working-directory <dir>  the project root (default .)
  --step-timeout <duration>  default 30m
  --report-path <file>       default logos/resources/verify/deployment-report.md
  --no-rollback              do not roll back on failure
  --allow-no-rollback        accept a plan that declares no rollback
  --no-markers               do not write DEPLOY_DONE or tick [deploy] tasks
  --redeploy                 deploy a proposal that already has DEPLOY_DONE again
  --verbose                  debug output
  -h, --help                 this text
`

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  environment: { type: 'string' },
  confirm: { type: 'string' },
  mode: { type: 'string' },
  proposal: { type: 'string' },
  plan: { type: 'string' },
  targets: { type: 'string' },
  version: { type: 'string' },
  'working-directory': { type: 'string' },
  'step-timeout': { type: 'string' },
  'report-path': { type: 'string' },
  'no-rollback': { type: 'boolean' },
  'allow-no-rollback': { type: 'boolean' },
  'no-markers': { type: 'boolean' },
  redeploy: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export interface CliIo {
  argv: string[]
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  out: (text: string | Uint8Array) => void | Promise<void>
  err: (text: string) => void
  /** Aborted when the person presses Ctrl-C: the running step stops and the rollback runs. */
  signal?: AbortSignal
}

/** Returns the process exit code: 0 deployed or dry run, 1 anything else, 2 bad usage. */
export async function runCli(io: CliIo): Promise<number> {
  let values: ReturnType<typeof parse>
  try {
    values = parse(io.argv)
  } catch (error) {
    io.err(`deploy-executor: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    await io.out(USAGE)
    return 0
  }
  if (!values['dry-run'] && values.confirm !== values.environment) {
    io.err(
      values.confirm === undefined
        ? `deploy-executor: a real deployment needs --confirm ${values.environment ?? '<environment>'}: type the environment name again to authorize it, or use --dry-run\n`
        : `deploy-executor: --confirm '${values.confirm}' does not match --environment '${values.environment ?? ''}': nothing was run\n`
    )
    return 2
  }
  const secrets = new SecretRegistry()
  const log = terminalLog({ out: io.out, err: io.err, isVerbose: values.verbose ?? false }, secrets)
  const context = localRunContext(io.cwd)
  const read = readSettings(name => inputsOf(values)[name], io.cwd)
  if (!read.ok) {
    const refused = refuseInputs(read.errors, { log, clock: systemClock, context })
    await io.out(`\n${renderReport(refused, refused.locale)}`)
    return 1
  }
  const { settings } = read
  const deps: Dependencies = {
    log,
    clock: systemClock,
    secrets,
    context,
    env: io.env,
    runner: bashRunner(),
    probe: fetchProbe,
    gate: localConfirmation(values.confirm, io.env['USER'] ?? os.userInfo().username),
    tracker: reportFileTracker(settings.projectRoot, settings.reportPath),
    runKey: runKeyOf(context, Date.now()),
    ...(io.signal ? { signal: io.signal } : {}),
    rollbackOnCancel: true
  }
  const report = await deploy(settings, deps)
  await io.out(`\n${secrets.redact(renderReport(report, report.locale))}`)
  return SUCCESSFUL_STATUSES.includes(report.status) ? 0 : 1
}

/** The command line as action inputs: locally there is no approval gate and no PR comment. */
function inputsOf(values: ReturnType<typeof parse>): Partial<Record<InputName, string>> {
  const inputs: Partial<Record<InputName, string>> = {
    [INPUT.dryRun]: String(values['dry-run'] ?? false),
    [INPUT.rollbackOnFailure]: String(!values['no-rollback']),
    [INPUT.allowNoRollback]: String(values['allow-no-rollback'] ?? false),
    [INPUT.writeMarkers]: String(!values['no-markers']),
    [INPUT.redeploy]: String(values.redeploy ?? false),
    [INPUT.comment]: 'false',
    [INPUT.requireApproval]: 'false'
  }
  const passed = [
    INPUT.environment,
    INPUT.mode,
    INPUT.proposal,
    INPUT.plan,
    INPUT.targets,
    INPUT.version,
    INPUT.workingDirectory,
    INPUT.stepTimeout,
    INPUT.reportPath
  ] as const
  for (const name of passed) {
    const value = values[name]
    if (value !== undefined) inputs[name] = value
  }
  return inputs
}

function parse(argv: string[]): {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string
} {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }).values
}
