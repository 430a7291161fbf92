/**
 * The executable deployment plan (format 1): the YAML front matter of an OpenLogos deployment plan.
 * This zod schema is the single source of the plan's types, of its validation and of the JSON
 * Schema in schema/plan.schema.json. Objects are strict: a misspelt key must never silently drop a
 * safety setting.
 */
import path from 'node:path'
import { z } from 'zod'
import {
  DURATION_HINT,
  formatDuration,
  MAX_DURATION_MS,
  MAX_PROBE_MS,
  parseDurationMs
} from '../core/duration.js'
import { listOf } from '../core/message.js'
import { say as coreSay } from '../core/messages.js'
import { customIssue, errorText } from '../core/zod-messages.js'
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

function duration(options: {
  positive: boolean
  maxMs?: number
}): z.ZodType<number, string | number> {
  const maxMs = options.maxMs ?? MAX_DURATION_MS
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const ms = parseDurationMs(value)
      if (ms === undefined || (options.positive && ms === 0)) {
        const expected = options.positive ? coreSay.positiveDurationHint : coreSay.durationHint
        ctx.addIssue(customIssue(say.schema.notDuration(String(value), expected)))
        return z.NEVER
      }
      if (ms > maxMs) {
        ctx.addIssue(customIssue(say.schema.tooLong(String(value), formatDuration(maxMs))))
        return z.NEVER
      }
      return ms
    })
    .describe(`A duration: ${DURATION_HINT}; at most ${formatDuration(maxMs)}.`)
}

const variableName = z
  .string()
  .regex(VARIABLE_PATTERN, { error: errorText(say.schema.variableName) })

/** YAML scalars become the strings a process environment holds. */
/** Names a plan may not set: bash runs their code before the step, or the runner reads them. */
const RESERVED =
  /^(BASH_ENV|ENV|GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY)$|^(INPUT_|ACTIONS_|STATE_|BASH_FUNC_)/

const variables = z
  .record(variableName, z.union([z.string(), z.number(), z.boolean()]))
  .superRefine((record, ctx) => {
    for (const name of Object.keys(record).filter(key => RESERVED.test(key)))
      ctx.addIssue(customIssue(say.schema.reserved(name), [name]))
  })
  .transform(record =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]))
  )

const relativeDirectory = z
  .string()
  .min(1)
  .refine(dir => !path.isAbsolute(dir) && !path.normalize(dir).split(path.sep).includes('..'), {
    error: errorText(say.schema.relativeDirectory)
  })

const script = z
  .string()
  .trim()
  .min(1, { error: errorText(say.schema.script) })

/** Baseline samples a metric check may ask for: more says nothing a median of 25 does not. */
export const MAX_BASELINE_SAMPLES = 25

/** How far a metric may move from its baseline: a percentage of it, or an amount. */
export type BaselineChange =
  { kind: 'percent'; percent: number } | { kind: 'amount'; amount: number }

const baselineChange = z
  .union([
    z.number().min(0, { error: errorText(say.schema.negative) }),
    z.string().regex(/^\d+(\.\d+)?%$/, { error: errorText(say.schema.percentage) })
  ])
  .transform((value): BaselineChange =>
    typeof value === 'number'
      ? { kind: 'amount', amount: value }
      : { kind: 'percent', percent: Number(value.slice(0, -1)) }
  )
  .describe(
    "How far from the baseline a sample may be: 'n%' of the baseline's size, or an amount in the metric's own unit."
  )

const metricSchema = z
  .strictObject({
    max: z.number().optional().describe('A sample above this fails the probe.'),
    min: z.number().optional().describe('A sample below this fails the probe.'),
    baseline: z
      .strictObject({
        'max-increase': baselineChange
          .optional()
          .describe('A sample more than this above the baseline fails the probe.'),
        'max-decrease': baselineChange
          .optional()
          .describe('A sample more than this below the baseline fails the probe.'),
        samples: z
          .number()
          .int()
          .min(1)
          .max(MAX_BASELINE_SAMPLES)
          .optional()
          .describe(
            'Samples of the baseline, taken before the first step; their median is it. Default 3.'
          ),
        required: z
          .boolean()
          .optional()
          .describe(
            'false: a baseline that cannot be measured turns off the relative bounds only (and says so); default true: it refuses the deployment.'
          )
      })
      .optional()
      .describe('Bounds relative to the value measured before the first step.')
  })
  .superRefine((metric, ctx) => {
    const change = metric.baseline?.['max-increase'] ?? metric.baseline?.['max-decrease']
    if (metric.baseline && change === undefined)
      ctx.addIssue(customIssue(say.schema.baselineUnused, ['baseline']))
    if (metric.max === undefined && metric.min === undefined && !metric.baseline)
      ctx.addIssue(customIssue(say.schema.noBound))
    if (metric.max !== undefined && metric.min !== undefined && metric.min > metric.max)
      ctx.addIssue(customIssue(say.schema.minAboveMax(metric.min, metric.max), ['min']))
  })
  .transform(metric => ({
    max: metric.max,
    min: metric.min,
    baseline: metric.baseline && {
      maxIncrease: metric.baseline['max-increase'],
      maxDecrease: metric.baseline['max-decrease'],
      samples: metric.baseline.samples ?? 3,
      isRequired: metric.baseline.required ?? true
    }
  }))
  .describe(
    'A metric check: the last line run prints is a number, judged by these bounds. Command checks only.'
  )

