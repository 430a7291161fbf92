/** Which targets a run deploys, and which steps and checks that selection (and the environment) keeps. */
import type { Plan } from './schema.js'

export type TargetChoice = { ok: true; targets: string[] } | { ok: false; problems: string[] }

/** Which targets the run asks for: the `targets` input. */
export type TargetSelection =
  { kind: 'all' } | { kind: 'primary' } | { kind: 'names'; names: string[] }

export function selectTargets(plan: Plan, selection: TargetSelection): TargetChoice {
  const all = Object.entries(plan.targets)
  const enabled = all.filter(([, target]) => target.isEnabled).map(([name]) => name)
  switch (selection.kind) {
    case 'all':
      return enabled.length > 0
        ? { ok: true, targets: enabled }
        : {
            ok: false,
            problems: ['every target of the plan is disabled: enable one (enabled: true)']
          }
    case 'primary': {
      const primary = all.filter(([, target]) => target.isPrimary)
      if (primary.length === 0) {
        return {
          ok: false,
          problems: [
            "targets is 'primary' but no target has primary: true: mark one, or name the targets"
          ]
        }
      }
      const problems = primary
        .filter(([, target]) => !target.isEnabled)
        .map(([name]) => disabledProblem(name))
      return problems.length > 0
        ? { ok: false, problems }
        : { ok: true, targets: primary.map(([name]) => name) }
    }
    case 'names': {
      const problems = selection.names.flatMap(name => {
        const target = plan.targets[name]
        if (!target) {
          return [
            `target '${name}' is not in the plan (targets: ${all.map(([known]) => known).join(', ')}): correct the targets input`
          ]
        }
        return target.isEnabled ? [] : [disabledProblem(name)]
      })
      return problems.length > 0 ? { ok: false, problems } : { ok: true, targets: selection.names }
    }
  }
}

function disabledProblem(name: string): string {
  return `target '${name}' is disabled in the plan (enabled: false) and is never deployed: leave it out of targets, or enable it in the plan`
}

interface Selectable {
  target?: string | undefined
  environments?: string[] | undefined
}

export interface Skipped<T> {
  item: T
  reason: string
}

/** Keeps what applies to this environment and these targets; says why the rest is left out. */
export function selectFor<T extends Selectable>(
  items: readonly T[],
  environment: string,
  targets: readonly string[]
): { selected: T[]; skipped: Skipped<T>[] } {
  const selected: T[] = []
  const skipped: Skipped<T>[] = []
  for (const item of items) {
    if (item.target !== undefined && !targets.includes(item.target)) {
      skipped.push({ item, reason: `target '${item.target}' is not selected` })
    } else if (item.environments !== undefined && !item.environments.includes(environment)) {
      skipped.push({ item, reason: `runs only in ${item.environments.join(', ')}` })
    } else {
      selected.push(item)
    }
  }
  return { selected, skipped }
}
