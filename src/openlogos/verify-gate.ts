/**
 * "Verification passed", judged by the verify gate OpenLogos resolves (flow.ts): `fail_when` first,
 * then `done_when`, each a marker file of the proposal or a command. A dry run shows a command gate
 * and leaves it to the real run; a real run evaluates it, as `openlogos deploy-done` does.
 */
import { failed, passed, warned, type Check } from '../core/check.js'
import type { FlowResult, Predicate } from './flow.js'
import type { Proposal } from './proposal.js'

const TITLE = 'verification passed (the verify gate of the OpenLogos flow)'

/** Runs a gate's command in the project root; passed means exit code 0 within the timeout. */
export type GateCommandRunner = (
  command: string,
  timeoutMs: number
) => Promise<{ isPassed: boolean; detail: string }>

export async function checkVerifyGate(
  proposal: Proposal,
  flow: FlowResult,
  options: { isDryRun: boolean; runCommand: GateCommandRunner | undefined }
): Promise<Check> {
  if (flow.kind === 'invalid')
    return failed(TITLE, flow.problem, 'correct the overlay as the message says, or remove it')
  const { gate } = flow
  const evaluate = async (
    predicate: Predicate
  ): Promise<{ isMet: boolean; detail: string } | { pending: string }> => {
    if (predicate.kind === 'marker') {
      const isMet = proposal.markers[predicate.name] === 'present'
      return {
        isMet,
        detail: `${proposal.folder}/${predicate.name} is ${isMet ? 'present' : 'absent'}`
      }
    }
    if (options.isDryRun || !options.runCommand)
      return { pending: `\`cmd: ${predicate.command}\` (${gate.source}): a real run evaluates it` }
    const result = await options.runCommand(predicate.command, gate.timeoutMs)
    return { isMet: result.isPassed, detail: `\`cmd: ${predicate.command}\` ${result.detail}` }
  }
  const fix = 'run openlogos verify (or the gate the flow overlay names) until the proposal passes'
  if (gate.failWhen) {
    const failing = await evaluate(gate.failWhen)
    if ('pending' in failing) return warned(TITLE, `fail_when ${failing.pending}`, fix)
    if (failing.isMet) return failed(TITLE, `fail_when is met: ${failing.detail}`, fix)
  }
  const done = await evaluate(gate.doneWhen)
  if ('pending' in done) return warned(TITLE, `done_when ${done.pending}`, fix)
  return done.isMet
    ? passed(TITLE, `done_when is met: ${done.detail}`)
    : failed(TITLE, `done_when is not met: ${done.detail}`, fix)
}
