/**
 * The careful YAML path: the `yaml` library's document, with source positions for error lines and
 * a bound on alias expansion. Loaded on demand: a valid plan without anchors never needs it.
 */
import { LineCounter, isMap, isNode, parseDocument, visit, type Document } from 'yaml'
import type { FrontMatter } from './front-matter-result.js'

/** The tags of the YAML 1.2 core schema: a plan needs no other. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map(name => `tag:yaml.org,2002:${name}`)
)

/**
 * gray-matter hands over the text after the opening `---`, starting with the rest of line 1, so
 * line numbers in it are already line numbers of the file.
 */
export function parseWithPositions(source: string): FrontMatter {
  const lineCounter = new LineCounter()
  const document = parseDocument(source, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    schema: 'core'
  })
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
  // A tag the YAML core schema does not define would be dropped and its text taken as a plain
  // value: `!!js/function "rm -rf /"` must never become a command. Every such tag is an error.
  const tagged: { message: string; line?: number }[] = []
  visit(document, {
    Node: (_, node) => {
      if (node.tag !== undefined && !CORE_TAGS.has(node.tag))
        tagged.push({
          message: `the YAML tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not one of the core schema's (str, int, float, bool, null, map, seq): remove it`,
          ...(node.range ? { line: lineOf(node.range[0]) } : {})
        })
    }
  })
  if (tagged.length > 0) return { kind: 'invalid', issues: tagged }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    return { kind: 'invalid', issues: [{ message: (error as Error).message }] }
  }
  return { kind: 'parsed', data, locate: path => Promise.resolve(locate(document, path, lineOf)) }
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
