/**
 * The action's inputs, defined once. Each entry holds the input's name and default as action.yml
 * declares them, the zod schema that turns the raw text into its setting, and, for the inputs a
 * person may pass to the command-line program, its option and help text. settings.ts builds the
 * Settings schema from this table, command-line.ts its options and usage text, and a test holds
 * action.yml and the README's inputs table to it.
 */
import * as z from 'zod/mini'
import '../core/zod-setup.js'
import { formatDuration, MAX_DURATION_MS, parseDurationMs } from '../core/duration.js'
import { listOf } from '../core/message.js'
import { say as coreSay } from '../core/messages.js'
import { addIssue, customIssue, errorText } from '../core/zod-messages.js'
import { OPENLOGOS } from '../openlogos/layout.js'
import { VERSION_PATTERN } from '../openlogos/report-file.js'
import { GITHUB_DEPLOYMENT_MODES } from '../github/deployment-tracker.js'
import { PERSIST_MODES } from '../github/record-commit.js'
import { MODES } from '../plan/deployment.js'
import type { TargetSelection } from '../plan/selection.js'
import { say } from './messages.js'

/** The default of a step's timeout and of the wait for another run: one place, one value. */
export const DEFAULT_STEP_TIMEOUT = '30m'
export const DEFAULT_DEPLOYMENT_WAIT = '30m'

/** How the command-line program offers an input. */
export interface CliOption {
  /** The option's name without `--`. */
  option: string
  /** `value`: the option takes the input's text; `true`/`false`: the option alone sets the input to it. */
  kind: 'value' | 'true' | 'false'
  /** What to write after the option in the usage text, for `value` options. */
  placeholder?: string
  help: string
}

