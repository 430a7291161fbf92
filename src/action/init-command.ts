/**
 * `deploy-executor init`: drafts the executable front matter of a deployment plan that is still
 * prose, from the plan itself (plan/draft.ts). Shows the draft; writes it at the top of the plan
 * only with --write, and never over existing front matter. The draft's placeholders keep
 * pre-flight refusing the plan until a person has reviewed and completed it.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { writeFileAtomic } from '../core/atomic-file.js'
import { isInsideReal } from '../core/paths.js'
import { OPENLOGOS } from '../openlogos/layout.js'
import { readProjectSettings } from '../openlogos/project-config.js'
import { draftFrontMatter } from '../plan/draft.js'
import { hasFrontMatter } from '../plan/front-matter.js'

export const INIT_USAGE = `Usage: deploy-executor init [options]

Drafts the executable front matter of the deployment plan from its prose: the shell commands of its
build, release and deploy sections, the environments and secret names it mentions. Every value to
decide is a <TODO: …> placeholder; pre-flight refuses the plan until none is left.

  --plan <file>              default: the plan in ${OPENLOGOS.planDir}/
  --working-directory <dir>  the project root (default .)
  --write                    write the draft at the top of the plan (default: only show it)
  -h, --help                 this text
`

export interface InitIo {
  argv: string[]
  cwd: string
  out: (text: string) => void | Promise<void>
  err: (text: string) => void
}

/** Returns the exit code: 0 drafted (or written), 1 nothing to draft, 2 bad usage. */
export async function runInit(io: InitIo): Promise<number> {
  let values: { plan?: string; 'working-directory'?: string; write?: boolean; help?: boolean }
  try {
    values = parseArgs({
      args: io.argv,
      options: {
        plan: { type: 'string' },
        'working-directory': { type: 'string' },
        write: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    }).values
  } catch (error) {
    io.err(`deploy-executor init: ${(error as Error).message}\n\n${INIT_USAGE}`)
    return 2
  }
  if (values.help) {
    await io.out(INIT_USAGE)
    return 0
  }
  const root = path.resolve(io.cwd, values['working-directory'] ?? '.')
  const found = await planFile(root, values.plan)
  if ('problem' in found) {
    io.err(`deploy-executor init: ${found.problem}\n`)
    return 1
  }
  const text = await fs.readFile(path.join(root, found.file), 'utf8')
  if (hasFrontMatter(text)) {
    io.err(
      `deploy-executor init: ${found.file} already opens with front matter; nothing was drafted. Edit it by hand, or remove it to draft again.\n`
    )
    return 1
  }
  const project = readProjectSettings(root)
  const draft = draftFrontMatter(text, {
    environments: project.gates[OPENLOGOS.defaultModule]?.environments ?? []
  })
  const summary =
    draft.commands.length > 0
      ? `${draft.commands.length} command(s) from ${[...new Set(draft.commands.map(item => item.section))].join(', ')}`
      : 'no shell command in a build, release or deploy section'
  if (!values.write) {
    await io.out(
      `Draft front matter for ${found.file} (${summary}); run again with --write to put it at the top of the plan:\n\n${draft.frontMatter}\n`
    )
    return 0
  }
  await writeFileAtomic(path.join(root, found.file), `${draft.frontMatter}\n${text}`)
  await io.out(
    `Wrote the draft front matter at the top of ${found.file} (${summary}). Review every step and replace each <TODO: …>: pre-flight refuses the plan until none is left.\n`
  )
  return 0
}

async function planFile(
  root: string,
  input: string | undefined
): Promise<{ file: string } | { problem: string }> {
  if (input !== undefined) {
    const absolute = path.resolve(root, input)
    if (!isInsideReal(root, absolute))
      return { problem: `--plan '${input}' leads outside the project root ${root}` }
    return { file: path.relative(root, absolute) }
  }
  const names = await fs.readdir(path.join(root, OPENLOGOS.planDir)).catch(() => [] as string[])
  const plans = names.filter(name => name.endsWith('.md')).sort()
  const chosen =
    plans.length === 1
      ? plans[0]
      : plans.find(name => name.startsWith(`${OPENLOGOS.defaultModule}-`))
  if (chosen === undefined)
    return {
      problem:
        plans.length === 0
          ? `no deployment plan in ${OPENLOGOS.planDir}/: write one first (OpenLogos deployment-designer), or name it with --plan`
          : `several plans in ${OPENLOGOS.planDir}/ (${plans.join(', ')}): name one with --plan`
    }
  return { file: `${OPENLOGOS.planDir}/${chosen}` }
}
