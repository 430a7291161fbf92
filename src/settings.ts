/**
 * The action's inputs, read once into an immutable Settings value. One zod schema is the source of
 * the type, the defaults and the error messages; every bad input is reported at once, with its fix.
 */
import path from 'node:path'
import { z } from 'zod'
import { DURATION_HINT, parseDurationMs } from './duration.js'
import { INPUT, OPENLOGOS, type InputName } from './names.js'

export type TargetSelection =
  { kind: 'all' } | { kind: 'primary' } | { kind: 'names'; names: string[] }

/** Reads one input: undefined when it was not given at all, '' when it was given empty. */
export type InputReader = (name: InputName) => string | undefined

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** An empty string means the default: `${{ inputs.x }}` of an event without that input is ''. */
function optionalText(): z.ZodType<string | undefined, string | undefined> {
  return z
    .string()
    .optional()
    .transform(value => (value === undefined || value.trim() === '' ? undefined : value.trim()))
    .refine(value => value === undefined || !CONTROL.test(value), {
      error: 'must be one line of text without control characters'
    })
}

function flag(defaultValue: boolean): z.ZodType<boolean, string | undefined> {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim()
      if (text === '') return defaultValue
      if (['true', 'True', 'TRUE'].includes(text)) return true
      if (['false', 'False', 'FALSE'].includes(text)) return false
      ctx.addIssue({ code: 'custom', message: `is '${text}': write true or false` })
      return z.NEVER
    })
}

const targets = z
  .string()
  .optional()
  .transform((value, ctx): TargetSelection => {
    if (value === undefined) return { kind: 'all' }
    const text = value.trim()
    if (text === '') {
      ctx.addIssue({
        code: 'custom',
        message:
          "is empty: write all, primary, or comma-separated target names (an empty selection is refused rather than read as 'all')"
      })
      return z.NEVER
    }
    if (text === 'all') return { kind: 'all' }
    if (text === 'primary') return { kind: 'primary' }
    const names = text.split(',').map(name => name.trim())
    if (names.some(name => name === '')) {
      ctx.addIssue({
        code: 'custom',
        message: `'${text}' has an empty name: remove the extra comma`
      })
      return z.NEVER
    }
    return { kind: 'names', names: [...new Set(names)] }
  })

const stepTimeout = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim() || '30m'
    const ms = parseDurationMs(text)
    if (ms === undefined || ms === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `is '${text}': write a positive ${DURATION_HINT.slice(2)}`
      })
      return z.NEVER
    }
    return ms
  })

const prNumber = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim()
    if (text === '') return undefined
    if (!/^[1-9]\d*$/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `is '${text}': write a pull request number such as 42`
      })
      return z.NEVER
    }
    return Number(text)
  })

const mode = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim() || 'deploy'
    if (text === 'deploy' || text === 'canary') return text
    ctx.addIssue({ code: 'custom', message: `is '${text}': write deploy or canary` })
    return z.NEVER
  })

const githubDeployment = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim() || 'auto'
    if (text === 'auto' || text === 'create' || text === 'off') return text
    ctx.addIssue({ code: 'custom', message: `is '${text}': write auto, create or off` })
    return z.NEVER
  })

const inputsSchema = z.object({
  [INPUT.environment]: optionalText(),
  [INPUT.dryRun]: flag(false),
  [INPUT.mode]: mode,
  [INPUT.proposal]: optionalText(),
  [INPUT.plan]: optionalText(),
  [INPUT.targets]: targets,
  [INPUT.version]: optionalText(),
  [INPUT.workingDirectory]: optionalText(),
  [INPUT.githubToken]: z.string().optional(),
  [INPUT.requireApproval]: flag(true),
  [INPUT.rollbackOnFailure]: flag(true),
  [INPUT.allowNoRollback]: flag(false),
  [INPUT.stepTimeout]: stepTimeout,
  [INPUT.reportPath]: optionalText(),
  [INPUT.writeMarkers]: flag(true),
  [INPUT.comment]: flag(true),
  [INPUT.prNumber]: prNumber,
  [INPUT.requireDistinctApprover]: flag(false),
  [INPUT.githubDeployment]: githubDeployment,
  [INPUT.redeploy]: flag(false)
})

export interface Settings {
  environment?: string
  isDryRun: boolean
  mode: 'deploy' | 'canary'
  proposal?: string
  plan?: string
  targets: TargetSelection
  version?: string
  /** Absolute path of the project root (the folder holding logos/). */
  projectRoot: string
  githubToken?: string
  requireApproval: boolean
  rollbackOnFailure: boolean
  allowNoRollback: boolean
  stepTimeoutMs: number
  /** Report file, relative to the project root. */
  reportPath: string
  writeMarkers: boolean
  comment: boolean
  prNumber?: number
  requireDistinctApprover: boolean
  githubDeployment: 'auto' | 'create' | 'off'
  /** Deploy a proposal that already has DEPLOY_DONE again. */
  redeploy: boolean
}

export interface InputError {
  input: string
  message: string
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: InputError[] }

/** `workspace` is where relative paths start: GITHUB_WORKSPACE on a runner, the cwd locally. */
export function readSettings(read: InputReader, workspace: string): SettingsResult {
  const raw = Object.fromEntries(Object.values(INPUT).map(name => [name, read(name)]))
  const parsed = inputsSchema.safeParse(raw)
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(issue => {
        const input = String(issue.path[0] ?? '')
        return { input, message: `input ${input} ${issue.message}` }
      })
    }
  }
  const inputs = parsed.data
  const projectRoot = path.resolve(workspace, inputs[INPUT.workingDirectory] ?? '.')
  const reportPath = inputs[INPUT.reportPath] ?? OPENLOGOS.defaultReportPath
  const reportAbsolute = path.resolve(projectRoot, reportPath)
  const reportRelative = path.relative(projectRoot, reportAbsolute)
  if (reportRelative.startsWith('..') || path.isAbsolute(reportRelative)) {
    return {
      ok: false,
      errors: [
        {
          input: INPUT.reportPath,
          message: `input report-path '${reportPath}' leads outside the project root ${projectRoot}: give a path inside it`
        }
      ]
    }
  }
  const token = inputs[INPUT.githubToken]
  return {
    ok: true,
    settings: Object.freeze({
      environment: inputs[INPUT.environment],
      isDryRun: inputs[INPUT.dryRun],
      mode: inputs[INPUT.mode],
      proposal: inputs[INPUT.proposal],
      plan: inputs[INPUT.plan],
      targets: inputs[INPUT.targets],
      version: inputs[INPUT.version],
      projectRoot,
      githubToken: token === undefined || token === '' ? undefined : token,
      requireApproval: inputs[INPUT.requireApproval],
      rollbackOnFailure: inputs[INPUT.rollbackOnFailure],
      allowNoRollback: inputs[INPUT.allowNoRollback],
      stepTimeoutMs: inputs[INPUT.stepTimeout],
      reportPath: reportRelative,
      writeMarkers: inputs[INPUT.writeMarkers],
      comment: inputs[INPUT.comment],
      prNumber: inputs[INPUT.prNumber],
      requireDistinctApprover: inputs[INPUT.requireDistinctApprover],
      githubDeployment: inputs[INPUT.githubDeployment],
      redeploy: inputs[INPUT.redeploy]
    })
  }
}
