/**
 * The deployment being made: built once, right after pre-flight, from the proposal, the plan and
 * the run's commit. The step environment, the GitHub deployment request, the journal and the report
 * are all derived from this one value; nothing copies its fields into a structure of its own.
 */

/**
 * deploy: the steps, then the health checks. canary: the canary phase first, then the promotion.
 * rollback: the plan's rollback steps on demand, putting back an earlier version, then the checks.
 */
export const MODES = ['deploy', 'canary', 'rollback'] as const
export type Mode = (typeof MODES)[number]

/** A commit of the changelog: the commits since the rollback point. */
export interface Commit {
  sha: string
  message: string
  author: string
}

export interface Changes {
  total: number
  commits: Commit[]
  compareUrl?: string
}

/** The last successful deployment to the environment: what a rollback goes back to. */
export interface RollbackPoint {
  sha: string
  version: string
}

export interface Deployment {
  /** The OpenLogos proposal slug, and its folder relative to the project root. */
  proposal: string
  proposalFolder: string
  environment: string
  targets: string[]
  mode: Mode
  isDryRun: boolean
  version: string
  /** The commit and full ref being deployed ('' outside git). */
  sha: string
  ref: string
  /** Known once the deployment record is begun (after the approval gate). */
  id?: string
  rollbackPoint?: RollbackPoint
  /** In mode rollback: the live version this run replaces (version and sha are the one put back). */
  rollbackFrom?: RollbackPoint
  changes?: Changes
}

/**
 * What a report knows of the deployment: all of it once pre-flight passed; a refusal may know
 * only some (no environment, no proposal).
 */
export type DeploymentFacts = Pick<Deployment, 'targets' | 'mode' | 'isDryRun' | 'version'> &
  Partial<Deployment>

/** The `version` input, else the tag for a tag ref, else the 7-character SHA. */
export function versionOf(input: string | undefined, sha?: string, ref?: string): string {
  if (input !== undefined) return input
  if (ref?.startsWith('refs/tags/')) return ref.slice('refs/tags/'.length)
  return sha ? sha.slice(0, 7) : 'local'
}
