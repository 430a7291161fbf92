/**
 * The executable deployment plan (format 1): the YAML front matter of an OpenLogos deployment plan.
 * This zod schema is the single source of the plan's types, of its validation and of the JSON
 * Schema in schema/plan.schema.json. Objects are strict: a misspelt key must never silently drop a
 * safety setting.
 *
 * Written with `zod/mini`, zod's functional API: the same checks and messages as the classic one,
 * but a bundle that holds only what is used and schemas that cost less to build, which every run
 * pays at start-up.
 */
import path from 'node:path'
import * as z from 'zod/mini'
import '../core/zod-setup.js'
import {
  DURATION_HINT,
  formatDuration,
  MAX_DURATION_MS,
  MAX_PROBE_MS,
  parseDurationMs
} from '../core/duration.js'
import { listOf } from '../core/message.js'
import { say as coreSay } from '../core/messages.js'
import { addIssue, customIssue, described, errorText } from '../core/zod-messages.js'
import { placeholderPaths } from './draft.js'
import { say } from './messages.js'

/** A URL as it may be shown: `https://user:password@host` loses its `user:password@`. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
}

/** The front matter key that makes a deployment plan executable, and the format it declares. */
export const PLAN_FORMAT_KEY = 'deploy-executor'
export const PLAN_FORMAT_VERSION = 1

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/

/** An optional member with its description, the most common shape of the plan's keys. */
function optional<T extends z.ZodMiniType>(schema: T, description: string): z.ZodMiniOptional<T> {
  return described(z.optional(schema), description)
}

/** A whole number, optionally bounded: `min`/`max` carry the error text to give, if any. */
function integer(bounds: {
  min?: number
  minError?: string
  max?: number
  maxError?: string
}): z.ZodMiniNumber<number> {
  const checks: z.core.$ZodCheck<number>[] = [z.int()]
  if (bounds.min !== undefined)
    checks.push(z.minimum(bounds.min, bounds.minError ? { error: bounds.minError } : undefined))
  if (bounds.max !== undefined)
    checks.push(z.maximum(bounds.max, bounds.maxError ? { error: bounds.maxError } : undefined))
  return z.number().check(...checks)
}

function duration(options: {
  positive: boolean
  maxMs?: number
}): z.ZodMiniType<number, string | number> {
  const maxMs = options.maxMs ?? MAX_DURATION_MS
  return described(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((value: string | number, ctx) => {
        const ms = parseDurationMs(value)
        if (ms === undefined || (options.positive && ms === 0)) {
          const expected = options.positive ? coreSay.positiveDurationHint : coreSay.durationHint
          addIssue(ctx, customIssue(say.schema.notDuration(String(value), expected)))
          return z.NEVER
        }
        if (ms > maxMs) {
          addIssue(ctx, customIssue(say.schema.tooLong(String(value), formatDuration(maxMs))))
          return z.NEVER
        }
        return ms
      })
    ),
    `A duration: ${DURATION_HINT}; at most ${formatDuration(maxMs)}.`
  )
}

const variableName = z
  .string()
  .check(z.regex(VARIABLE_PATTERN, { error: errorText(say.schema.variableName) }))

/** YAML scalars become the strings a process environment holds. */
/** Names a plan may not set: bash runs their code before the step, or the runner reads them. */
const RESERVED =
  /^(BASH_ENV|ENV|GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY)$|^(INPUT_|ACTIONS_|STATE_|BASH_FUNC_)/

const variables = z.pipe(
  z.record(variableName, z.union([z.string(), z.number(), z.boolean()])).check(
    z.superRefine((record, ctx) => {
      for (const name of Object.keys(record).filter(key => RESERVED.test(key)))
        ctx.addIssue(customIssue(say.schema.reserved(name), [name]))
    })
  ),
  z.transform((record: Record<string, string | number | boolean>) =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]))
  )
)

