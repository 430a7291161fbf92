/** Which targets a run deploys, and which steps and checks that selection (and the environment) keeps. */
import { listOf, type Message } from '../core/message.js'
import { say } from './messages.js'
import type { Plan } from './schema.js'

export type TargetChoice = { ok: true; targets: string[] } | { ok: false; problems: Message[] }

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
        : { ok: false, problems: [say.allDisabled] }
    case 'primary': {
      const primary = all.filter(([, target]) => target.isPrimary)
      if (primary.length === 0) {
        return { ok: false, problems: [say.noPrimary] }
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
          return [say.unknownTarget(name, listOf(all.map(([known]) => known)))]
        }
        return target.isEnabled ? [] : [disabledProblem(name)]
      })
      return problems.length > 0 ? { ok: false, problems } : { ok: true, targets: selection.names }
    }
  }
}

function disabledProblem(name: string): Message {
  return say.disabledTarget(name)
}

interface Selectable {
  target?: string | undefined
  environments?: string[] | undefined
}

export interface Skipped<T> {
  item: T
  reason: Message
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
      skipped.push({ item, reason: say.targetNotSelected(item.target) })
    } else if (item.environments !== undefined && !item.environments.includes(environment)) {
      skipped.push({ item, reason: say.runsOnlyIn(listOf(item.environments)) })
    } else {
      selected.push(item)
    }
  }
  return { selected, skipped }
}
