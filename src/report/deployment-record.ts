/**
 * The record of deployments: which version each environment runs, so that a run knows its rollback
 * point before anything changes, and leaves its own result behind. GitHub's deployments on a
 * runner (github/deployment-tracker.ts); the report file's entries locally.
 */
import { lastSuccessfulDeployment } from '../openlogos/report-file.js'
import type { Changes, Deployment, RollbackPoint } from '../plan/deployment.js'
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
      notes: string[]
    }
  | { kind: 'refused'; problem: string; fix: string }

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
  /** Returns a warning when the result could not be recorded. */
  finish: (outcome: {
    status: DeploymentStatus
    deployUrl?: string
    summary: string
  }) => Promise<string | undefined>
}

/** Outside GitHub: the report file is the only record. */
export function reportFileTracker(root: string, reportPath: string): DeploymentTracker {
  return {
    begin: async request => {
      const previous = await lastSuccessfulDeployment(root, reportPath, request.environment)
      return {
        kind: 'started',
        rollbackPoint: previous
          ? { sha: previous.sha ?? '', version: previous.version }
          : undefined,
        notes: previous ? [`rollback point from ${reportPath}: version ${previous.version}`] : []
      }
    },
    finish: () => Promise.resolve(undefined)
  }
}
