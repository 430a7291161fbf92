/**
 * The human authorization a real run needs before anything changes. On GitHub it is the
 * environment's required reviewers; locally it is the person typing --confirm <environment>.
 */
export interface Approval {
  user: string
  comment?: string
}

export type GateDecision =
  | { kind: 'approved'; authorization: string; approvals: Approval[] }
  | { kind: 'refused'; problem: string; fix: string }

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
              authorization: `confirmed locally by ${user} with --confirm ${environment}; no GitHub approval gate`,
              approvals: []
            }
          : {
              kind: 'refused',
              problem: `a local deployment to '${environment}' needs --confirm ${environment}`,
              fix: `run again with --confirm ${environment} to authorize it, or use --dry-run`
            }
      )
  }
}
