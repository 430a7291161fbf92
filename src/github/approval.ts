/**
 * The human authorization a real run needs before anything changes. On GitHub it is the
 * environment's required reviewers; locally it is the person typing --confirm <environment>.
 */
import type { Message } from '../core/message.js'
import { say } from './messages.js'

export interface Approval {
  user: string
  comment?: string
}

export type GateDecision =
  | { kind: 'approved'; authorization: Message; approvals: Approval[] }
  | { kind: 'refused'; problem: Message; fix: Message }

export interface ApprovalGate {
  authorize: (environment: string) => Promise<GateDecision>
}

/** The CLI's gate: the environment name typed again on the command line. */
export function localConfirmation(
  confirmedEnvironment: string | undefined,
  user: string
): ApprovalGate {
  return {
    authorize: environment =>
      Promise.resolve(
        confirmedEnvironment === environment
          ? {
              kind: 'approved',
              authorization: say.confirmedLocally(user, environment),
              approvals: []
            }
          : {
              kind: 'refused',
              problem: say.needsConfirm(environment),
              fix: say.needsConfirmFix(environment)
            }
      )
  }
}
