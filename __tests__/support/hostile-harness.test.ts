/**
 * The hostile suite's own instruments must be able to fail: the runner's reading of a log finds
 * the commands it would act on, and the leak check finds a secret however it was escaped.
 */
import { describe, expect, it } from '@jest/globals'
import { inertForRunner } from '../../src/core/runner-text.js'
import { asRead, leakForms, SECRET } from './hostile.js'
import { COMMAND_PAYLOADS, commandsTheRunnerActsOn, forgedCommands } from './runner-log.js'

describe('the runner’s reading of a log', () => {
  it.each(COMMAND_PAYLOADS)('finds the forged command in %j', payload => {
    expect(forgedCommands(`plain text\n${payload}\n`)).toHaveLength(1)
  })

  it('ignores what stands between stop-commands and its token, and no more', () => {
    const log = '::stop-commands::t0k\n::warning::PWNED-hidden\n::t0k::\n::warning::PWNED-after\n'
    expect(commandsTheRunnerActsOn(log).map(command => command.message)).toEqual([
      't0k',
      'PWNED-after'
    ])
  })

  it.each(COMMAND_PAYLOADS)('finds nothing once the action made %j inert', payload => {
    expect(forgedCommands(inertForRunner(payload))).toEqual([])
  })
})

describe('the leak check', () => {
  it.each([
    ['as written', SECRET],
    ['Markdown-escaped', SECRET.replace(/([_*+/=])/g, '\\$1')],
    ['as HTML entities', SECRET.replace(/_/g, '&#95;').replace(/\*/g, '&#x2a;')],
    ['with invisible marks', SECRET.replace(/_/g, '_\u200b')],
    ['in base64 behind one byte', Buffer.from(`x${SECRET}y`).toString('base64')],
    ['cut in half', SECRET.slice(SECRET.length / 2 - 2)],
    ['URL-encoded', encodeURIComponent(SECRET)]
  ])('finds the secret %s', (_, text) => {
    const forms = leakForms(SECRET)
    expect(forms.some(form => text.includes(form) || asRead(text).includes(form))).toBe(true)
  })

  it('finds nothing in its redacted form', () => {
    const forms = leakForms(SECRET)
    expect(forms.filter(form => asRead('key: \\*\\*\\*').includes(form))).toEqual([])
  })
})