const relativeDirectory = z.string().check(
  z.minLength(1),
  z.refine(
    (dir: string) => !path.isAbsolute(dir) && !path.normalize(dir).split(path.sep).includes('..'),
    { error: errorText(say.schema.relativeDirectory) }
  )
)

const script = z.string().check(z.trim(), z.minLength(1, { error: errorText(say.schema.script) }))

/** Baseline samples a metric check may ask for: more says nothing a median of 25 does not. */
export const MAX_BASELINE_SAMPLES = 25

/** How far a metric may move from its baseline: a percentage of it, or an amount. */
export type BaselineChange =
  { kind: 'percent'; percent: number } | { kind: 'amount'; amount: number }

const baselineChange = described(
  z.pipe(
    z.union([
      z.number().check(z.minimum(0, { error: errorText(say.schema.negative) })),
      z.string().check(z.regex(/^\d+(\.\d+)?%$/, { error: errorText(say.schema.percentage) }))
    ]),
    z.transform((value: string | number): BaselineChange =>
      typeof value === 'number'
        ? { kind: 'amount', amount: value }
        : { kind: 'percent', percent: Number(value.slice(0, -1)) }
    )
  ),
  "How far from the baseline a sample may be: 'n%' of the baseline's size, or an amount in the metric's own unit."
)

const metricFields = z.strictObject({
  max: optional(z.number(), 'A sample above this fails the probe.'),
  min: optional(z.number(), 'A sample below this fails the probe.'),
  baseline: optional(
    z.strictObject({
      'max-increase': optional(
        baselineChange,
        'A sample more than this above the baseline fails the probe.'
      ),
      'max-decrease': optional(
        baselineChange,
        'A sample more than this below the baseline fails the probe.'
      ),
      samples: optional(
        integer({ min: 1, max: MAX_BASELINE_SAMPLES }),
        'Samples of the baseline, taken before the first step; their median is it. Default 3.'
      ),
      required: optional(
        z.boolean(),
        'false: a baseline that cannot be measured turns off the relative bounds only (and says so); default true: it refuses the deployment.'
      )
    }),
    'Bounds relative to the value measured before the first step.'
  )
})

const metricSchema = described(
  z.pipe(
    metricFields.check(
      z.superRefine((metric, ctx) => {
        const change = metric.baseline?.['max-increase'] ?? metric.baseline?.['max-decrease']
        if (metric.baseline && change === undefined)
          ctx.addIssue(customIssue(say.schema.baselineUnused, ['baseline']))
        if (metric.max === undefined && metric.min === undefined && !metric.baseline)
          ctx.addIssue(customIssue(say.schema.noBound))
        if (metric.max !== undefined && metric.min !== undefined && metric.min > metric.max)
          ctx.addIssue(customIssue(say.schema.minAboveMax(metric.min, metric.max), ['min']))
      })
    ),
    z.transform((metric: z.output<typeof metricFields>) => ({
      max: metric.max,
      min: metric.min,
      baseline: metric.baseline && {
        maxIncrease: metric.baseline['max-increase'],
        maxDecrease: metric.baseline['max-decrease'],
        samples: metric.baseline.samples ?? 3,
        isRequired: metric.baseline.required ?? true
      }
    }))
  ),
  'A metric check: the last line run prints is a number, judged by these bounds. Command checks only.'
)

