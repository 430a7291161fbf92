/**
 * Text the action prints that it did not write can never be a workflow command, however it tries:
 * the runner splits lines on CR, LF and CRLF, trims leading white space, and also reads `##[`.
 */
import { describe, expect, it } from '@jest/globals'
import { verbatim } from '../../src/core/message.js'
import { actionsLog, type CoreLog } from '../../src/core/log.js'
import { SecretRegistry } from '../../src/core/redact.js'
import { holdsWorkflowCommand, inertForRunner } from '../../src/core/runner-text.js'

const ATTEMPTS = [
  '::warning title=PWNED::forged',
  'down\r::set-output name=status::success',
  'ok\r\n  ::add-mask::everything',
  'x\n\t::stop-commands::token',
  'prefix ##[set-output name=x;]y',
  '::error::a\r\r::save-state name=journal::/tmp/evil',
  '\u00a0::group::nbsp',
  '\u0085::group::next-line'
]

/** Stdout lines as the runner reads them, from what core.info wrote. */
function infoLines(message: string): string[] {
  const written: string[] = []
  const core: CoreLog = {
    info: text => void written.push(text),
    warning: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    startGroup: () => undefined,
    endGroup: () => undefined
  }
  actionsLog(core, new SecretRegistry(), () => undefined, 'en').info(verbatim(message))
  return written.join('\n').split(/\r\n|\r|\n/)
}

describe('inertForRunner', () => {
  it.each(ATTEMPTS)('leaves no workflow command in %j', attempt => {
    expect(holdsWorkflowCommand(attempt)).toBe(true)

    expect(holdsWorkflowCommand(inertForRunner(attempt))).toBe(false)
  })

  it('keeps ordinary text as it is, one line per line', () => {
    expect(inertForRunner('Deploying v2 to staging: ok\nnext')).toBe(
      'Deploying v2 to staging: ok\nnext'
    )
  })
})

describe("the action's log", () => {
  it.each(ATTEMPTS)('prints %j with no line the runner would act on', attempt => {
    expect(infoLines(`Environment: staging (${attempt})`).some(holdsWorkflowCommand)).toBe(false)
  })
})
