/**
 * GitHub deployments as the record: the deployment GitHub created for this job (or one we create),
 * the last successful deployment as the rollback point, the commits since as the changelog, and a
 * wait for another run still deploying the same environment.
 */
import type { Clock } from '../core/clock.js'
import type { Changes, RollbackPoint } from '../plan/deployment.js'
import {
  chooseRollback,
  type DeploymentRequest,
  type DeploymentStart,
  type DeploymentTracker,
  type RollbackResolution
} from '../report/deployment-record.js'
import { formatDuration } from '../core/duration.js'
import {
  explainApiError,
  type DeploymentInfo,
  type DeploymentState,
  type DeploymentStatusInfo,
  type GitHubClient
} from './client.js'
import type { Log } from '../core/log.js'
import { errorMessage, joinMessages, SEPARATOR, type Message } from '../core/message.js'
import { say } from './messages.js'
import { say as recordSay } from '../report/messages.js'
import type { DeploymentStatus } from '../report/model.js'
import type { RunContext } from './run-context.js'

/** Whether a run uses GitHub's deployment of its job, creates its own, or keeps no GitHub deployment. */
export const GITHUB_DEPLOYMENT_MODES = ['auto', 'create', 'off'] as const
export type DeploymentMode = (typeof GITHUB_DEPLOYMENT_MODES)[number]

export interface GitHubTrackerOptions {
  mode: DeploymentMode
  /** How long to wait for another run's deployment of the environment to finish. */
  waitTimeoutMs: number
  pollIntervalMs?: number
  /** Aborted on cancellation: the wait for another run stops at once. */
  signal?: AbortSignal
  /** Where the previous version comes from when GitHub has none (the report file). */
  fallback: DeploymentTracker
  /** A deployment this run created in an earlier step (the post step finishing the main step's run). */
  ownedDeploymentId?: number
}

const ACTIVE_STATES = new Set(['in_progress', 'queued', 'pending'])
/** A deployment left "in progress" for longer than this was abandoned, not running. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000
/**
 * Starts the description of every final status the action posts. GitHub marks a job's
 * deployment `success` itself when the job succeeds, dry run or not; only a deployment carrying
 * this mark on a `success` status was recorded by a real run of the action.
 */
export const RECORDED_BY = '[deploy-executor]'
/** Opens the description of the inactive status a rollback on demand gives the deployment it replaced. */
const REPLACED_BY = `${RECORDED_BY} replaced by`
/**
 * How many deployments, newest first, are looked into for the live one (one request each, and the
 * walk stops at the first deployment the action recorded): a success behind this many failed or
 * foreign deployments is still found; beyond it the report says how far it looked.
 */
const HISTORY_LOOKUPS = 100

