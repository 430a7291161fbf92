/**
 * Project-wide OpenLogos settings: the report language (logos.config.json) and the deployment
 * gates of each module (logos-project.yaml).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { CORE_SCHEMA, load } from 'js-yaml'
import { z } from 'zod'
import { OPENLOGOS } from './layout.js'

export type Locale = 'en' | 'zh'

const gateSchema = z.looseObject({
  deployment_required: z.boolean().optional(),
  smoke_required: z.boolean().optional(),
  environments: z.array(z.string()).optional()
})

const projectFileSchema = z.looseObject({
  deployment_gates: z.record(z.string(), gateSchema.nullable()).nullable().optional()
})

export type DeploymentGate = z.infer<typeof gateSchema>

export interface ProjectSettings {
  locale: Locale
  name?: string
  gates: Record<string, DeploymentGate>
  /** Files that exist but could not be read: each makes pre-flight fail with its fix. */
  problems: string[]
  /** Whether logos/logos.config.json exists: without it OpenLogos says the project is not initialised. */
  isInitialised: boolean
}

export async function readProjectSettings(root: string): Promise<ProjectSettings> {
  const config = await readOptional(path.join(root, OPENLOGOS.configFile))
  const settings: ProjectSettings = {
    locale: 'en',
    gates: {},
    problems: [],
    isInitialised: config !== undefined
  }
  if (config !== undefined) {
    try {
      const data = JSON.parse(config) as Record<string, unknown>
      if (data['locale'] === 'zh') settings.locale = 'zh'
      if (typeof data['name'] === 'string') settings.name = data['name']
    } catch {
      // The parser's message quotes the file's text: never copy a file's bytes into a report.
      settings.problems.push(
        `${OPENLOGOS.configFile} is not valid JSON: fix the file (an object such as {"name": "site", "locale": "en"})`
      )
    }
  }
  const project = await readOptional(path.join(root, OPENLOGOS.projectFile))
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
          `${OPENLOGOS.projectFile}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}: fix the file`
        )
      }
    } catch (error) {
      const first = (error as Error).message.split('\n')[0] ?? ''
      settings.problems.push(`${OPENLOGOS.projectFile} is not valid YAML (${first}): fix the file`)
    }
  }
  return settings
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch {
    return undefined
  }
}
