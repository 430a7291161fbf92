/**
 * The GitHub approval gate: proves from the API that a reviewer approved this run for this
 * environment. Fail-closed: anything that cannot be proven, an API error included, is a refusal.
 */
import {
  errorMessage,
  joinMessages,
  listOf,
  SEPARATOR,
  verbatim,
  type Message
} from '../core/message.js'
import type { Approval, ApprovalGate, GateDecision } from './approval.js'
import { explainApiError, type EnvironmentRules, type GitHubClient } from './client.js'
import { say } from './messages.js'
import type { RunContext } from './run-context.js'

export interface GateOptions {
  requireApproval: boolean
  requireDistinctApprover: boolean
}

/** Why this event may not deploy at all, whatever the approvals. */
export function eventProblem(context: RunContext): { problem: Message; fix: Message } | undefined {
  if (context.eventName === 'pull_request_target')
    return { problem: say.pullRequestTarget, fix: say.pullRequestTargetFix }
  if (context.eventName !== undefined && UNTRUSTED_CODE_EVENTS.has(context.eventName))
    return { problem: say.untrustedEvent(context.eventName), fix: say.untrustedEventFix }
  if (!context.repository) return { problem: say.noRepository, fix: say.noRepositoryFix }
  const isPullEvent =
    context.eventName === 'pull_request' || context.eventName === 'pull_request_review'
  const pull = context.event['pull_request'] as
    { head?: { repo?: { full_name?: string; fork?: boolean } | null } } | undefined
  if (isPullEvent && !pull)
    return { problem: say.noPullRequest(context.eventName ?? ''), fix: say.noPullRequestFix }
  if (!pull) return undefined
  const head = pull.head?.repo
  // Fail closed: a pull request whose head repository is unknown (deleted fork) is treated as one.
  if (head?.fork === true || !head?.full_name || head.full_name !== context.repository) {
    return {
      problem: say.fromFork(head?.full_name ? verbatim(head.full_name) : say.unknownFork),
      fix: say.fromForkFix
    }
  }
  return undefined
}

/** Events whose checked-out code is not the branch a reviewer approved for deployment. */
const UNTRUSTED_CODE_EVENTS = new Set([
  'issue_comment',
  'workflow_run',
  'pull_request_review_comment'
])

/** `client` is undefined when there is no token: then only a run that needs no approval may go on. */
export function githubApprovalGate(
  client: GitHubClient | undefined,
  context: RunContext,
  options: GateOptions
): ApprovalGate {
  return {
    authorize: async environment => {
      const forbidden = eventProblem(context)
      if (forbidden) return { kind: 'refused', ...forbidden }
      const actor = context.actor ? verbatim(`@${context.actor}`) : say.unknownActor
      if (!options.requireApproval)
        return { kind: 'approved', authorization: say.noApprovalNeeded(actor), approvals: [] }
      if (!client)
        return { kind: 'refused', problem: say.noToken(environment), fix: say.noTokenFix }
      try {
        return await proveApproval(client, context, options, environment, actor)
      } catch (error) {
        return {
          kind: 'refused',
          problem: say.notProven(environment, errorMessage(error)),
          fix: explainApiError(error, 'actions: read')
        }
      }
    }
  }
}

async function proveApproval(
  client: GitHubClient,
  context: RunContext,
  options: GateOptions,
  environment: string,
  actor: Message
): Promise<GateDecision> {
  const rules = await client.getEnvironment(environment)
  if (!rules) {
    const repository = context.repository ? verbatim(context.repository) : say.thisRepository
    return {
      kind: 'refused',
      problem: say.noEnvironment(environment, repository),
      fix: say.noEnvironmentFix(environment)
    }
  }
  const custom =
    rules.requiredReviewers.length > 0
      ? []
      : (await client.listCustomProtectionRules(environment)).filter(rule => rule.isEnabled)
  if (rules.requiredReviewers.length === 0 && custom.length === 0) {
    return {
      kind: 'refused',
      problem: say.noReviewers(environment),
      fix: say.noReviewersFix(environment)
    }
  }
  if (context.runId === undefined) {
    return { kind: 'refused', problem: say.noRunId, fix: say.inActionsFix }
  }
  const reviews = (await client.listRunApprovals(context.runId)).filter(review =>
    review.environments.includes(environment)
  )
  const approved = reviews.filter(review => review.state === 'approved')
  if (approved.length === 0) {
    const rejected = reviews.find(review => review.state === 'rejected')
    return {
      kind: 'refused',
      problem: rejected ? say.rejected(rejected.user, environment) : say.notApproved(environment),
      fix: say.notApprovedFix(environment)
    }
  }
  // On a re-run, the person who re-ran it is the triggering actor: neither may approve it alone.
  const starters = [context.actor, context.triggeringActor]
    .filter((login): login is string => Boolean(login))
    .map(login => login.toLowerCase())
  if (options.requireDistinctApprover && starters.length === 0)
    return { kind: 'refused', problem: say.noActor, fix: say.noActorFix }
  const distinct = approved.filter(review => !starters.includes(review.user.toLowerCase()))
  if (options.requireDistinctApprover && distinct.length === 0) {
    return {
      kind: 'refused',
      problem: say.selfApproved(listOf(approved.map(review => `@${review.user}`)), actor),
      fix: say.selfApprovedFix(environment)
    }
  }
  const approvals: Approval[] = approved.map(review => ({
    user: review.user,
    ...(review.comment ? { comment: review.comment } : {})
  }))
  return {
    kind: 'approved',
    authorization: describeAuthorization(
      approvals,
      rules,
      custom.map(rule => rule.app),
      environment,
      actor
    ),
    approvals
  }
}

function describeAuthorization(
  approvals: Approval[],
  rules: EnvironmentRules,
  customApps: string[],
  environment: string,
  actor: Message
): Message {
  const who = joinMessages(
    approvals.map(approval =>
      approval.comment
        ? say.approverSaying(approval.user, approval.comment)
        : verbatim(`@${approval.user}`)
    ),
    SEPARATOR.list
  )
  const reviewers = joinMessages(
    rules.requiredReviewers.map(reviewer =>
      reviewer.type === 'Team' ? say.team(reviewer.name) : verbatim(`@${reviewer.name}`)
    ),
    SEPARATOR.list
  )
  const required = say.reviewers(reviewers)
  const ruleText = [
    rules.requiredReviewers.length > 0
      ? rules.preventSelfReview
        ? say.selfReviewPrevented(required)
        : required
      : undefined,
    customApps.length > 0 ? say.customRule(listOf(customApps)) : undefined,
    rules.waitTimerMinutes > 0 ? say.waitTimer(rules.waitTimerMinutes) : undefined,
    rules.hasBranchPolicy ? say.branchPolicy : undefined
  ].filter((rule): rule is Message => rule !== undefined)
  return say.approvedBy(who, environment, joinMessages(ruleText, SEPARATOR.list), actor)
}