export function githubDeploymentTracker(
  client: GitHubClient,
  context: RunContext,
  clock: Clock,
  log: Log,
  options: GitHubTrackerOptions
): DeploymentTracker {
  let created: number | undefined = options.ownedDeploymentId
  /** Mode rollback: the live deployment this run replaces, set inactive once it succeeded. */
  let replaced: { id: number; by: string } | undefined
  const runMarker = context.runId === undefined ? undefined : `/actions/runs/${context.runId}`
  return {
    resolveRollback: async request => {
      if (options.mode === 'off') return options.fallback.resolveRollback(request)
      try {
        return await resolveRollback(request, [])
      } catch (error) {
        return {
          kind: 'refused',
          problem: say.deploymentsUnread(request.environment, errorMessage(error)),
          fix: explainApiError(error, 'deployments: read')
        }
      }
    },
    begin: async (request, onCreated) => {
      if (options.mode === 'off') return options.fallback.begin(request)
      try {
        if (request.mode === 'rollback') return await beginRollback(request, onCreated)
        return await begin(request, onCreated)
      } catch (error) {
        const problem = say.deploymentUnmade(request.environment, errorMessage(error))
        await abandon()
        return { kind: 'refused', problem, fix: explainApiError(error, 'deployments: write') }
      }
    },
    finish: async outcome => {
      if (created === undefined) return undefined
      try {
        await client.createDeploymentStatus(created, {
          state: finalState(outcome.status),
          description: `${RECORDED_BY} ${outcome.summary}`,
          ...(outcome.deployUrl ? { environmentUrl: outcome.deployUrl } : {}),
          ...(context.runUrl ? { logUrl: context.runUrl } : {})
        })
      } catch (error) {
        return say.markFailed(created, outcome.status, explainApiError(error, 'deployments: write'))
      }
      if (outcome.status !== 'success' || replaced === undefined) return undefined
      try {
        await client.createDeploymentStatus(replaced.id, {
          state: 'inactive',
          description: `${REPLACED_BY} ${replaced.by}`,
          ...(context.runUrl ? { logUrl: context.runUrl } : {})
        })
        return undefined
      } catch (error) {
        return say.inactiveFailed(replaced.id, explainApiError(error, 'deployments: write'))
      }
    }
  }

  /** Mode rollback: a deployment of the version put back, recorded like any other. */
  async function beginRollback(
    request: DeploymentRequest,
    onCreated?: (deploymentId: number) => Promise<void>
  ): Promise<DeploymentStart> {
    const notes: Message[] = []
    const choice = await resolveRollback(request, notes)
    if (choice.kind === 'refused') return choice
    const { current, target } = choice
    const deployment = await client.createDeployment({
      ref: target.sha || request.ref,
      environment: request.environment,
      payload: {
        proposal: request.proposal,
        version: target.version,
        mode: 'rollback',
        replaces: current.version,
        tool: 'deploy-executor'
      },
      description: `rollback to ${target.version}, replacing ${current.version} (deploy-executor)`
    })
    created = deployment.id
    if (choice.currentId !== undefined)
      replaced = { id: choice.currentId, by: `a rollback to ${target.version}` }
    await onCreated?.(deployment.id)
    await client.createDeploymentStatus(deployment.id, {
      state: 'in_progress',
      description: `putting back ${target.version}`,
      ...(context.runUrl ? { logUrl: context.runUrl } : {})
    })
    notes.push(...choice.notes, say.rollbackCreated(deployment.id, target.version, current.version))
    return {
      kind: 'started',
      deploymentId: String(deployment.id),
      ownsDeployment: true,
      rollbackPoint: current,
      rollback: { current, target },
      notes
    }
  }

  /**
   * The live version and the one to put back, from GitHub's deployments (the job's own left out);
   * a version asked for that GitHub's list no longer reaches may come from the report file.
   */
  async function resolveRollback(
    request: DeploymentRequest,
    notes: Message[]
  ): Promise<RollbackResolution & { currentId?: number }> {
    const deployments = await client.listDeployments(request.environment)
    const job =
      options.mode === 'auto' ? await findJobDeployment(deployments, context.sha ?? '') : undefined
    const others = deployments.filter(deployment => deployment.id !== job?.id)
    const history = await readHistory(
      others,
      request.environment,
      notes,
      live => chooseRollback(live.map(pointOf), request, say.lastDeployments(0)).kind === 'found'
    )
    if (history.kind === 'refused') return history
    const source = say.lastDeployments(Math.min(others.length, HISTORY_LOOKUPS))
    const choice = chooseRollback(history.live.map(pointOf), request, source)
    const currentId = history.live[0]?.id
    if (choice.kind === 'found') return { ...choice, notes: [...notes], currentId }
    if (history.live.length === 0) return options.fallback.resolveRollback(request)
    const current = pointOf(history.live[0] as DeploymentInfo)
    if (request.version !== '' && request.version !== current.version) {
      const fromFile = await options.fallback.resolveRollback(request)
      if (fromFile.kind === 'found' && fromFile.target.version === request.version) {
        return {
          kind: 'found',
          current,
          target: fromFile.target,
          notes: [...notes, say.versionInReportFile(request.version)],
          currentId
        }
      }
    }
    // Why a version was passed over belongs with the refusal: a reader asked for it.
    return choice.kind === 'refused' && notes.length > 0
      ? {
          ...choice,
          problem: recordSay.withNotes(choice.problem, joinMessages(notes, SEPARATOR.clause))
        }
      : choice
  }

  /**
   * A deployment this run created and then could not start is closed at once, so that it does not
   * hold the next run waiting. When the run was cancelled no request can go out any more: the
   * journal knows the deployment, and the post step closes it.
   */
  async function abandon(): Promise<void> {
    const id = created
    if (id === undefined || options.signal?.aborted) return
    try {
      await client.createDeploymentStatus(id, {
        state: 'error',
        description: `${RECORDED_BY} not started: the run stopped before its first step`,
        ...(context.runUrl ? { logUrl: context.runUrl } : {})
      })
      created = undefined
    } catch (error) {
      log.warning(say.notClosed(id, errorMessage(error)))
    }
  }

  async function begin(
    request: DeploymentRequest,
    onCreated?: (deploymentId: number) => Promise<void>
  ): Promise<DeploymentStart> {
    const notes: Message[] = []
    const deployments = await client.listDeployments(request.environment)
    const ours =
      options.mode === 'auto' ? await findJobDeployment(deployments, request.sha) : undefined
    const others = deployments.filter(deployment => deployment.id !== ours?.id)
    const history = await readHistory(others, request.environment, notes, live => live.length > 0)
    if (history.kind === 'refused') return history
    let deploymentId: number
    if (ours) {
      deploymentId = ours.id
      notes.push(say.jobDeployment(ours.id))
    } else {
      const deployment = await client.createDeployment({
        ref: request.sha || request.ref,
        environment: request.environment,
        payload: {
          proposal: request.proposal,
          version: request.version,
          mode: request.mode,
          tool: 'deploy-executor'
        },
        description: `${request.proposal} ${request.version} (deploy-executor)`
      })
      created = deployment.id
      deploymentId = deployment.id
      await onCreated?.(deployment.id)
      await client.createDeploymentStatus(deployment.id, {
        state: 'in_progress',
        description: `deploying ${request.version}`,
        ...(context.runUrl ? { logUrl: context.runUrl } : {})
      })
      notes.push(say.created(deployment.id))
    }
    const previous = history.live[0] ? pointOf(history.live[0]) : undefined
    if (!previous) {
      const fallback = await options.fallback.begin(request)
      if (fallback.kind === 'started' && fallback.rollbackPoint) {
        return {
          ...fallback,
          deploymentId: String(deploymentId),
          ownsDeployment: created !== undefined,
          notes: [...notes, ...fallback.notes]
        }
      }
    }
    const changes =
      previous && previous.sha && previous.sha !== request.sha
        ? await changesSince(previous.sha, request.sha)
        : undefined
    return {
      kind: 'started',
      deploymentId: String(deploymentId),
      ownsDeployment: created !== undefined,
      rollbackPoint: previous,
      changes,
      notes
    }
  }

  /** The deployment GitHub made for this job: same commit, newest, with a status pointing at this run. */
  async function findJobDeployment(
    deployments: DeploymentInfo[],
    sha: string
  ): Promise<DeploymentInfo | undefined> {
    const candidate = deployments.find(deployment => deployment.sha === sha)
    if (!candidate || !runMarker) return undefined
    const statuses = await client.listDeploymentStatuses(candidate.id)
    return statuses.some(status => status.logUrl.includes(runMarker)) ? candidate : undefined
  }

  /**
   * Walks back from the newest deployment: waits for one still running, then gathers the
   * deployments a real run of the action marked successful, newest first, until `isEnough`.
   */
  async function readHistory(
    others: DeploymentInfo[],
    environment: string,
    notes: Message[],
    isEnough: (live: DeploymentInfo[]) => boolean
  ): Promise<
    { kind: 'read'; live: DeploymentInfo[] } | { kind: 'refused'; problem: Message; fix: Message }
  > {
    const live: DeploymentInfo[] = []
    for (const [index, deployment] of others.slice(0, HISTORY_LOOKUPS).entries()) {
      let statuses = await client.listDeploymentStatuses(deployment.id)
      let state = statuses[0]?.state ?? 'pending'
      const isRecent = isRecentDeployment(deployment.createdAt, clock.now())
      if (index === 0 && ACTIVE_STATES.has(state) && isRecent) {
        state = await waitForOther(deployment, environment, notes)
        statuses = await client.listDeploymentStatuses(deployment.id)
        if (ACTIVE_STATES.has(state)) {
          return {
            kind: 'refused',
            problem: say.stillDeploying(
              environment,
              deployment.id,
              state,
              formatDuration(options.waitTimeoutMs)
            ),
            fix: say.stillDeployingFix(environment)
          }
        }
      }
      // A success GitHub posted by itself sets the older deployments inactive: look past it.
      if (state !== 'success' && state !== 'inactive') continue
      if (wasReplaced(statuses)) {
        notes.push(say.replacedByRollback(deployment.id, versionOf(deployment)))
        continue
      }
      if (wasRecordedByUs(statuses)) {
        live.push(deployment)
        if (isEnough(live)) break
        continue
      }
      if (state === 'success') notes.push(say.notOurs(deployment.id))
    }
    if (live.length === 0 && others.length > HISTORY_LOOKUPS)
      log.warning(say.notLookedFurther(HISTORY_LOOKUPS, others.length, environment))
    return { kind: 'read', live }
  }

  async function waitForOther(
    deployment: DeploymentInfo,
    environment: string,
    notes: Message[]
  ): Promise<string> {
    const pollMs = options.pollIntervalMs ?? 10_000
    const deadline = clock.now() + options.waitTimeoutMs
    let state = 'in_progress'
    log.warning(say.waiting(environment, deployment.id, formatDuration(options.waitTimeoutMs)))
    while (clock.now() < deadline) {
      await clock.sleep(Math.min(pollMs, deadline - clock.now()), options.signal)
      if (options.signal?.aborted) break
      state = await latestState(deployment.id)
      if (!ACTIVE_STATES.has(state)) break
      log.info(say.stillWaiting(state))
    }
    notes.push(say.waited(deployment.id, state))
    return state
  }

  /** Only a run of this action that deployed for real marks a deployment `success` with its mark. */
  function wasRecordedByUs(statuses: DeploymentStatusInfo[]): boolean {
    return statuses.some(
      status => status.state === 'success' && status.description.startsWith(RECORDED_BY)
    )
  }

  /** A rollback on demand set this deployment inactive: its version was found bad. */
  function wasReplaced(statuses: DeploymentStatusInfo[]): boolean {
    return statuses.some(
      status => status.state === 'inactive' && status.description.startsWith(REPLACED_BY)
    )
  }

  async function latestState(id: number): Promise<string> {
    return (await client.listDeploymentStatuses(id))[0]?.state ?? 'pending'
  }

  async function changesSince(base: string, head: string): Promise<Changes | undefined> {
    try {
      const compared = await client.compareCommits(base, head)
      return {
        ...compared,
        ...(context.repository
          ? {
              compareUrl: `${context.runUrl?.split('/actions/')[0] ?? `https://github.com/${context.repository}`}/compare/${base.slice(0, 12)}...${head.slice(0, 12)}`
            }
          : {})
      }
    } catch (error) {
      log.warning(say.commitsUnlisted(base.slice(0, 7), explainApiError(error, 'contents: read')))
      return undefined
    }
  }
}

function pointOf(deployment: DeploymentInfo): RollbackPoint {
  return { sha: deployment.sha, version: versionOf(deployment) }
}

function versionOf(deployment: DeploymentInfo): string {
  const version = deployment.payload['version']
  return typeof version === 'string' && version !== '' ? version : deployment.sha.slice(0, 7)
}

function finalState(status: DeploymentStatus): DeploymentState {
  switch (status) {
    case 'success':
      return 'success'
    case 'cancelled':
      return 'error'
    // Refused after the deployment was opened (a metric baseline): it never started.
    case 'refused':
      return 'error'
    default:
      return 'failure'
  }
}

/**
 * A deployment is stale once it is older than STALE_AFTER_MS; a creation time that cannot be
 * read (missing, garbage, in the future) counts as recent, so the action waits rather than
 * deploying over a run it cannot date.
 */
export function isRecentDeployment(createdAt: string, now: number): boolean {
  const created = Date.parse(createdAt)
  if (!Number.isFinite(created) || created > now) return true
  return now - created < STALE_AFTER_MS
}
