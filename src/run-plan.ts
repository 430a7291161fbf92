/**
 * What a run will do, worked out before anything runs: the phases (canary, then deploy), their
 * steps and health checks, what is left out and why, and the rollback procedure. The dry run shows
 * it; a real run executes it.
 */
import type { HealthCheck, Plan, PlanStep } from './plan-schema.js'
import { selectFor, type Skipped } from './selection.js'
import type { Settings } from './settings.js'

export interface Phase {
  kind: 'canary' | 'deploy'
  steps: PlanStep[]
  skippedSteps: Skipped<PlanStep>[]
  health: HealthCheck[]
  skippedHealth: Skipped<HealthCheck>[]
}

export interface RunPlan {
  environment: string
  targets: string[]
  mode: Settings['mode']
  environmentUrl?: string
  variables: Record<string, string>
  phases: Phase[]
  /** The plan's own rollback steps that apply here, run after the steps' rollbacks. */
  rollbackSteps: PlanStep[]
  defaultStepTimeoutMs: number
}

export function buildRunPlan(
  plan: Plan,
  settings: Pick<Settings, 'mode' | 'stepTimeoutMs'>,
  environment: string,
  targets: string[]
): RunPlan {
  const phases: Phase[] = []
  if (settings.mode === 'canary' && plan.canary) {
    const canary = plan.canary
    const health = (canary.health ?? plan.health).map(check =>
      canary.watchMs > 0 ? { ...check, watchMs: canary.watchMs } : check
    )
    phases.push(phase('canary', canary.steps, health, environment, targets))
  }
  phases.push(phase('deploy', plan.steps, plan.health, environment, targets))
  const target = plan.environments[environment]
  return {
    environment,
    targets,
    mode: settings.mode,
    ...(target?.url === undefined ? {} : { environmentUrl: target.url }),
    variables: target?.variables ?? {},
    phases,
    rollbackSteps: selectFor(plan.rollbackSteps, environment, targets).selected,
    defaultStepTimeoutMs: settings.stepTimeoutMs
  }
}

function phase(
  kind: Phase['kind'],
  steps: PlanStep[],
  health: HealthCheck[],
  environment: string,
  targets: string[]
): Phase {
  const chosenSteps = selectFor(steps, environment, targets)
  const chosenHealth = selectFor(health, environment, targets)
  return {
    kind,
    steps: chosenSteps.selected,
    skippedSteps: chosenSteps.skipped,
    health: chosenHealth.selected,
    skippedHealth: chosenHealth.skipped
  }
}

/**
 * The longest a check can take to call a deployment unhealthy: every probe timing out, with the
 * pauses between them, plus the watch window when one is set.
 */
export function worstCaseDetectionMs(check: HealthCheck): number {
  const probing = check.retries * check.timeoutMs + (check.retries - 1) * check.intervalMs
  return probing + check.watchMs
}

export function stepTimeoutMs(
  step: PlanStep,
  runPlan: Pick<RunPlan, 'defaultStepTimeoutMs'>
): number {
  return step.timeoutMs ?? runPlan.defaultStepTimeoutMs
}

/** Every step's own rollback, in the order the steps run. */
export function stepRollbacks(runPlan: RunPlan): PlanStep[] {
  return runPlan.phases.flatMap(p => p.steps).filter(step => step.rollback !== undefined)
}
