/**
 * What a run will do, worked out before anything runs: the phases (canary, once per increment, then
 * deploy), their steps with every timeout resolved, the health checks, what is left out and why,
 * and the rollback procedure. The dry run shows it; a real run executes it.
 */
import type { Deployment } from './deployment.js'
import type { HealthCheck, Plan, PlanStep, Rollout } from './schema.js'
import { selectFor, type Skipped } from './selection.js'

/** A step as this run executes it: its own timeout, or the step-timeout input's. */
export type PlannedStep = Omit<PlanStep, 'timeoutMs'> & { timeoutMs: number }

/** The promotion's DEPLOY_CANARY_WEIGHT: after the last increment, all the traffic. */
export const PROMOTION_WEIGHT = 100

export interface Phase {
  kind: 'canary' | 'deploy'
  /**
   * DEPLOY_CANARY_WEIGHT of the phase's steps and checks: a canary increment's percent, or 100 for
   * the promotion after increments; absent without increments.
   */
  weight?: number
  steps: PlannedStep[]
  skippedSteps: Skipped<PlanStep>[]
  health: HealthCheck[]
  skippedHealth: Skipped<HealthCheck>[]
}

/** A selected target, with the variables its per-target steps and checks see. */
export interface FleetTarget {
  name: string
  variables: Record<string, string>
}

export interface RunPlan {
  /** The environment's url as the plan writes it, `${NAME}` not yet expanded. */
  environmentUrl?: string
  variables: Record<string, string>
  phases: Phase[]
  /** The plan's own rollback steps that apply here, run after the steps' rollbacks. */
  rollbackSteps: PlannedStep[]
  /** The selected targets, which per-target steps and checks run for, and how they are paced. */
  fleet: { targets: FleetTarget[]; rollout: Rollout }
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
  const phase = (
    kind: Phase['kind'],
    steps: PlanStep[],
    health: HealthCheck[],
    weight?: number
  ): Phase => {
    const chosenSteps = selectFor(steps, environment, targets)
    const chosenHealth = selectFor(health, environment, targets)
    return {
      kind,
      ...(weight === undefined ? {} : { weight }),
      steps: chosenSteps.selected.map(resolve),
      skippedSteps: chosenSteps.skipped,
      health: chosenHealth.selected,
      skippedHealth: chosenHealth.skipped
    }
  }
  const target = plan.environments[environment]
  const fleet = {
    targets: targets.map(name => ({ name, variables: plan.targets[name]?.variables ?? {} })),
    rollout: plan.rollout
  }
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
      rollbackSteps: [],
      fleet
    }
  }
  const phases: Phase[] = []
  if (deployment.mode === 'canary' && plan.canary) {
    const canary = plan.canary
    const health = (canary.health ?? plan.health).map(check =>
      canary.watchMs > 0 ? { ...check, watchMs: canary.watchMs } : check
    )
    const increments = canary.increments ?? []
    if (increments.length === 0) phases.push(phase('canary', canary.steps, health))
    for (const weight of increments) phases.push(phase('canary', canary.steps, health, weight))
    phases.push(
      phase('deploy', plan.steps, plan.health, increments.length > 0 ? PROMOTION_WEIGHT : undefined)
    )
  } else phases.push(phase('deploy', plan.steps, plan.health))
  return {
    environmentUrl: target?.url,
    variables: target?.variables ?? {},
    phases,
    rollbackSteps,
    fleet
  }
}

/** How many targets' pipelines run at once: the rollout's max-parallel, else all of them. */
export function batchSizeOf(fleet: RunPlan['fleet']): number {
  const total = fleet.targets.length
  const limit = fleet.rollout.maxParallel
  if (!limit) return Math.max(1, total)
  const size = 'count' in limit ? limit.count : Math.ceil((limit.percent * total) / 100)
  return Math.max(1, Math.min(total, size))
}

/**
 * The longest a check can take to call a deployment unhealthy: every probe timing out, with the
 * pauses between them, plus the watch window when one is set.
 */
export function worstCaseDetectionMs(check: HealthCheck): number {
  const probing = check.retries * check.timeoutMs + (check.retries - 1) * check.intervalMs
  return probing + check.watchMs
}

/**
 * Every step's own rollback, in the order the steps first run: a canary step that runs at each
 * increment is undone once.
 */
export function stepRollbacks(runPlan: RunPlan): PlannedStep[] {
  const steps = runPlan.phases.flatMap(p => p.steps).filter(step => step.rollback !== undefined)
  return steps.filter((step, index) => steps.findIndex(other => other.id === step.id) === index)
}

/** The traffic percents the canary phases step through; empty without increments. */
export function incrementsOf(runPlan: Pick<RunPlan, 'phases'>): number[] {
  return runPlan.phases.flatMap(phase =>
    phase.kind === 'canary' && phase.weight !== undefined ? [phase.weight] : []
  )
}
