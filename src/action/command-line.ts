/**
 * `deploy-executor`: the same engine outside GitHub. Without a GitHub context there is no approval
 * gate and no PR comment; a real run needs `--confirm <environment>`, typed by a person, as its
 * explicit authorization. Its options and usage text come from the action's input table.
 */
// First: it configures zod before any schema is built (see the module).
import '../core/zod-setup.js'
import os from 'node:os'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { systemClock } from '../core/clock.js'
import { terminalLog } from '../core/log.js'
import { inLocale } from '../core/message.js'
import { SecretRegistry } from '../core/redact.js'
import { deploy, refuseInputs, type Dependencies } from '../deploy.js'
import { bashRunner } from '../execution/command-runner.js'
import { fetchProbe } from '../execution/health.js'
import { localConfirmation } from '../github/approval.js'
import { localRunContext, runKeyOf } from '../github/run-context.js'
import { reportFileTracker } from '../report/deployment-record.js'
import { redactReport } from '../report/redact-report.js'
import { renderTerminal } from '../report/terminal.js'
import { isSuccessfulRun } from '../report/model.js'
import { runInit } from './init-command.js'
import { INPUT, INPUTS, type CliOption, type InputName } from './inputs.js'
import { say } from './messages.js'
import { readSettings } from './settings.js'
import { projectLocaleOf, tempDirOf } from './wiring.js'

/** Options of the command line only, beside those of the input table. */
const OWN_OPTIONS: CliOption[] = [
  {
    option: 'confirm',
    kind: 'value',
    placeholder: '<name>',
    help: 'required for a real run: the environment name again, as authorization'
  },
  { option: 'verbose', kind: 'true', help: 'debug output' },
  { option: 'help', kind: 'true', help: 'this text' }
]

/** Inputs the command line fixes: locally there is no approval gate and no PR comment. */
const FIXED_INPUTS: Partial<Record<InputName, string>> = {
  [INPUT.comment]: 'false',
  [INPUT.requireApproval]: 'false'
}

const INPUT_OPTIONS = Object.values(INPUTS).flatMap(spec =>
  spec.cli ? [{ input: spec.name, ...spec.cli }] : []
)

const ALL_OPTIONS: CliOption[] = [...INPUT_OPTIONS, ...OWN_OPTIONS]

function usageLine(option: CliOption): string {
  const short = option.option === 'help' ? '-h, ' : ''
  const name = `${short}--${option.option}${option.placeholder ? ` ${option.placeholder}` : ''}`
  return `  ${name.padEnd(27)}${option.help}`
}

export const USAGE = `Usage: deploy-executor [options]
       deploy-executor init [--write]   draft the plan's front matter from its prose (init --help)

Runs the deployment step of an OpenLogos proposal from the project root (the folder holding logos/).

${ALL_OPTIONS.map(usageLine).join('\n')}
`

const PARSE_OPTIONS: ParseArgsConfig['options'] = Object.fromEntries(
  ALL_OPTIONS.map(option => [
    option.option,
    {
      type: option.kind === 'value' ? 'string' : 'boolean',
      ...(option.option === 'help' ? { short: 'h' } : {})
    } as const
  ])
)

type Values = Record<string, string | boolean | undefined>

export interface CliIo {
  argv: string[]
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  out: (text: string | Uint8Array) => void | Promise<void>
  err: (text: string) => void
  /** Aborted when the person presses Ctrl-C: the running step stops and the rollback runs. */
  signal?: AbortSignal
  /** Whether the output is a terminal that shows colours (and NO_COLOR is not set). */
  isColour?: boolean
}

/** Returns the process exit code: 0 deployed or dry run, 1 anything else, 2 bad usage. */
export async function runCli(io: CliIo): Promise<number> {
  if (io.argv[0] === 'init') return runInit({ ...io, argv: io.argv.slice(1) })
  let values: Values
  try {
    values = parseArgs({
      args: io.argv,
      options: PARSE_OPTIONS,
      allowPositionals: false,
      strict: true
    }).values
  } catch (error) {
    io.err(`deploy-executor: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values['help']) {
    await io.out(USAGE)
    return 0
  }
  const environment = text(values['environment'])
  const confirm = text(values['confirm'])
  const inputs = inputsOf(values)
  const locale = projectLocaleOf(name => inputs[name], io.cwd)
  if (!values['dry-run'] && confirm !== environment) {
    const refusal =
      confirm === undefined
        ? say.cli.needsConfirm(environment ?? '<environment>')
        : say.cli.confirmMismatch(confirm, environment ?? '')
    io.err(`${inLocale(refusal, locale)}\n`)
    return 2
  }
  const secrets = new SecretRegistry()
  const log = terminalLog(
    { out: io.out, err: io.err, isVerbose: values['verbose'] === true },
    secrets,
    locale
  )
  const context = localRunContext(io.cwd)
  const read = readSettings(name => inputs[name], io.cwd)
  if (!read.ok) {
    const refused = refuseInputs(read.errors, locale, { log, clock: systemClock, context })
    await io.out(`\n${renderTerminal(refused, refused.locale, { isColour: io.isColour ?? false })}`)
    return 1
  }
  const { settings } = read
  const deps: Dependencies = {
    log,
    clock: systemClock,
    secrets,
    context,
    env: io.env,
    tempDir: tempDirOf(io.env),
    runner: bashRunner({ tempDir: tempDirOf(io.env) }),
    probe: fetchProbe,
    gate: localConfirmation(confirm, io.env['USER'] ?? os.userInfo().username),
    tracker: reportFileTracker(settings.projectRoot, settings.reportPath),
    runKey: runKeyOf(context, Date.now()),
    signal: io.signal,
    rollbackOnCancel: true
  }
  const report = await deploy(settings, deps)
  const safe = redactReport(report, secrets)
  await io.out(`\n${renderTerminal(safe, safe.locale, { isColour: io.isColour ?? false })}`)
  const changed = report.projectChanges
  if (changed)
    await io.out(
      `\n${inLocale(say.cli.filesChanged, locale)}\n${[
        ...changed.written.map(file => `  ${file}`),
        ...changed.deleted.map(file => `  ${inLocale(say.cli.removed(file), locale)}`)
      ].join('\n')}\n`
    )
  return isSuccessfulRun(report) ? 0 : 1
}

/** The command line as action inputs, from the input table's options. */
function inputsOf(values: Values): Partial<Record<InputName, string>> {
  const inputs: Partial<Record<InputName, string>> = { ...FIXED_INPUTS }
  for (const option of INPUT_OPTIONS) {
    const value = values[option.option]
    if (option.kind === 'value') {
      if (typeof value === 'string') inputs[option.input] = value
    } else {
      // A flag given sets its value; absent, the input takes the other one.
      const isSet = value === true
      inputs[option.input] = String(option.kind === 'true' ? isSet : !isSet)
    }
  }
  return inputs
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}
