/**
 * The GitHub approval gate: proves from the API that a reviewer approved this run for this
 * environment. Fail-closed: anything that cannot be proven, an API error included, is a refusal.
 */
import type { Approval, ApprovalGate, GateDecision } from './approval.js'
import { explainApiError, type EnvironmentRules, type GitHubClient } from './client.js'
import type { RunContext } from './run-context.js'

export interface GateOptions {
  requireApproval: boolean
  requireDistinctApprover: boolean
}

/** Why this event may not deploy at all, whatever the approvals. */
export function eventProblem(context: RunContext): { problem: string; fix: string } | undefined {
  if (context.eventName === 'pull_request_target') {
    return {
      problem:
        'the run was triggered by pull_request_target, which runs with secrets and a write token on code a pull request proposes',
      fix: 'deploy from push, workflow_dispatch or a release event instead; pull_request_target is refused for real deployments'
    }
  }
  if (context.eventName !== undefined && UNTRUSTED_CODE_EVENTS.has(context.eventName)) {
    return {
      problem: `the run was triggered by ${context.eventName}, whose checked-out code may come from elsewhere than the branch being deployed`,
      fix: 'deploy from push, workflow_dispatch or a release event instead'
    }
  }
  if (!context.repository)
    return {
      problem: 'GITHUB_REPOSITORY is empty: the run cannot tell whose code it deploys',
      fix: 'run the action on a GitHub runner, where GITHUB_REPOSITORY names the repository'
    }
  const isPullEvent =
    context.eventName === 'pull_request' || context.eventName === 'pull_request_review'
  const pull = context.event['pull_request'] as
    { head?: { repo?: { full_name?: string; fork?: boolean } | null } } | undefined
  if (isPullEvent && !pull)
    return {
      problem: `the ${context.eventName ?? ''} event carries no pull request: the run cannot tell whether its code comes from a fork`,
      fix: "deploy from push or workflow_dispatch, or check that the event file is the runner's"
    }
  if (!pull) return undefined
  const head = pull.head?.repo
  // Fail closed: a pull request whose head repository is unknown (deleted fork) is treated as one.
  if (head?.fork === true || !head?.full_name || head.full_name !== context.repository) {
    return {
      problem: `the pull request comes from a fork (${head?.full_name ?? 'an unknown or deleted repository'}): its code must not be deployed with this repository's credentials`,
      fix: 'merge the change, or push it to a branch of this repository, then deploy from there'
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
      const actor = context.actor ? `@${context.actor}` : 'an unknown actor'
      if (!options.requireApproval) {
        return {
          kind: 'approved',
          authorization: `no human approval: require-approval is false; run started by ${actor}`,
          approvals: []
        }
      }
      if (!client) {
        return {
          kind: 'refused',
          problem: `github-token is empty, so nothing can prove that '${environment}' was approved`,
          fix: 'leave github-token at its default (${{ github.token }}) with permissions actions: read and deployments: write'
        }
      }
      try {
        return await proveApproval(client, context, options, environment, actor)
      } catch (error) {
        return {
          kind: 'refused',
          problem: `could not prove that '${environment}' was approved for this run (${(error as Error).message})`,
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
  actor: string
): Promise<GateDecision> {
  const rules = await client.getEnvironment(environment)
  if (!rules) {
    return {
      kind: 'refused',
      problem: `environment '${environment}' does not exist in ${context.repository ?? 'this repository'}: the job is not gated by it`,
      fix: `add 'environment: ${environment}' to the deploying job and give the environment required reviewers (Settings > Environments > ${environment})`
    }
  }
  const custom =
    rules.requiredReviewers.length > 0
      ? []
      : (await client.listCustomProtectionRules(environment)).filter(rule => rule.isEnabled)
  if (rules.requiredReviewers.length === 0 && custom.length === 0) {
    return {
      kind: 'refused',
      problem: `environment '${environment}' has no required reviewers, so nothing proves a person approved this deployment`,
      fix: `add reviewers under Settings > Environments > ${environment} > Required reviewers, or set require-approval: false to deploy without one`
    }
  }
  if (context.runId === undefined) {
    return {
      kind: 'refused',
      problem: 'GITHUB_RUN_ID is not set, so the approvals of this run cannot be read',
      fix: 'run the action in a GitHub Actions job'
    }
  }
  const reviews = (await client.listRunApprovals(context.runId)).filter(review =>
    review.environments.includes(environment)
  )
  const approved = reviews.filter(review => review.state === 'approved')
  if (approved.length === 0) {
    const rejected = reviews.find(review => review.state === 'rejected')
    return {
      kind: 'refused',
      problem: rejected
        ? `@${rejected.user} rejected the deployment to '${environment}'`
        : `no reviewer approved this run for '${environment}': the job does not declare 'environment: ${environment}', or an administrator bypassed the review`,
      fix: `declare 'environment: ${environment}' on the deploying job so that a required reviewer approves the run before it starts`
    }
  }
  // On a re-run, the person who re-ran it is the triggering actor: neither may approve it alone.
  const starters = [context.actor, context.triggeringActor]
    .filter((login): login is string => Boolean(login))
    .map(login => login.toLowerCase())
  if (options.requireDistinctApprover && starters.length === 0)
    return {
      kind: 'refused',
      problem:
        'GITHUB_ACTOR is empty, so require-distinct-approver cannot tell the approver from the person who started the run',
      fix: 'run the action in a GitHub Actions job, where GITHUB_ACTOR is set'
    }
  const distinct = approved.filter(review => !starters.includes(review.user.toLowerCase()))
  if (options.requireDistinctApprover && distinct.length === 0) {
    return {
      kind: 'refused',
      problem: `the only approver (${approved.map(review => `@${review.user}`).join(', ')}) is ${actor}, who started the run; require-distinct-approver is on`,
      fix: `ask another reviewer of '${environment}' to approve, or enable "Prevent self-review" on the environment`
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
  actor: string
): string {
  const who = approvals
    .map(approval => `@${approval.user}${approval.comment ? ` ("${approval.comment}")` : ''}`)
    .join(', ')
  const ruleText = [
    rules.requiredReviewers.length > 0
      ? `required reviewers ${rules.requiredReviewers.map(reviewer => (reviewer.type === 'Team' ? `team ${reviewer.name}` : `@${reviewer.name}`)).join(', ')}${rules.preventSelfReview ? ' (self-review prevented)' : ''}`
      : '',
    customApps.length > 0 ? `custom protection rule ${customApps.join(', ')}` : '',
    rules.waitTimerMinutes > 0 ? `wait timer ${rules.waitTimerMinutes}m` : '',
    rules.hasBranchPolicy ? 'branch policy' : ''
  ].filter(Boolean)
  return `approved by ${who} for ${environment}; rules: ${ruleText.join(', ')}; run started by ${actor}`
}
