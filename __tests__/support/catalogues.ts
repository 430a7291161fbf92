/**
 * Every message catalogue of src/, and what the tests need to read them: each entry said in both
 * languages with sample values, the English sentences a Chinese text must not hold, and the ASCII
 * punctuation a Chinese sentence must not use.
 */
import { CATALOGUE as action } from '../../src/action/messages.js'
import { CATALOGUE as core } from '../../src/core/messages.js'
import { CATALOGUE as execution } from '../../src/execution/messages.js'
import { CATALOGUE as github } from '../../src/github/messages.js'
import { CATALOGUE as openlogos } from '../../src/openlogos/messages.js'
import { CATALOGUE as plan } from '../../src/plan/messages.js'
import { CATALOGUE as record } from '../../src/report/messages.js'
import { CATALOGUES as report } from '../../src/report/text.js'

/** By the file that holds it, relative to src/. */
export const ALL_CATALOGUES: Record<string, { en: object; zh: object }> = {
  'action/messages.ts': action,
  'core/messages.ts': core,
  'execution/messages.ts': execution,
  'github/messages.ts': github,
  'openlogos/messages.ts': openlogos,
  'plan/messages.ts': plan,
  'report/messages.ts': record,
  'report/text.ts': report
}

/**
 * A value that serves as any parameter an entry takes: a name (`x`), a number (2, or 1 to reach
 * the singular), a Message (`x` in both languages), a Line of the report (`['x']`).
 */
function sample(number: number): unknown {
  return Object.assign(['x'], { en: 'x', zh: 'x', toString: () => 'x', valueOf: () => number })
}

/** What an entry says: each of its texts, with sample values in the functions. */
function saidBy(entry: unknown): unknown[] {
  if (typeof entry !== 'function') return [entry]
  const call = entry as (...args: unknown[]) => unknown
  const args = (number: number): unknown[] => Array.from({ length: 6 }, () => sample(number))
  return [call(...args(2)), call(...args(1))]
}

/** The words of one piece of a Line: its text, a bold or linked text, never code. */
function textOf(piece: unknown): string[] {
  if (typeof piece === 'string') return [piece]
  if (typeof piece !== 'object' || piece === null || Array.isArray(piece)) return [String(piece)]
  if ('code' in piece) return []
  if ('strong' in piece) return [String(piece.strong)]
  if ('link' in piece) return [String(piece.link)]
  return [JSON.stringify(piece)]
}

/** Every text of a catalogue by its key path (`locator.noActive`), one language. */
export function textsOf(catalogue: object): Map<string, string[]> {
  const texts = new Map<string, string[]>()
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string' || typeof value === 'function') {
      const said = saidBy(value).flatMap((item): unknown[] => (Array.isArray(item) ? item : [item]))
      // An entry whose value is a Line (the report's frame) says its strings.
      texts.set(key, said.flatMap(textOf))
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value)) visit(item, key ? `${key}.${name}` : name)
    }
  }
  visit(catalogue, '')
  return texts
}

/** Every key path of a catalogue, functions and strings alike. */
export function keysOf(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`]
  )
}

/** Words of English a reader would read: a text minus code spans, placeholders and names. */
export function englishWords(text: string): string[] {
  const prose = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    // Names of files, keys, inputs and markers: `tasks.md`, `rollback.steps`, `allow-no-rollback`.
    .replace(/[\w.-]*[._/-][\w.-]*|\b[A-Z_]{2,}\b/g, ' ')
  return prose.match(/\b[a-z]{3,}\b/gi) ?? []
}

/** The English sentences of every catalogue, as sample values fill them in. */
export function englishSentences(): string[] {
  const found = new Set<string>()
  for (const catalogue of Object.values(ALL_CATALOGUES))
    for (const texts of textsOf(catalogue.en).values())
      for (const text of texts)
        for (const part of text.split(/[.:;]\s|\(|\)|\n/)) {
          const sentence = part.trim()
          // Sentences only: three words or more that say something in English.
          if (/^[A-Za-z][a-z']*(\s+[a-z'-]+){2,}/.test(sentence) && !sentence.includes('[object'))
            found.add(sentence)
        }
  return [...found]
}

const CJK = '\\u3400-\\u9fff'

/** ASCII punctuation that ends or joins a Chinese sentence, in a text outside code. */
export function halfWidthPunctuation(text: string): string[] {
  const prose = text
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
  const pattern = new RegExp(
    `[${CJK}][,.:;!?()]|[,.:;!?()][${CJK}]|[${CJK}][,;:] |[,;] +[${CJK}]`,
    'g'
  )
  return [...prose.matchAll(pattern)].map(match => {
    const at = match.index
    return prose.slice(Math.max(0, at - 12), at + 12)
  })
}

/** Whether a text holds Chinese at all. */
export function hasChinese(text: string): boolean {
  return new RegExp(`[${CJK}]`).test(text)
}
