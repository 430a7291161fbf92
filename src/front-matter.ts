/**
 * Splits a Markdown file into its YAML front matter and body, parsing the YAML with source
 * positions so that every error can name a line. gray-matter finds the block; its JavaScript and
 * CoffeeScript engines (which `eval` the front matter) are replaced by ones that refuse.
 */
import matter from 'gray-matter'
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml'
import { LineCounter, isMap, isNode, parseDocument, type Document } from 'yaml'

export interface FrontMatterIssue {
  message: string
  line?: number
}

export type FrontMatter =
  | { kind: 'none' }
  | { kind: 'refused'; language: string }
  | { kind: 'invalid'; issues: FrontMatterIssue[] }
  | { kind: 'parsed'; data: unknown; locate: (path: readonly PropertyKey[]) => number | undefined }

const OPENING = /^\uFEFF?---([^\r\n]*)\r?\n/

class RefusedLanguage extends Error {}

function refuse(): never {
  throw new RefusedLanguage('front matter languages other than YAML are never evaluated')
}

/** True when the text opens with a front matter block (any language). */
export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text)
}

export function readFrontMatter(text: string): FrontMatter {
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
  return parseFast(yamlText) ?? parseYaml(yamlText)
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
  let careful: FrontMatter | undefined
  const locate = (path: readonly PropertyKey[]): number | undefined => {
    careful ??= parseYaml(source)
    return careful.kind === 'parsed' ? careful.locate(path) : undefined
  }
  return { kind: 'parsed', data, locate }
}

/**
 * gray-matter hands over the text after the opening `---`, starting with the rest of line 1, so
 * line numbers in it are already line numbers of the file.
 */
function parseYaml(source: string): FrontMatter {
  const lineCounter = new LineCounter()
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line
  if (document.errors.length > 0) {
    return {
      kind: 'invalid',
      issues: document.errors.map(error => ({
        message: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '',
        line: lineOf(error.pos[0])
      }))
    }
  }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    return { kind: 'invalid', issues: [{ message: (error as Error).message }] }
  }
  return { kind: 'parsed', data, locate: path => locate(document, path, lineOf) }
}

/** The line of the node at `path`, or of its nearest ancestor that exists; a key's own line when the path ends at a key. */
function locate(
  document: Document,
  path: readonly PropertyKey[],
  lineOf: (offset: number) => number
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth).map(key => (typeof key === 'symbol' ? String(key) : key))
    const parent = depth > 0 ? document.getIn(prefix.slice(0, -1), true) : undefined
    const last = prefix[prefix.length - 1]
    if (isMap(parent) && typeof last === 'string') {
      const pair = parent.items.find(item => isNode(item.key) && String(item.key.toJSON()) === last)
      if (pair && isNode(pair.key) && pair.key.range) return lineOf(pair.key.range[0])
    }
    const node = document.getIn(prefix, true)
    if (isNode(node) && node.range) return lineOf(node.range[0])
  }
  return undefined
}
