/**
 * The runner's reading of a step's log, written here from its documented behaviour rather than
 * from the action's own code, so that a test can ask what the runner would act on. Lines split on
 * CR, LF and CRLF; leading white space trimmed; `::name props::message` anywhere at the start of
 * a line, `##[name props]message` anywhere in it (the older form); nothing between
 * `::stop-commands::TOKEN` and `::TOKEN::`.
 */

export interface RunnerCommand {
  name: string
  properties: string
  message: string
  line: string
}

/** .NET's String.TrimStart(): every Unicode white-space character, NEL included. */
const LEADING_SPACE = /^[\s\u0085\u180e]*/

export function commandsTheRunnerActsOn(log: string): RunnerCommand[] {
  const acted: RunnerCommand[] = []
  let stopToken: string | undefined
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.replace(LEADING_SPACE, '')
    const command = parseV2(line) ?? parseV1(line)
    if (!command) continue
    if (stopToken !== undefined) {
      if (command.name === stopToken) stopToken = undefined
      continue
    }
    if (command.name === 'stop-commands') stopToken = command.message
    acted.push(command)
  }
  return acted
}

function parseV2(line: string): RunnerCommand | undefined {
  if (!line.startsWith('::')) return undefined
  const end = line.indexOf('::', 2)
  if (end < 0) return undefined
  const info = line.slice(2, end)
  const space = info.indexOf(' ')
  return {
    name: space < 0 ? info : info.slice(0, space),
    properties: space < 0 ? '' : info.slice(space + 1),
    message: line.slice(end + 2),
    line
  }
}

function parseV1(line: string): RunnerCommand | undefined {
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const end = line.indexOf(']', start)
  if (end < 0) return undefined
  const info = line.slice(start + 3, end)
  const space = info.indexOf(' ')
  return {
    name: space < 0 ? info : info.slice(0, space),
    properties: space < 0 ? '' : info.slice(space + 1),
    message: line.slice(end + 1),
    line
  }
}

/**
 * The word every hostile payload carries right after its command (`::warning::PWNED`,
 * `::set-output name=PWNED::x`): a command the runner acts on that carries it first came from
 * untrusted text. The action's own commands may quote untrusted text, but never first.
 */
export const CANARY = 'PWNED'

export function forgedCommands(log: string): RunnerCommand[] {
  return commandsTheRunnerActsOn(log).filter(
    command =>
      command.name.includes(CANARY) ||
      command.message.startsWith(CANARY) ||
      command.properties.includes(`=${CANARY}`) ||
      command.properties.startsWith(CANARY)
  )
}

/** Workflow commands in every shape the runner reads, each carrying the canary. */
export const COMMAND_PAYLOADS = [
  `::warning::${CANARY}-warning`,
  `::error file=README.md,line=1::${CANARY}-error`,
  `::set-output name=${CANARY}::1`,
  `::add-mask::${CANARY}-mask`,
  `::stop-commands::${CANARY}`,
  `::group::${CANARY}-group`,
  `   ::notice::${CANARY}-indented`,
  `\u0085::debug::${CANARY}-nel`,
  `x\r::save-state name=${CANARY}::1`,
  `x\r\n::set-env name=${CANARY}::1`,
  `text ##[warning]${CANARY}-v1`,
  `##[set-output name=${CANARY};]1`
]