const stepFields = z.strictObject({
  id: described(
    z.string().check(z.regex(ID_PATTERN, { error: errorText(say.schema.id) })),
    'Unique step id, used in logs, the report and DEPLOY_FAILED_STEP.'
  ),
  name: optional(z.string().check(z.minLength(1)), 'Readable name; defaults to the id.'),
  purpose: optional(
    z.string(),
    'Why the step runs; said before it runs, in the log and the report.'
  ),
  run: described(script, 'The bash script to run (bash --noprofile --norc -eo pipefail).'),
  target: optional(
    z.string(),
    'Runs only when this target is selected; absent means every selection.'
  ),
  environments: optional(
    z.array(z.string()).check(z.minLength(1)),
    'Runs only in these environments; absent means every environment.'
  ),
  timeout: optional(
    duration({ positive: true }),
    "Kill the step after this long; default: the action's step-timeout input."
  ),
  'working-directory': optional(
    relativeDirectory,
    'Directory to run in, relative to the project root; default: the project root.'
  ),
  env: optional(variables, 'Extra environment variables for this step.'),
  rollback: optional(script, 'A bash script that undoes this step.'),
  'continue-on-error': optional(
    z.boolean(),
    'When true, a failure of this step does not stop the deployment.'
  ),
  'per-target': optional(
    z.boolean(),
    "Runs once for each selected target, with DEPLOY_TARGET and the target's variables; consecutive per-target steps are each target's pipeline."
  )
})

const stepSchema = z.pipe(
  stepFields.check(z.superRefine(exclusiveTarget)),
  z.transform((step: z.output<typeof stepFields>) => ({
    id: step.id,
    name: step.name ?? step.id,
    purpose: step.purpose,
    run: step.run,
    target: step.target,
    environments: step.environments,
    timeoutMs: step.timeout,
    workingDirectory: step['working-directory'] ?? '.',
    env: step.env ?? {},
    rollback: step.rollback,
    continueOnError: step['continue-on-error'] ?? false,
    isPerTarget: step['per-target'] ?? false
  }))
)

const statusCode = integer({ min: 100, max: 599 })

const healthCheckFields = z.strictObject({
  name: optional(
    z.string().check(z.minLength(1)),
    'Readable name; defaults to the url or command.'
  ),
  url: optional(z.string(), 'HTTP(S) URL to probe; ${NAME} is expanded from the step environment.'),
  run: optional(script, 'A command check: exit code 0 is healthy.'),
  'expect-status': optional(
    z.union([statusCode, z.array(statusCode)]),
    'Healthy status code(s); default: any 2xx.'
  ),
  'expect-body': optional(z.string(), 'A substring the response body must contain.'),
  target: optional(z.string(), 'Checked only when this target is selected.'),
  environments: optional(z.array(z.string()).check(z.minLength(1)), 'Checked only in these.'),
  interval: optional(
    duration({ positive: false, maxMs: MAX_PROBE_MS }),
    'Pause between probes; default 5s.'
  ),
  timeout: optional(
    duration({ positive: true, maxMs: MAX_PROBE_MS }),
    'Limit of one probe; default 10s.'
  ),
  retries: optional(
    integer({ min: 1, max: 1000, maxError: errorText(say.schema.retries) }),
    'Probes until the first healthy answer; default 3.'
  ),
  watch: optional(
    duration({ positive: false }),
    'Keep probing this long after the first healthy answer; default 0.'
  ),
  'failure-limit': optional(
    integer({ min: 0 }),
    'Failed probes tolerated while watching; default 0.'
  ),
  metric: z.optional(metricSchema),
  'per-target': optional(
    z.boolean(),
    "Checked once for each selected target, at the end of its pipeline, ${NAME} expanded from the target's variables."
  )
})