const stepSchema = z
  .strictObject({
    id: z
      .string()
      .regex(ID_PATTERN, { error: errorText(say.schema.id) })
      .describe('Unique step id, used in logs, the report and DEPLOY_FAILED_STEP.'),
    name: z.string().min(1).optional().describe('Readable name; defaults to the id.'),
    purpose: z
      .string()
      .optional()
      .describe('Why the step runs; said before it runs, in the log and the report.'),
    run: script.describe('The bash script to run (bash --noprofile --norc -eo pipefail).'),
    target: z
      .string()
      .optional()
      .describe('Runs only when this target is selected; absent means every selection.'),
    environments: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Runs only in these environments; absent means every environment.'),
    timeout: duration({ positive: true })
      .optional()
      .describe("Kill the step after this long; default: the action's step-timeout input."),
    'working-directory': relativeDirectory
      .optional()
      .describe('Directory to run in, relative to the project root; default: the project root.'),
    env: variables.optional().describe('Extra environment variables for this step.'),
    rollback: script.optional().describe('A bash script that undoes this step.'),
    'continue-on-error': z
      .boolean()
      .optional()
      .describe('When true, a failure of this step does not stop the deployment.'),
    'per-target': z
      .boolean()
      .optional()
      .describe(
        "Runs once for each selected target, with DEPLOY_TARGET and the target's variables; consecutive per-target steps are each target's pipeline."
      )
  })
  .superRefine(exclusiveTarget)
  .transform(step => ({
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

const healthCheckSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Readable name; defaults to the url or command.'),
    url: z
      .string()
      .optional()
      .describe('HTTP(S) URL to probe; ${NAME} is expanded from the step environment.'),
    run: script.optional().describe('A command check: exit code 0 is healthy.'),
    'expect-status': z
      .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599))])
      .optional()
      .describe('Healthy status code(s); default: any 2xx.'),
    'expect-body': z.string().optional().describe('A substring the response body must contain.'),
    target: z.string().optional().describe('Checked only when this target is selected.'),
    environments: z.array(z.string()).min(1).optional().describe('Checked only in these.'),
    interval: duration({ positive: false, maxMs: MAX_PROBE_MS })
      .optional()
      .describe('Pause between probes; default 5s.'),
    timeout: duration({ positive: true, maxMs: MAX_PROBE_MS })
      .optional()
      .describe('Limit of one probe; default 10s.'),
    retries: z
      .number()
      .int()
      .min(1)
      .max(1000, { error: errorText(say.schema.retries) })
      .optional()
      .describe('Probes until the first healthy answer; default 3.'),
    watch: duration({ positive: false })
      .optional()
      .describe('Keep probing this long after the first healthy answer; default 0.'),
    'failure-limit': z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Failed probes tolerated while watching; default 0.'),
    metric: metricSchema.optional(),
    'per-target': z
      .boolean()
      .optional()
      .describe(
        "Checked once for each selected target, at the end of its pipeline, ${NAME} expanded from the target's variables."
      )
  })
  .superRefine(exclusiveTarget)
  .superRefine((check, ctx) => {
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
      const samples = check.metric.baseline.samples ?? 3
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
    if (check.url !== undefined && !/^(https?:\/\/|\$\{[A-Za-z_][A-Za-z0-9_]*\})/.test(check.url)) {
      ctx.addIssue(customIssue(say.schema.urlStart, ['url']))
    }
  })
  .transform(check => {
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

const targetSchema = z
  .strictObject({
    primary: z.boolean().optional().describe('The target `targets: primary` selects.'),
    description: z.string().optional(),
    enabled: z.boolean().optional().describe('false: never deployed, whatever is asked.'),
    variables: variables
      .optional()
      .describe(
        'Variables of this target (a host, a URL, a region), for its per-target steps and checks.'
      )
  })
  .nullable()
  .transform(target => ({
    isPrimary: target?.primary ?? false,
    description: target?.description,
    isEnabled: target?.enabled ?? true,
    variables: target?.variables ?? {}
  }))

/** `max-parallel: 4` or `"25%"` of the selected targets. */
const maxParallel = z
  .union([
    z
      .number()
      .int()
      .min(1, { error: errorText(say.schema.atLeastOne) }),
    z.string().regex(/^([1-9][0-9]?|100)%$/, { error: errorText(say.schema.maxParallel) })
  ])
  .transform((value): { count: number } | { percent: number } =>
    typeof value === 'number' ? { count: value } : { percent: Number(value.slice(0, -1)) }
  )

const rolloutSchema = z
  .strictObject({
    'max-parallel': maxParallel
      .optional()
      .describe(
        'Targets whose pipelines run at once (a number, or a percent of the selected ones); default: all.'
      ),
    pause: duration({ positive: false })
      .optional()
      .describe('Wait after each batch has passed, before the next starts; default 0.'),
    'max-failed-targets': z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        'Failed targets tolerated (each undone on its own); one more stops the rollout and rolls back; default 0.'
      )
  })
  .transform(rollout => ({
    maxParallel: rollout['max-parallel'],
    pauseMs: rollout.pause ?? 0,
    maxFailedTargets: rollout['max-failed-targets'] ?? 0
  }))
  .describe(
    'How per-target pipelines are paced: batches, the pause between them, the failures tolerated.'
  )

const environmentSchema = z
  .strictObject({
    url: z.string().optional().describe('The URL of the deployed environment (DEPLOY_URL).'),
    description: z.string().optional(),
    variables: variables.optional().describe('Environment variables of every step here.')
  })
  .nullable()
  .transform(environment => ({
    url: environment?.url,
    description: environment?.description,
    variables: environment?.variables ?? {}
  }))

export const planSchema = z
  .strictObject({
    [PLAN_FORMAT_KEY]: z
      .literal(PLAN_FORMAT_VERSION, { error: errorText(say.schema.format(PLAN_FORMAT_VERSION)) })
      .describe('Format version; marks the file as an executable plan.'),
    targets: z
      .record(z.string().regex(NAME_PATTERN), targetSchema)
      .optional()
      .describe('What can be deployed; absent means one implicit target named "default".'),
    environments: z
      .record(z.string().regex(NAME_PATTERN), environmentSchema)
      .refine(record => Object.keys(record).length > 0, {
        error: errorText(say.schema.environments)
      })
      .describe("The names the action's environment input may take."),
    secrets: z
      .array(variableName)
      .optional()
      .describe('Variables that must be set and non-empty for a real run; redacted everywhere.'),
    steps: z.array(stepSchema).min(1, { error: errorText(say.schema.steps) }),
    health: z.array(healthCheckSchema).optional().describe('Post-deploy checks.'),
    rollout: rolloutSchema.optional(),
    rollback: z
      .strictObject({ steps: z.array(stepSchema).min(1) })
      .optional()
      .describe("The plan's rollback strategy, run after the steps' own rollbacks."),
    canary: z
      .strictObject({
        steps: z.array(stepSchema).min(1),
        health: z.array(healthCheckSchema).optional(),
        watch: duration({ positive: false }).optional(),
        increments: z
          .array(
            z
              .number()
              .int()
              .min(1, { error: errorText(say.schema.percent) })
              .max(99, { error: errorText(say.schema.percentNotPromotion) })
          )
          .min(1)
          .refine(
            list => list.every((weight, index) => index === 0 || weight > (list[index - 1] ?? 0)),
            { error: errorText(say.schema.increasing) }
          )
          .optional()
          .describe(
            'Traffic percents (1-99, increasing): canary.steps and their analysis run once per increment, with DEPLOY_CANARY_WEIGHT; the promotion then runs with 100.'
          )
      })
      .optional()
      .describe("Used when the action's mode is canary.")
  })
  .superRefine((plan, ctx) => {
    checkReferences(plan, ctx)
    for (const path of placeholderPaths(plan))
      ctx.addIssue(customIssue(say.schema.placeholder, path))
  })
  .transform(plan => {
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
function checkReferences(plan: CheckedPlan, ctx: z.RefinementCtx): void {
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
function checkPipeline(steps: PlanStep[], where: string[], ctx: z.RefinementCtx): void {
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
  ctx: z.RefinementCtx
): void {
  if (item['per-target'] && item.target !== undefined)
    ctx.addIssue(customIssue(say.schema.perTargetWithTarget, ['target']))
}

function checkSelectors(
  item: { target?: string | undefined; environments?: string[] | undefined },
  at: (string | number)[],
  targetNames: string[],
  environmentNames: string[],
  ctx: z.RefinementCtx
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