export interface InputSpec<T> {
  /** As action.yml declares it: the runner passes it as INPUT_<NAME>, hyphens kept. */
  name: string
  /** As action.yml declares it; '' when the input has no fixed default. */
  default: string
  schema: z.ZodMiniType<T, string | undefined>
  cli?: CliOption
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** An empty string means the default: `${{ inputs.x }}` of an event without that input is ''. */
function trimmed(value: string | undefined, fallback: string): string {
  const text = (value ?? '').trim()
  return text === '' ? fallback : text
}

/** The raw text of an input: absent when it was not given. */
const raw = z.optional(z.string())

function optionalText(): z.ZodMiniType<string | undefined, string | undefined> {
  return z
    .pipe(
      raw,
      z.transform((value: string | undefined) =>
        value === undefined || value.trim() === '' ? undefined : value.trim()
      )
    )
    .check(
      z.refine((value: string | undefined) => value === undefined || !CONTROL.test(value), {
        error: errorText(say.input.oneLine)
      })
    )
}

function flag(defaultValue: boolean): z.ZodMiniType<boolean, string | undefined> {
  return z.pipe(
    raw,
    z.transform((value: string | undefined, ctx) => {
      const text = trimmed(value, String(defaultValue))
      if (['true', 'True', 'TRUE'].includes(text)) return true
      if (['false', 'False', 'FALSE'].includes(text)) return false
      addIssue(ctx, customIssue(say.input.flag(text)))
      return z.NEVER
    })
  )
}

function choice<const T extends readonly [string, ...string[]]>(
  choices: T,
  defaultValue: T[number]
): z.ZodMiniType<T[number], string | undefined> {
  return z.pipe(
    raw,
    z.transform((value: string | undefined, ctx) => {
      const text = trimmed(value, defaultValue)
      if ((choices as readonly string[]).includes(text)) return text
      const list = listOf(choices.slice(0, -1))
      const last = choices.at(-1) ?? ''
      const or = say.input.or
      const written = {
        en: `${list.en}${or.en}${last}`,
        zh: `${list.zh}${or.zh}${last}`
      }
      addIssue(ctx, customIssue(say.input.choice(text, written)))
      return z.NEVER
    })
  )
}

function positiveDuration(defaultValue: string): z.ZodMiniType<number, string | undefined> {
  return z.pipe(
    raw,
    z.transform((value: string | undefined, ctx) => {
      const text = trimmed(value, defaultValue)
      const ms = parseDurationMs(text)
      if (ms === undefined || ms === 0) {
        addIssue(ctx, customIssue(say.input.positiveDuration(text, coreSay.positiveDurationHint)))
        return z.NEVER
      }
      if (ms > MAX_DURATION_MS) {
        addIssue(ctx, customIssue(say.input.tooLong(text, formatDuration(MAX_DURATION_MS))))
        return z.NEVER
      }
      return ms
    })
  )
}

const targets: z.ZodMiniType<TargetSelection, string | undefined> = z.pipe(
  raw,
  z.transform((value: string | undefined, ctx): TargetSelection => {
    if (value === undefined) return { kind: 'all' }
    const text = value.trim()
    if (text === '') {
      addIssue(ctx, customIssue(say.input.emptyTargets))
      return z.NEVER
    }
    if (text === 'all') return { kind: 'all' }
    if (text === 'primary') return { kind: 'primary' }
    const names = text.split(',').map(name => name.trim())
    if (names.some(name => name === '')) {
      addIssue(ctx, customIssue(say.input.emptyTarget(text)))
      return z.NEVER
    }
    return { kind: 'names', names: [...new Set(names)] }
  })
)

const prNumber = z.pipe(
  raw,
  z.transform((value: string | undefined, ctx) => {
    const text = (value ?? '').trim()
    if (text === '') return undefined
    if (!/^[1-9]\d*$/.test(text)) {
      addIssue(ctx, customIssue(say.input.prNumber(text)))
      return z.NEVER
    }
    return Number(text)
  })
)

const token = z.pipe(
  raw,
  z.transform((value: string | undefined) =>
    value === undefined || value === '' ? undefined : value
  )
)

function input<const N extends string, T>(
  spec: InputSpec<T> & { name: N }
): InputSpec<T> & { name: N } {
  return spec
}

/** Every input, keyed by the name of the setting it becomes. */
export const INPUTS = {
  environment: input({
    name: 'environment',
    default: '',
    schema: optionalText(),
    cli: {
      option: 'environment',
      kind: 'value',
      placeholder: '<name>',
      help: "the environment to deploy to (one of the plan's environments)"
    }
  }),
  isDryRun: input({
    name: 'dry-run',
    default: 'false',
    schema: flag(false),
    cli: {
      option: 'dry-run',
      kind: 'true',
      help: 'show what would run; runs nothing, writes nothing'
    }
  }),
  mode: input({
    name: 'mode',
    default: 'deploy',
    schema: choice(MODES, 'deploy'),
    cli: {
      option: 'mode',
      kind: 'value',
      placeholder: `<${MODES.join('|')}>`,
      help: 'default deploy'
    }
  }),
  proposal: input({
    name: 'proposal',
    default: '',
    schema: optionalText(),
    cli: {
      option: 'proposal',
      kind: 'value',
      placeholder: '<slug>',
      help: 'default: logos/.openlogos-guard, the change/<slug> branch, or the only open one'
    }
  }),
  plan: input({
    name: 'plan',
    default: '',
    schema: optionalText(),
    cli: {
      option: 'plan',
      kind: 'value',
      placeholder: '<file>',
      help: `default: the executable plan in ${OPENLOGOS.planDir}/`
    }
  }),
  targets: input({
    name: 'targets',
    default: 'all',
    schema: targets,
    cli: {
      option: 'targets',
      kind: 'value',
      placeholder: '<list>',
      help: 'all | primary | comma-separated names (default all)'
    }
  }),
  version: input({
    name: 'version',
    default: '',
    schema: optionalText().check(
      z.refine((value: string | undefined) => value === undefined || VERSION_PATTERN.test(value), {
        error: errorText(say.input.version)
      })
    ),
    cli: {
      option: 'version',
      kind: 'value',
      placeholder: '<text>',
      help: 'default: the tag or the 7-character commit'
    }
  }),
  workingDirectory: input({
    name: 'working-directory',
    default: '.',
    schema: optionalText(),
    cli: {
      option: 'working-directory',
      kind: 'value',
      placeholder: '<dir>',
      help: 'the project root (default .)'
    }
  }),
  githubToken: input({ name: 'github-token', default: '${{ github.token }}', schema: token }),
  requireApproval: input({ name: 'require-approval', default: 'true', schema: flag(true) }),
  rollbackOnFailure: input({
    name: 'rollback-on-failure',
    default: 'true',
    schema: flag(true),
    cli: { option: 'no-rollback', kind: 'false', help: 'do not roll back on failure' }
  }),
  allowNoRollback: input({
    name: 'allow-no-rollback',
    default: 'false',
    schema: flag(false),
    cli: {
      option: 'allow-no-rollback',
      kind: 'true',
      help: 'accept a plan that declares no rollback'
    }
  }),
  stepTimeoutMs: input({
    name: 'step-timeout',
    default: DEFAULT_STEP_TIMEOUT,
    schema: positiveDuration(DEFAULT_STEP_TIMEOUT),
    cli: {
      option: 'step-timeout',
      kind: 'value',
      placeholder: '<duration>',
      help: `timeout of a step that sets none (default ${DEFAULT_STEP_TIMEOUT})`
    }
  }),
  deploymentWaitMs: input({
    name: 'deployment-wait',
    default: DEFAULT_DEPLOYMENT_WAIT,
    schema: positiveDuration(DEFAULT_DEPLOYMENT_WAIT)
  }),
  reportPath: input({
    name: 'report-path',
    default: OPENLOGOS.defaultReportPath,
    schema: optionalText(),
    cli: {
      option: 'report-path',
      kind: 'value',
      placeholder: '<file>',
      help: `default ${OPENLOGOS.defaultReportPath}`
    }
  }),
  writeMarkers: input({
    name: 'write-markers',
    default: 'true',
    schema: flag(true),
    cli: {
      option: 'no-markers',
      kind: 'false',
      help: 'do not write DEPLOY_DONE or tick [deploy] tasks'
    }
  }),
  comment: input({ name: 'comment', default: 'true', schema: flag(true) }),
  prNumber: input({ name: 'pr-number', default: '', schema: prNumber }),
  requireDistinctApprover: input({
    name: 'require-distinct-approver',
    default: 'false',
    schema: flag(false)
  }),
  githubDeployment: input({
    name: 'github-deployment',
    default: 'auto',
    schema: choice(GITHUB_DEPLOYMENT_MODES, 'auto')
  }),
  persist: input({
    name: 'persist',
    default: 'commit',
    schema: choice(PERSIST_MODES, 'commit')
  }),
  redeploy: input({
    name: 'redeploy',
    default: 'false',
    schema: flag(false),
    cli: {
      option: 'redeploy',
      kind: 'true',
      help: 'deploy a proposal that already has DEPLOY_DONE again'
    }
  })
} as const

export type InputKey = keyof typeof INPUTS
export type InputName = (typeof INPUTS)[InputKey]['name']

/** Input names by setting, for code that reads or passes one input: `INPUT.dryRun` is 'dry-run'. */
export const INPUT = Object.fromEntries(
  Object.entries(INPUTS).map(([key, spec]) => [key, spec.name])
) as { [K in InputKey]: (typeof INPUTS)[K]['name'] }