const healthCheckSchema = z.pipe(
  healthCheckFields.check(
    z.superRefine(exclusiveTarget),
    z.superRefine((check, ctx) => {
      if ((check.url === undefined) === (check.run === undefined)) {
        ctx.addIssue(customIssue(say.schema.urlOrRun))
      }
      if (check.run !== undefined) {
        for (const key of ['expect-status', 'expect-body'] as const) {
          if (check[key] !== undefined) {
            ctx.addIssue(customIssue(say.schema.urlOnly(key), [key]))
          }
        }
      }
      if (check.metric !== undefined && check.run === undefined)
        ctx.addIssue(customIssue(say.schema.metricOnCommand, ['metric']))
      if (check.metric?.baseline && check['per-target'])
        ctx.addIssue(customIssue(say.schema.perTargetBaseline, ['metric', 'baseline']))
      if (check.metric?.baseline) {
        const samples = check.metric.baseline.samples
        const worstMs =
          samples * (check.timeout ?? 10_000) + (samples - 1) * (check.interval ?? 5_000)
        if (worstMs > MAX_DURATION_MS)
          ctx.addIssue(
            customIssue(
              say.schema.tooManySamples(
                samples,
                formatDuration(worstMs),
                formatDuration(MAX_DURATION_MS)
              ),
              ['metric', 'baseline', 'samples']
            )
          )
      }
      if (
        check.url !== undefined &&
        !/^(https?:\/\/|\$\{[A-Za-z_][A-Za-z0-9_]*\})/.test(check.url)
      ) {
        ctx.addIssue(customIssue(say.schema.urlStart, ['url']))
      }
    })
  ),
  z.transform((check: z.output<typeof healthCheckFields>) => {
    const common = {
      target: check.target,
      environments: check.environments,
      intervalMs: check.interval ?? 5_000,
      timeoutMs: check.timeout ?? 10_000,
      retries: check.retries ?? 3,
      watchMs: check.watch ?? 0,
      failureLimit: check['failure-limit'] ?? 0,
      isPerTarget: check['per-target'] ?? false
    }
    if (check.run !== undefined) {
      return {
        kind: 'command' as const,
        name: check.name ?? check.run,
        run: check.run,
        metric: check.metric,
        ...common
      }
    }
    const url = check.url ?? ''
    const status = check['expect-status']
    return {
      kind: 'http' as const,
      name: check.name ?? withoutUserinfo(url),
      url,
      expectStatus: status === undefined ? undefined : [status].flat(),
      expectBody: check['expect-body'],
      ...common
    }
  })
)

const targetFields = z.nullable(
  z.strictObject({
    primary: optional(z.boolean(), 'The target `targets: primary` selects.'),
    description: z.optional(z.string()),
    enabled: optional(z.boolean(), 'false: never deployed, whatever is asked.'),
    variables: optional(
      variables,
      'Variables of this target (a host, a URL, a region), for its per-target steps and checks.'
    )
  })
)

const targetSchema = z.pipe(
  targetFields,
  z.transform((target: z.output<typeof targetFields>) => ({
    isPrimary: target?.primary ?? false,
    description: target?.description,
    isEnabled: target?.enabled ?? true,
    variables: target?.variables ?? {}
  }))
)

/** `max-parallel: 4` or `"25%"` of the selected targets. */
const maxParallel = z.pipe(
  z.union([
    integer({ min: 1, minError: errorText(say.schema.atLeastOne) }),
    z.string().check(z.regex(/^([1-9][0-9]?|100)%$/, { error: errorText(say.schema.maxParallel) }))
  ]),
  z.transform((value: string | number): { count: number } | { percent: number } =>
    typeof value === 'number' ? { count: value } : { percent: Number(value.slice(0, -1)) }
  )
)

const rolloutFields = z.strictObject({
  'max-parallel': optional(
    maxParallel,
    'Targets whose pipelines run at once (a number, or a percent of the selected ones); default: all.'
  ),
  pause: optional(
    duration({ positive: false }),
    'Wait after each batch has passed, before the next starts; default 0.'
  ),
  'max-failed-targets': optional(
    integer({ min: 0 }),
    'Failed targets tolerated (each undone on its own); one more stops the rollout and rolls back; default 0.'
  )
})

const rolloutSchema = described(
  z.pipe(
    rolloutFields,
    z.transform((rollout: z.output<typeof rolloutFields>) => ({
      maxParallel: rollout['max-parallel'],
      pauseMs: rollout.pause ?? 0,
      maxFailedTargets: rollout['max-failed-targets'] ?? 0
    }))
  ),
  'How per-target pipelines are paced: batches, the pause between them, the failures tolerated.'
)

const environmentFields = z.nullable(
  z.strictObject({
    url: optional(z.string(), 'The URL of the deployed environment (DEPLOY_URL).'),
    description: z.optional(z.string()),
    variables: optional(variables, 'Environment variables of every step here.')
  })
)

