/**
 * Splits a Markdown file into its YAML front matter and body, so that every error can name a
 * line. gray-matter finds the block; its JavaScript and CoffeeScript engines (which `eval` the
 * front matter) are replaced by ones that refuse.
 */
import matter from 'gray-matter'
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml'
import type { FrontMatter } from './front-matter-result.js'

const OPENING = /^\uFEFF?---([^\r\n]*)\r?\n/

class RefusedLanguage extends Error {}

function refuse(): never {
  throw new RefusedLanguage('front matter languages other than YAML are never evaluated')
}

/** True when the text opens with a front matter block (any language). */
export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text)
}

export async function readFrontMatter(text: string): Promise<FrontMatter> {
  const opening = OPENING.exec(text)
  if (!opening) return { kind: 'none' }
  const language = (opening[1] ?? '').trim().toLowerCase()
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return { kind: 'refused', language }
  }
  let yamlText: string | undefined
  try {
    matter(text, {
      language: 'yaml',
      engines: {
        yaml: (source: string) => {
          yamlText = source.replace(/\r\n?/g, '\n')
          return {}
        },
        js: refuse,
        javascript: refuse,
        coffee: refuse,
        coffeescript: refuse,
        cson: refuse
      }
    })
  } catch (error) {
    if (error instanceof RefusedLanguage) return { kind: 'refused', language }
    throw error
  }
  if (yamlText === undefined) return { kind: 'none' }
  return parseFast(yamlText) ?? (await parseCarefully(yamlText))
}

/** Anchors and aliases go to the careful parser, which bounds how far aliases may expand. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][\w-]/m

/**
 * The common case, fast: js-yaml (YAML 1.2 core schema, as `yaml` reads it) parses several times
 * quicker, which a 2,000-step plan notices. Source positions are only needed to report an error,
 * so the `yaml` document that has them is built then, and only then. Anything unusual (an error,
 * anchors) takes the careful path from the start.
 */
function parseFast(source: string): FrontMatter | undefined {
  if (ANCHOR_OR_ALIAS.test(source)) return undefined
  let data: unknown
  try {
    data = loadYaml(source, { schema: CORE_SCHEMA })
  } catch {
    return undefined
  }
  let careful: Promise<FrontMatter> | undefined
  const locate = async (path: readonly PropertyKey[]): Promise<number | undefined> => {
    careful ??= parseCarefully(source)
    const parsed = await careful
    return parsed.kind === 'parsed' ? parsed.locate(path) : undefined
  }
  return { kind: 'parsed', data, locate }
}

/** The `yaml` library, with positions and alias limits, is loaded only when it is needed. */
async function parseCarefully(source: string): Promise<FrontMatter> {
  const { parseWithPositions } = await import('./yaml-positions.js')
  return parseWithPositions(source)
}
