/**
 * What a run asks for, as the stages before execution need it: which project, proposal, plan,
 * environment and targets, in which mode. The action's Settings satisfy it; stage code depends on
 * this narrow shape rather than on the action's inputs.
 */
import type { Mode } from './deployment.js'
import type { TargetSelection } from './selection.js'

export interface RunRequest {
  /** Absolute path of the project root (the folder holding logos/). */
  projectRoot: string
  /** The report file, relative to the project root. */
  reportPath: string
  environment: string | undefined
  targets: TargetSelection
  mode: Mode
  isDryRun: boolean
  proposal: string | undefined
  plan: string | undefined
  /** The version to deploy as given; undefined for the commit's default. */
  version: string | undefined
  allowNoRollback: boolean
  redeploy: boolean
  stepTimeoutMs: number
}