const environmentSchema = z.pipe(
  environmentFields,
  z.transform((environment: z.output<typeof environmentFields>) => ({
    url: environment?.url,
    description: environment?.description,
    variables: environment?.variables ?? {}
  }))
)

const canarySchema = z.strictObject({
  steps: z.array(stepSchema).check(z.minLength(1)),
  health: z.optional(z.array(healthCheckSchema)),
  watch: z.optional(duration({ positive: false })),
  increments: optional(
    z
      .array(
        integer({
          min: 1,
          minError: errorText(say.schema.percent),
          max: 99,
          maxError: errorText(say.schema.percentNotPromotion)
        })
      )
      .check(
        z.minLength(1),
        z.refine(
          (list: number[]) =>
            list.every((weight, index) => index === 0 || weight > (list[index - 1] ?? 0)),
          { error: errorText(say.schema.increasing) }
        )
      ),
    'Traffic percents (1-99, increasing): canary.steps and their analysis run once per increment, with DEPLOY_CANARY_WEIGHT; the promotion then runs with 100.'
  )
})

const planFields = z.strictObject({
  [PLAN_FORMAT_KEY]: described(
    z.literal(PLAN_FORMAT_VERSION, { error: errorText(say.schema.format(PLAN_FORMAT_VERSION)) }),
    'Format version; marks the file as an executable plan.'
  ),
  targets: optional(
    z.record(z.string().check(z.regex(NAME_PATTERN)), targetSchema),
    'What can be deployed; absent means one implicit target named "default".'
  ),
  environments: described(
    z.record(z.string().check(z.regex(NAME_PATTERN)), environmentSchema).check(
      z.refine((record: Record<string, unknown>) => Object.keys(record).length > 0, {
        error: errorText(say.schema.environments)
      })
    ),
    "The names the action's environment input may take."
  ),
  secrets: optional(
    z.array(variableName),
    'Variables that must be set and non-empty for a real run; redacted everywhere.'
  ),
  steps: z.array(stepSchema).check(z.minLength(1, { error: errorText(say.schema.steps) })),
  health: optional(z.array(healthCheckSchema), 'Post-deploy checks.'),
  rollout: z.optional(rolloutSchema),
  rollback: optional(
    z.strictObject({ steps: z.array(stepSchema).check(z.minLength(1)) }),
    "The plan's rollback strategy, run after the steps' own rollbacks."
  ),
  canary: optional(canarySchema, "Used when the action's mode is canary.")
})

export const planSchema = z.pipe(
  planFields.check(
    z.superRefine((plan, ctx) => {
      checkReferences(plan, ctx)
      for (const path of placeholderPaths(plan))
        ctx.addIssue(customIssue(say.schema.placeholder, path))
    })
  ),
  z.transform((plan: z.output<typeof planFields>) => {
    const targets = plan.targets ?? {
      [IMPLICIT_TARGET]: { isPrimary: true, description: undefined, isEnabled: true, variables: {} }
    }
    return {
      targets,
      environments: plan.environments,
      secrets: plan.secrets ?? [],
      steps: plan.steps,
      health: plan.health ?? [],
      rollbackSteps: plan.rollback?.steps ?? [],
      rollout: plan.rollout ?? { maxParallel: undefined, pauseMs: 0, maxFailedTargets: 0 },
      canary: plan.canary && {
        steps: plan.canary.steps,
        health: plan.canary.health,
        watchMs: plan.canary.watch ?? 0,
        increments: plan.canary.increments
      }
    }
  })
)

export const IMPLICIT_TARGET = 'default'

type RawPlan = z.input<typeof planSchema>
type CheckedPlan = {
  targets?: Record<string, unknown>
  environments: Record<string, unknown>
  steps: PlanStep[]
  health?: HealthCheck[]
  rollback?: { steps: PlanStep[] }
  canary?: { steps: PlanStep[]; health?: HealthCheck[] }
}

