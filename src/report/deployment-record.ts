/**
 * The record of deployments: which version each environment runs, so that a run knows its rollback
 * point before anything changes, and leaves its own result behind. GitHub's deployments on a
 * runner (github/deployment-tracker.ts); the report file's entries locally.
 */
import { listOf, verbatim, type Message } from '../core/message.js'
import { lastSuccessfulDeployment, liveDeployments } from '../openlogos/report-file.js'
import type { Changes, Deployment, RollbackPoint } from '../plan/deployment.js'
import { say } from './messages.js'
import type { DeploymentStatus } from './model.js'

/** What a deployment record needs to know of the deployment it begins. */
export type DeploymentRequest = Pick<
  Deployment,
  'environment' | 'version' | 'sha' | 'ref' | 'proposal' | 'mode'
>

export type DeploymentStart =
  | {
      kind: 'started'
      deploymentId?: string
      /** True when this run created the deployment, and so must post its final status. */
      ownsDeployment?: boolean
      rollbackPoint?: RollbackPoint
      changes?: Changes
      /** Mode rollback: the live version replaced, and the one put back. */
      rollback?: RollbackChoice
      notes: Message[]
    }
  | { kind: 'refused'; problem: Message; fix: Message }

/** Mode rollback: which version is live, and which earlier one the rollback puts back. */
export interface RollbackChoice {
  current: RollbackPoint
  target: RollbackPoint
}

export type RollbackResolution =
  | ({ kind: 'found'; notes: Message[] } & RollbackChoice)
  | { kind: 'refused'; problem: Message; fix: Message }

/**
 * Picks the version a rollback on demand puts back, from the versions the environment ran (newest
 * first, the live one first): the one asked for, which must be an earlier one, else the newest
 * earlier version that differs from the live one.
 */
export function chooseRollback(
  live: RollbackPoint[],
  request: Pick<DeploymentRequest, 'environment' | 'version'>,
  source: Message
): RollbackResolution {
  const { environment, version: requested } = request
  const [current, ...earlier] = live
  if (!current) {
    return {
      kind: 'refused',
      problem: say.nothingToRollBack(environment, source),
      fix: say.nothingToRollBackFix
    }
  }
  const found = say.foundIn(source, listOf(live.map(item => item.version)))
  if (requested !== '' && requested === current.version) {
    return {
      kind: 'refused',
      problem: say.alreadyLive(requested, environment, found),
      fix: say.alreadyLiveFix
    }
  }
  const target =
    requested === ''
      ? earlier.find(item => item.version !== current.version)
      : earlier.find(item => item.version === requested)
  if (!target) {
    return {
      kind: 'refused',
      problem:
        requested === ''
          ? say.noEarlier(environment, current.version, found)
          : say.neverDeployed(requested, environment, current.version, found),
      fix: requested === '' ? say.noEarlierFix : say.neverDeployedFix
    }
  }
  return { kind: 'found', current, target, notes: [] }
}

export interface DeploymentTracker {
  /**
   * Finds the rollback point and opens the deployment's record. `onCreated` is told the id of a
   * record created outside the project (a GitHub deployment) before anything marks it in progress,
   * so that whoever finishes an interrupted run can close it.
   */
  begin: (
    request: DeploymentRequest,
    onCreated?: (deploymentId: number) => Promise<void>
  ) => Promise<DeploymentStart>
  /** Mode rollback, reading only: the live version, and the one a rollback would put back. */
  resolveRollback: (request: DeploymentRequest) => Promise<RollbackResolution>
  /** Returns a warning when the result could not be recorded. */
  finish: (outcome: {
    status: DeploymentStatus
    deployUrl?: string
    summary: string
  }) => Promise<Message | undefined>
}

/** Outside GitHub: the report file is the only record. */
export function reportFileTracker(root: string, reportPath: string): DeploymentTracker {
  const resolveRollback = (request: DeploymentRequest): Promise<RollbackResolution> => {
    const live = liveDeployments(root, reportPath, request.environment)
    return Promise.resolve(
      chooseRollback(
        live.map(record => ({ sha: record.sha ?? '', version: record.version })),
        request,
        verbatim(reportPath)
      )
    )
  }
  return {
    resolveRollback,
    begin: async request => {
      if (request.mode === 'rollback') {
        const choice = await resolveRollback(request)
        if (choice.kind === 'refused') return choice
        return {
          kind: 'started',
          rollbackPoint: choice.current,
          rollback: { current: choice.current, target: choice.target },
          notes: [
            say.fileRollback(
              reportPath,
              request.environment,
              choice.current.version,
              choice.target.version
            )
          ]
        }
      }
      const previous = lastSuccessfulDeployment(root, reportPath, request.environment)
      return {
        kind: 'started',
        rollbackPoint: previous
          ? { sha: previous.sha ?? '', version: previous.version }
          : undefined,
        notes: previous ? [say.filePoint(reportPath, previous.version)] : []
      }
    },
    finish: () => Promise.resolve(undefined)
  }
}
