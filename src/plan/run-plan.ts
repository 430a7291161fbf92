/**
 * What a run will do, worked out before anything runs: the phases (canary, then deploy), their
 * steps with every timeout resolved, the health checks, what is left out and why, and the rollback
 * procedure. The dry run shows it; a real run executes it.
 */
import type { Deployment } from './deployment.js'
import type { HealthCheck, Plan, PlanStep } from './schema.js'
import { selectFor, type Skipped } from './selection.js'

/** A step as this run executes it: its own timeout, or the step-timeout input's. */
export type PlannedStep = Omit<PlanStep, 'timeoutMs'> & { timeoutMs: number }

export interface Phase {
  kind: 'canary' | 'deploy'
  steps: PlannedStep[]
  skippedSteps: Skipped<PlanStep>[]
  health: HealthCheck[]
  skippedHealth: Skipped<HealthCheck>[]
}

export interface RunPlan {
  /** The environment's url as the plan writes it, `${NAME}` not yet expanded. */
  environmentUrl?: string
  variables: Record<string, string>
  phases: Phase[]
  /** The plan's own rollback steps that apply here, run after the steps' rollbacks. */
  rollbackSteps: PlannedStep[]
}

export function buildRunPlan(
  plan: Plan,
  deployment: Pick<Deployment, 'environment' | 'targets' | 'mode'>,
  defaultStepTimeoutMs: number
): RunPlan {
  const { environment, targets } = deployment
  const resolve = (step: PlanStep): PlannedStep => ({
    ...step,
    timeoutMs: step.timeoutMs ?? defaultStepTimeoutMs
  })
  const phase = (kind: Phase['kind'], steps: PlanStep[], health: HealthCheck[]): Phase => {
    const chosenSteps = selectFor(steps, environment, targets)
    const chosenHealth = selectFor(health, environment, targets)
    return {
      kind,
      steps: chosenSteps.selected.map(resolve),
      skippedSteps: chosenSteps.skipped,
      health: chosenHealth.selected,
      skippedHealth: chosenHealth.skipped
    }
  }
  const target = plan.environments[environment]
  const rollbackSteps = selectFor(plan.rollbackSteps, environment, targets).selected.map(resolve)
  if (deployment.mode === 'rollback') {
    // The rollback steps are this run's steps; nothing undoes them in turn.
    const checks = selectFor(plan.health, environment, targets)
    return {
      environmentUrl: target?.url,
      variables: target?.variables ?? {},
      phases: [
        {
          kind: 'deploy',
          steps: rollbackSteps,
          skippedSteps: [],
          health: checks.selected,
          skippedHealth: checks.skipped
        }
      ],
      rollbackSteps: []
    }
  }
  const phases: Phase[] = []
  if (deployment.mode === 'canary' && plan.canary) {
    const canary = plan.canary
    const health = (canary.health ?? plan.health).map(check =>
      canary.watchMs > 0 ? { ...check, watchMs: canary.watchMs } : check
    )
    phases.push(phase('canary', canary.steps, health))
  }
  phases.push(phase('deploy', plan.steps, plan.health))
  return {
    environmentUrl: target?.url,
    variables: target?.variables ?? {},
    phases,
    rollbackSteps
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

/** Every step's own rollback, in the order the steps run. */
export function stepRollbacks(runPlan: RunPlan): PlannedStep[] {
  return runPlan.phases.flatMap(p => p.steps).filter(step => step.rollback !== undefined)
}
