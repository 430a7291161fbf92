/**
 * The verify gate of a project's OpenLogos flow overlay (logos/flow/launched.yaml), resolved and
 * judged as OpenLogos 0.13.24 does (commit 99c8fb9): each overlay below mirrors one run of that CLI.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { verbatim } from '../../src/core/message.js'
import { checkVerifyGate } from '../../src/openlogos/verify-gate.js'
import { resolveVerifyGate } from '../../src/openlogos/flow.js'
import { readProposal } from '../../src/openlogos/proposal.js'
import { inEnglish } from '../support/english.js'
import { CHANGE, makeProject, SLUG, type Project } from '../support/project.js'

let project: Project

afterEach(async () => {
  await project.cleanup()
})

const OVERLAY = 'logos/flow/launched.yaml'
const LOOP_OFF = '  - op: set-loop\n    subflow: implement\n    set: { max_iters: 1 }\n'
const modify = (set: string): string =>
  `extends: builtin:launched\noverlay:\n  - op: modify\n    target: verify\n    set: ${set}\n`

async function judge(
  files: Record<string, string | null>,
  options: { isDryRun?: boolean; markers?: string[]; exitCode?: number } = {}
) {
  project = await makeProject({ files, markers: options.markers ?? [] })
  const proposal = readProposal(project.root, SLUG)
  const commands: { command: string; timeoutMs: number }[] = []
  const check = await checkVerifyGate(proposal, proposal.verifyFlow, {
    isDryRun: options.isDryRun ?? false,
    runCommand: (command, timeoutMs) => {
      commands.push({ command, timeoutMs })
      const isPassed = (options.exitCode ?? 0) === 0
      return Promise.resolve({
        isPassed,
        detail: verbatim(`exited with ${options.exitCode ?? 0}`)
      })
    }
  })
  return { check: inEnglish(check), commands }
}

describe('the verify gate', () => {
  it('is VERIFY_PASS / VERIFY_FAIL without an overlay', async () => {
    project = await makeProject()

    expect(resolveVerifyGate(project.root)).toMatchObject({
      kind: 'ok',
      gate: { doneWhen: { kind: 'marker', name: 'VERIFY_PASS' }, source: 'builtin' }
    })
  })

  it('follows a marker the overlay names instead of VERIFY_PASS', async () => {
    const { check } = await judge({
      [OVERLAY]: modify('{ done_when: "marker:CUSTOM_VERIFY_OK" }'),
      [`${CHANGE}/CUSTOM_VERIFY_OK`]: ''
    })

    expect(check).toMatchObject({
      status: 'passed',
      detail: expect.stringContaining('CUSTOM_VERIFY_OK is present')
    })
  })

  it.each([
    [0, 'passed'],
    [1, 'failed']
  ])('runs a cmd: gate in a real run (exit %p: %s), with its timeout', async (exitCode, status) => {
    const { check, commands } = await judge(
      {
        [OVERLAY]:
          modify('{ done_when: "cmd: ./scripts/verify.sh", cmd_timeout_seconds: 5 }') + LOOP_OFF
      },
      { exitCode }
    )

    expect(check.status).toBe(status)
    expect(commands).toEqual([{ command: './scripts/verify.sh', timeoutMs: 5_000 }])
  })

  it("takes the project's cmd timeout, else 60 seconds", async () => {
    const project60 = await judge({ [OVERLAY]: modify('{ done_when: "cmd: true" }') + LOOP_OFF })
    await project.cleanup()
    const fromConfig = await judge({
      [OVERLAY]: modify('{ done_when: "cmd: true" }') + LOOP_OFF,
      'logos/logos.config.json': '{"name":"demo","locale":"en","flow":{"cmd_timeout_seconds":7}}'
    })

    expect(project60.commands[0]?.timeoutMs).toBe(60_000)
    expect(fromConfig.commands[0]?.timeoutMs).toBe(7_000)
  })

  it('shows a cmd: gate in a dry run and leaves it to the real run', async () => {
    const { check, commands } = await judge(
      { [OVERLAY]: modify('{ done_when: "cmd: ./scripts/verify.sh" }') + LOOP_OFF },
      { isDryRun: true }
    )

    expect(check.status).toBe('warning')
    expect(check.detail).toContain(
      '`cmd: ./scripts/verify.sh` (logos/flow/launched.yaml): a real run evaluates it'
    )
    expect(commands).toEqual([])
  })

  it('judges fail_when first', async () => {
    const { check } = await judge(
      { [OVERLAY]: modify('{ fail_when: "cmd: exit 0" }') + LOOP_OFF },
      { markers: ['VERIFY_PASS'] }
    )

    expect(check).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('fail_when is met')
    })
  })

  it.each([
    ['YAML that does not parse', 'overlay: [', 'does not parse'],
    [
      'a cmd: gate with the implement loop on',
      modify('{ done_when: "cmd: true" }'),
      'implement loop off'
    ],
    ['a predicate of another kind', modify('{ done_when: "file:logos/X" }'), "not 'file:logos/X'"],
    ['an empty command', modify('{ done_when: "cmd:   " }') + LOOP_OFF, 'empty cmd: command'],
    [
      'both fields as commands',
      modify('{ done_when: "cmd: a", fail_when: "cmd: b" }') + LOOP_OFF,
      'both done_when and fail_when'
    ],
    ['another baseline', 'extends: builtin:initial\n', 'not the launched flow'],
    [
      'an unknown target',
      'overlay:\n  - op: modify\n    target: verify-x\n    set: { a: 1 }\n',
      "targets 'verify-x'"
    ],
    ['an unknown operation', 'overlay:\n  - op: replace\n    target: verify\n', "op 'replace'"],
    [
      'a zero timeout',
      modify('{ done_when: "cmd: true", cmd_timeout_seconds: 0 }') + LOOP_OFF,
      'whole number ≥ 1'
    ]
  ])('refuses %s, as OpenLogos does (FLOW_SCHEMA_INVALID)', async (_, overlay, reason) => {
    const { check, commands } = await judge({ [OVERLAY]: overlay }, { markers: ['VERIFY_PASS'] })

    expect(check).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('FLOW_SCHEMA_INVALID')
    })
    expect(check.detail).toContain(reason)
    expect(commands).toEqual([])
  })
})
