/**
 * "Verification passed", judged by the verify gate OpenLogos resolves (flow.ts): `fail_when` first,
 * then `done_when`, each a marker file of the proposal or a command. A dry run shows a command gate
 * and leaves it to the real run; a real run evaluates it, as `openlogos deploy-done` does.
 */
import { failed, passed, warned, type Check } from '../core/check.js'
import type { Message } from '../core/message.js'
import type { FlowResult, Predicate } from './flow.js'
import { say } from './messages.js'
import type { Proposal } from './proposal.js'

const TITLE = say.gateTitle

/** Runs a gate's command in the project root; passed means exit code 0 within the timeout. */
export type GateCommandRunner = (
  command: string,
  timeoutMs: number
) => Promise<{ isPassed: boolean; detail: Message }>

export async function checkVerifyGate(
  proposal: Proposal,
  flow: FlowResult,
  options: { isDryRun: boolean; runCommand: GateCommandRunner | undefined }
): Promise<Check> {
  if (flow.kind === 'invalid') return failed(TITLE, flow.problem, say.overlayFix)
  const { gate } = flow
  const evaluate = async (
    predicate: Predicate
  ): Promise<{ isMet: boolean; detail: Message } | { pending: Message }> => {
    if (predicate.kind === 'marker') {
      const isMet = proposal.markers[predicate.name] === 'present'
      const file = `${proposal.folder}/${predicate.name}`
      return { isMet, detail: isMet ? say.markerPresent(file) : say.markerAbsent(file) }
    }
    if (options.isDryRun || !options.runCommand)
      return { pending: say.commandPending(predicate.command, gate.source) }
    const result = await options.runCommand(predicate.command, gate.timeoutMs)
    return { isMet: result.isPassed, detail: say.commandResult(predicate.command, result.detail) }
  }
  const fix = say.gateFix
  if (gate.failWhen) {
    const failing = await evaluate(gate.failWhen)
    if ('pending' in failing) return warned(TITLE, say.failWhenPending(failing.pending), fix)
    if (failing.isMet) return failed(TITLE, say.failWhenMet(failing.detail), fix)
  }
  const done = await evaluate(gate.doneWhen)
  if ('pending' in done) return warned(TITLE, say.doneWhenPending(done.pending), fix)
  return done.isMet
    ? passed(TITLE, say.doneWhenMet(done.detail))
    : failed(TITLE, say.doneWhenNotMet(done.detail), fix)
}
