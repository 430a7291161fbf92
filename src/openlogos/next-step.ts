/**
 * What OpenLogos does after a successful deployment: smoke test it, or go straight to archive.
 * Decided as the CLI's status and next decide it (0.13.24, flow-derive.ts and
 * proposal-lifecycle.ts): the proposal's `是否需要 smoke` answer when its deployment answer is read;
 * else the module's `deployment_gates.<module>.smoke_required`; and when neither says, whether the
 * project has smoke cases (any file under logos/resources/test/smoke/ but .gitkeep).
 */
import type { Proposal } from './proposal.js'

export function isSmokeNext(proposal: Proposal): boolean {
  const decided = proposal.decisions.asOpenLogosReads
  const answer = decided
    ? decided.isSmokeRequired
    : (proposal.project.gates[proposal.module]?.smoke_required ?? null)
  return answer ?? proposal.hasSmokeCases
}
