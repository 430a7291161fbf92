/**
 * Project-wide OpenLogos settings: the report language (logos.config.json) and the deployment
 * gates of each module (logos-project.yaml).
 */
import path from 'node:path'
import { CORE_SCHEMA, load } from 'js-yaml'
import * as z from 'zod/mini'
import '../core/zod-setup.js'
import type { Locale, Message } from '../core/message.js'
import { readRegular } from '../core/files.js'
import { OPENLOGOS } from './layout.js'
import { say } from './messages.js'

export type { Locale } from '../core/message.js'

const gateSchema = z.looseObject({
  deployment_required: z.optional(z.boolean()),
  smoke_required: z.optional(z.boolean()),
  environments: z.optional(z.array(z.string()))
})

const projectFileSchema = z.looseObject({
  deployment_gates: z.optional(z.nullable(z.record(z.string(), z.nullable(gateSchema))))
})

export type DeploymentGate = z.infer<typeof gateSchema>

export interface ProjectSettings {
  locale: Locale
  name?: string
  gates: Record<string, DeploymentGate>
  /** Files that exist but could not be read: each makes pre-flight fail with its fix. */
  problems: Message[]
  /** Whether logos/logos.config.json exists: without it OpenLogos says the project is not initialised. */
  isInitialised: boolean
}

export function readProjectSettings(root: string): ProjectSettings {
  const configRead = readRegular(path.join(root, OPENLOGOS.configFile))
  const config = configRead.kind === 'text' ? configRead.text : undefined
  const settings: ProjectSettings = {
    locale: 'en',
    gates: {},
    problems: [],
    isInitialised: configRead.kind !== 'absent'
  }
  if (configRead.kind === 'not-a-file')
    settings.problems.push(say.notARegularFile(OPENLOGOS.configFile))
  if (config !== undefined) {
    try {
      const data = JSON.parse(config) as Record<string, unknown>
      if (data['locale'] === 'zh') settings.locale = 'zh'
      if (typeof data['name'] === 'string') settings.name = data['name']
    } catch {
      // The parser's message quotes the file's text: never copy a file's bytes into a report.
      settings.problems.push(say.configNotJson(OPENLOGOS.configFile))
    }
  }
  const projectRead = readRegular(path.join(root, OPENLOGOS.projectFile))
  if (projectRead.kind === 'not-a-file')
    settings.problems.push(say.notARegularFile(OPENLOGOS.projectFile))
  const project = projectRead.kind === 'text' ? projectRead.text : undefined
  if (project !== undefined) {
    try {
      const parsed = projectFileSchema.safeParse(load(project, { schema: CORE_SCHEMA }) ?? {})
      if (parsed.success) {
        for (const [module, gate] of Object.entries(parsed.data.deployment_gates ?? {})) {
          settings.gates[module] = gate ?? {}
        }
      } else {
        const issue = parsed.error.issues[0]
        settings.problems.push(
          say.projectFileInvalid(
            OPENLOGOS.projectFile,
            issue?.path.join('.') ?? '',
            issue?.message ?? 'invalid'
          )
        )
      }
    } catch (error) {
      const first = (error as Error).message.split('\n')[0] ?? ''
      settings.problems.push(say.projectFileNotYaml(OPENLOGOS.projectFile, first))
    }
  }
  return settings
}

/** The project's language alone, read first: the log speaks it from its first line. */
export function readProjectLocale(root: string): Locale {
  const config = readOptional(path.join(root, OPENLOGOS.configFile))
  try {
    const data = JSON.parse(config ?? '{}') as Record<string, unknown> | null
    return data?.['locale'] === 'zh' ? 'zh' : 'en'
  } catch {
    return 'en'
  }
}

function readOptional(file: string): string | undefined {
  const read = readRegular(file)
  return read.kind === 'text' ? read.text : undefined
}
