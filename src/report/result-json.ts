/** The `result` output: the report as JSON for later steps of the workflow. */
import type { DeploymentReport } from './model.js'

export interface ResultJson {
  status: DeploymentReport['status']
  environment: string | null
  version: string
  sha: string | null
  proposal: string | null
  mode: DeploymentReport['deployment']['mode']
  dryRun: boolean
  targets: string[]
  startedAt: string
  finishedAt: string
  durationMs: number
  steps: {
    id: string
    name: string
    target: string | null
    status: string
    exitCode: number | null
    durationMs: number
    /** DEPLOY_CANARY_WEIGHT of the run, with canary increments. */
    weight: number | null
  }[]
  /** Per-target steps: each selected target's outcome, and what failed on it. */
  targetOutcomes: { target: string; status: string; cause: string | null }[] | null
  health: {
    name: string
    /** A per-target check: the target it judged. */
    target: string | null
    healthy: boolean
    probes: number
    failures: number
    weight: number | null
    /** A metric check: its baseline and last value, as printed. */
    metric: { baseline: string | null; last: string | null } | null
  }[]
  rollback: {
    cause: string
    complete: boolean
    durationMs: number
    steps: { id: string; target: string | null; status: string }[]
  } | null
  approvals: { user: string; comment: string | null }[]
  deploymentId: string | null
  deployUrl: string | null
  reportPath: string | null
}

export function toResultJson(report: DeploymentReport, reportPath: string | undefined): ResultJson {
  return {
    status: report.status,
    environment: report.deployment.environment ?? null,
    version: report.deployment.version,
    sha: report.deployment.sha || null,
    proposal: report.deployment.proposal ?? null,
    mode: report.deployment.mode,
    dryRun: report.deployment.isDryRun,
    targets: report.deployment.targets,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    durationMs: report.durationMs,
    steps: report.steps.map(step => ({
      id: step.id,
      name: step.name,
      target: step.target ?? null,
      status: step.status,
      exitCode: step.exitCode ?? null,
      durationMs: step.durationMs,
      weight: step.weight ?? null
    })),
    targetOutcomes: report.targets
      ? report.targets.map(item => ({
          target: item.target,
          status: item.status,
          cause: item.cause ?? null
        }))
      : null,
    health: report.health.map(check => ({
      name: check.name,
      target: check.target ?? null,
      healthy: check.isHealthy,
      probes: check.probes,
      failures: check.failures,
      weight: check.weight ?? null,
      metric: check.metric
        ? {
            baseline: check.metric.baseline ?? null,
            last: check.metric.samples.at(-1)?.value ?? null
          }
        : null
    })),
    rollback: report.rollback
      ? {
          cause: report.rollback.cause,
          complete: report.rollback.isComplete,
          durationMs: report.rollback.durationMs,
          steps: report.rollback.steps.map(step => ({
            id: step.id,
            target: step.target ?? null,
            status: step.status
          }))
        }
      : null,
    approvals: report.approvals.map(approval => ({
      user: approval.user,
      comment: approval.comment ?? null
    })),
    deploymentId: report.deployment.id ?? null,
    deployUrl: report.deployUrl ?? null,
    reportPath: reportPath ?? null
  }
}
