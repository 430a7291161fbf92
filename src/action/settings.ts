/**
 * The action's inputs, read once into an immutable Settings value. The schema is built from the
 * input table (inputs.ts) and transforms the raw texts into the final shape, so it is the source of
 * the type, the defaults and the error messages; every bad input is reported at once, with its fix.
 */
import path from 'node:path'
import * as z from 'zod/mini'
import '../core/zod-setup.js'
import type { Message } from '../core/message.js'
import { addIssue, customIssue, issueMessage } from '../core/zod-messages.js'
import { INPUTS, type InputKey, type InputName } from './inputs.js'
import { say } from './messages.js'

/** Reads one input: undefined when it was not given at all, '' when it was given empty. */
export type InputReader = (name: InputName) => string | undefined

const inputShape = Object.fromEntries(
  Object.entries(INPUTS).map(([key, spec]) => [key, spec.schema])
) as { [K in InputKey]: (typeof INPUTS)[K]['schema'] }

const settingsFields = z.strictObject({
  ...inputShape,
  /** Where relative paths start: GITHUB_WORKSPACE on a runner, the cwd locally. */
  workspace: z.string()
})

const settingsSchema = z.pipe(
  settingsFields,
  z.transform(
    (
      { workspace, workingDirectory, reportPath, ...rest }: z.output<typeof settingsFields>,
      ctx
    ) => {
      /** Absolute path of the project root (the folder holding logos/). */
      const projectRoot = path.resolve(
        workspace,
        workingDirectory ?? INPUTS.workingDirectory.default
      )
      const written = reportPath ?? INPUTS.reportPath.default
      const relative = path.relative(projectRoot, path.resolve(projectRoot, written))
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        addIssue(ctx, customIssue(say.input.reportOutside(written, projectRoot), ['reportPath']))
        return z.NEVER
      }
      /** The report file, relative to the project root. */
      return Object.freeze({ ...rest, projectRoot, reportPath: relative })
    }
  )
)

export type Settings = z.output<typeof settingsSchema>

export interface InputError {
  input: InputName
  message: Message
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: InputError[] }

export function readSettings(read: InputReader, workspace: string): SettingsResult {
  const raw = Object.fromEntries(
    Object.entries(INPUTS).map(([key, spec]) => [key, read(spec.name)])
  )
  const parsed = settingsSchema.safeParse({ ...raw, workspace })
  if (parsed.success) return { ok: true, settings: parsed.data }
  return {
    ok: false,
    errors: parsed.error.issues.map(issue => {
      const input = INPUTS[issue.path[0] as InputKey].name
      return { input, message: say.input.invalid(input, issueMessage(issue)) }
    })
  }
}