export type Rollout = z.output<typeof rolloutSchema>

/** Ids unique across the plan; targets and environments named by steps and checks exist. */
function checkReferences(plan: CheckedPlan, ctx: z.core.$RefinementCtx): void {
  const targetNames = Object.keys(plan.targets ?? { [IMPLICIT_TARGET]: null })
  const environmentNames = Object.keys(plan.environments)
  const lists: [string[], PlanStep[]][] = [
    [['steps'], plan.steps],
    [['canary', 'steps'], plan.canary?.steps ?? []],
    [['rollback', 'steps'], plan.rollback?.steps ?? []]
  ]
  const seen = new Map<string, string>()
  for (const [where, steps] of lists) {
    checkPipeline(steps, where, ctx)
    steps.forEach((step, index) => {
      const at = [...where, index]
      const first = seen.get(step.id)
      if (first) {
        ctx.addIssue(customIssue(say.schema.duplicateId(step.id, first), [...at, 'id']))
      } else seen.set(step.id, `${where.join('.')}[${index}]`)
      checkSelectors(step, at, targetNames, environmentNames, ctx)
    })
  }
  const checks: [string[], HealthCheck[]][] = [
    [['health'], plan.health ?? []],
    [['canary', 'health'], plan.canary?.health ?? []]
  ]
  for (const [where, list] of checks) {
    list.forEach((check, index) => {
      checkSelectors(check, [...where, index], targetNames, environmentNames, ctx)
    })
  }
}

/** Per-target steps stand together: they are one pipeline each target goes through in order. */
function checkPipeline(steps: PlanStep[], where: string[], ctx: z.core.$RefinementCtx): void {
  if (where[0] === 'rollback') {
    steps.forEach((step, index) => {
      if (step.isPerTarget)
        ctx.addIssue(customIssue(say.schema.perTargetRollback, [...where, index, 'per-target']))
    })
    return
  }
  const first = steps.findIndex(step => step.isPerTarget)
  if (first < 0) return
  let last = first
  while (steps[last + 1]?.isPerTarget) last++
  const stray = steps.findIndex((step, index) => index > last && step.isPerTarget)
  if (stray >= 0)
    ctx.addIssue(
      customIssue(say.schema.perTargetApart(steps[stray]?.id ?? '', steps[last]?.id ?? ''), [
        ...where,
        stray,
        'per-target'
      ])
    )
}

/** A per-target step or check runs for every target: naming one target as well means nothing. */
function exclusiveTarget(
  item: { target?: string | undefined; 'per-target'?: boolean | undefined },
  ctx: z.core.$RefinementCtx
): void {
  if (item['per-target'] && item.target !== undefined)
    ctx.addIssue(customIssue(say.schema.perTargetWithTarget, ['target']))
}

function checkSelectors(
  item: { target?: string | undefined; environments?: string[] | undefined },
  at: (string | number)[],
  targetNames: string[],
  environmentNames: string[],
  ctx: z.core.$RefinementCtx
): void {
  if (item.target !== undefined && !targetNames.includes(item.target)) {
    const message = say.schema.undeclaredTarget(item.target, listOf(targetNames))
    ctx.addIssue(customIssue(message, [...at, 'target']))
  }
  item.environments?.forEach((name, index) => {
    if (!environmentNames.includes(name)) {
      const message = say.schema.undeclaredEnvironment(name, listOf(environmentNames))
      ctx.addIssue(customIssue(message, [...at, 'environments', index]))
    }
  })
}

export type Plan = z.output<typeof planSchema>
export type PlanStep = z.output<typeof stepSchema>
export type HealthCheck = z.output<typeof healthCheckSchema>
export type Metric = z.output<typeof metricSchema>
export type PlanTarget = z.output<typeof targetSchema>
export type PlanEnvironment = z.output<typeof environmentSchema>
export type PlanInput = RawPlan
