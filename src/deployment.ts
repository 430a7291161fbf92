/**
 * The record of deployments: which version each environment runs, so that a run knows its rollback
 * point before anything changes, and leaves its own result behind. GitHub's deployments on a
 * runner (github-deployment.ts); the report file's entries locally.
 */
import type { Commit } from './github-client.js'
import { lastSuccessfulDeployment } from './report-file.js'
import type { DeploymentStatus } from './report.js'

export interface DeploymentRequest {
  environment: string
  version: string
  sha: string
  ref: string
  proposal: string
  mode: string
}

export interface Changes {
  total: number
  commits: Commit[]
  compareUrl?: string
}

export type DeploymentStart =
  | {
      kind: 'started'
      deploymentId?: string
      /** True when this run created the deployment, and so must post its final status. */
      ownsDeployment?: boolean
      previous?: { sha: string; version: string }
      changes?: Changes
      notes: string[]
    }
  | { kind: 'refused'; problem: string; fix: string }

export interface DeploymentTracker {
  begin: (request: DeploymentRequest) => Promise<DeploymentStart>
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
        ...(previous ? { previous: { sha: previous.sha ?? '', version: previous.version } } : {}),
        notes: previous ? [`rollback point from ${reportPath}: version ${previous.version}`] : []
      }
    },
    finish: () => Promise.resolve(undefined)
  }
}
