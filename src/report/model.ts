/** The deployment report: one value describing a run, rendered for every sink by report-markdown.ts. */
import type { Check } from '../core/check.js'
import type { Locale, Message } from '../core/message.js'
import type { DeploymentFacts } from '../plan/deployment.js'
import type { RunPlan } from '../plan/run-plan.js'

export type DeploymentStatus =
  'success' | 'failure' | 'rolled-back' | 'cancelled' | 'refused' | 'dry-run'

/** Statuses after which the action's step succeeds. */
export const SUCCESSFUL_STATUSES: readonly DeploymentStatus[] = ['success', 'dry-run']

/** Whether the run did what it was asked: deployed, previewed, or (mode rollback) rolled back. */
export function isSuccessfulRun(report: Pick<DeploymentReport, 'status' | 'deployment'>): boolean {
  return (
    SUCCESSFUL_STATUSES.includes(report.status) ||
    (report.deployment.mode === 'rollback' && report.status === 'rolled-back')
  )
}

export type StepStatus = 'succeeded' | 'failed' | 'timed-out' | 'cancelled' | 'skipped'

export interface StepRecord {
  id: string
  name: string
  target?: string
  phase: 'canary' | 'deploy' | 'rollback'
  status: StepStatus
  startedAt?: string
  durationMs: number
  exitCode?: number
  signal?: string
  /** Why a skipped step did not run, or what went wrong. */
  note?: Message
  /** The end of the step's output, bounded. */
  outputTail?: string
  /** For a step's own rollback: the id of the step it undoes. */
  undoes?: string
  /** DEPLOY_CANARY_WEIGHT it ran with (canary increments and their promotion). */
  weight?: number
  outputs: Record<string, string>
}

export interface HealthRecord {
  name: string
  kind: 'http' | 'command'
  phase: 'canary' | 'deploy'
  startedAt?: string
  isHealthy: boolean
  probes: number
  failures: number
  /** The last answer, healthy or not: `HTTP 200`, `exit code 1: ...`. */
  lastStatus?: Message
  lastError?: Message
  durationMs: number
  /** DEPLOY_CANARY_WEIGHT it judged (canary increments and their promotion). */
  weight?: number
  /** A metric check: the bounds, the baseline and the samples. */
  metric?: MetricRecord
  /** A per-target check: the target it judged. */
  target?: string
}

/**
 * Where a target of per-target steps stands: `undone` is a failure within max-failed-targets that
 * was put back on its own; `not-started` a target the rollout stopped before.
 */
export interface TargetOutcome {
  target: string
  status: 'pending' | 'running' | 'deployed' | 'failed' | 'undone' | 'cancelled' | 'not-started'
  /** What failed: a step id or a health check. */
  cause?: string
}

/** What one run of a metric command gave. */
export type MetricReading = 'number' | 'not-a-number' | 'failed' | 'timed-out'

/**
 * One sample of a metric. Its value is kept as the text printed, not as a number: it is command
 * output, and the report's redaction covers it like any other text before it is shown.
 */
export interface MetricSample {
  /** Its number among the check's probes (or the baseline's samples), from 1. */
  n: number
  reading: MetricReading
  /** The decimal as printed, when it was one. */
  value?: string
  /** What was printed instead of a number (the last line, bounded), or a failed run's last line. */
  printed?: string
  exitCode?: number
  /** How the value compared with the bounds; absent for a baseline sample. */
  verdict?: 'within' | 'above' | 'below'
}

export interface MetricRecord {
  /** The bounds as the plan writes them: `0.05`, `50%`. */
  rule: { max?: string; min?: string; maxIncrease?: string; maxDecrease?: string }
  /** The baseline the samples were compared with. */
  baseline?: string
  /** The plan asks for a baseline that could not be measured (required: false): relative bounds off. */
  isBaselineMissing?: boolean
  /** The bounds every sample was judged by: the stricter of the absolute and relative ones. */
  min?: string
  max?: string
  /** The latest samples, at most LIMITS.metricSamples. */
  samples: MetricSample[]
}

/** A metric's value before the first step, the median of its samples. */
export interface BaselineRecord {
  /** The check it serves (the first one, when several checks run the same command). */
  check: string
  startedAt: string
  durationMs: number
  samples: MetricSample[]
  /** The median; absent when a sample was not a number. */
  value?: string
  isRequired: boolean
}

export interface RollbackRecord {
  /** The step (or health check) whose failure started the rollback. */
  cause: string
  steps: StepRecord[]
  isComplete: boolean
  durationMs: number
}

export interface DeploymentReport {
  status: DeploymentStatus
  locale: Locale
  /** What is being deployed where: the run's one Deployment value, or what a refusal knew of it. */
  deployment: DeploymentFacts
  planFile?: string
  startedAt: string
  finishedAt: string
  durationMs: number
  checks: Check[]
  runPlan?: RunPlan
  steps: StepRecord[]
  health: HealthRecord[]
  /** The metric baselines measured before the first step. */
  baselines?: BaselineRecord[]
  rollback?: RollbackRecord
  /** Per-target steps: each selected target's outcome. */
  targets?: TargetOutcome[]
  /** Rollbacks of the targets that failed within max-failed-targets, each undone on its own. */
  undoneTargets?: StepRecord[]
  deployUrl?: string
  /** Basis of authorization, in words: who approved, under which rules, or that no one did. */
  authorization?: Message
  approvals: { user: string; comment?: string }[]
  runUrl?: string
  /** The report file this run's entry was written to (real runs). */
  reportFile?: string
  /** What the run changed in the project (report, tasks.md, markers), project-relative. */
  projectChanges?: { written: string[]; deleted: string[] }
  isSmokeRequired: boolean
  warnings: Message[]
  /** Where a run that could not start failed, when it is not a pre-flight condition. */
  error?: Message
}
