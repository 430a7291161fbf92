/**
 * Every message catalogue of src/ is complete in both languages: no key without its Chinese, no
 * empty text, no Chinese text that is still English, and full-width punctuation in Chinese
 * sentences. The type system already refuses a missing key; these catch what it cannot see.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import {
  ALL_CATALOGUES,
  englishWords,
  halfWidthPunctuation,
  hasChinese,
  keysOf,
  textsOf
} from './support/catalogues.js'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.relative(SRC, path.join(dir, entry.name)).split(path.sep).join('/')]
        : []
  )
}

const CASES = Object.entries(ALL_CATALOGUES)

describe('the message catalogues', () => {
  it('are all checked here: every file of src/ that holds a catalogue', () => {
    const holders = sourceFiles().filter(file =>
      /^export const CATALOGUES? = /m.test(readFileSync(path.join(SRC, file), 'utf8'))
    )

    expect(holders.sort()).toEqual(Object.keys(ALL_CATALOGUES).sort())
  })

  it('are the only place of a sentence: no check, note or log line is written in place', () => {
    const inPlace = sourceFiles()
      .filter(file => !Object.keys(ALL_CATALOGUES).includes(file))
      .flatMap(file =>
        readFileSync(path.join(SRC, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
      )
      .filter(({ line }) =>
        /\b(passed|failed|warned|wouldRefuse)\(\s*['`"]|\blog\.(info|warning|error|debug|group)\(\s*['`"]/.test(
          line
        )
      )
      .map(({ where }) => where)

    expect(inPlace).toEqual([])
  })

  it.each(CASES)('%s: Chinese has every key English has, and no other', (_, catalogue) => {
    expect(keysOf(catalogue.zh).sort()).toEqual(keysOf(catalogue.en).sort())
  })

  it.each(CASES)('%s: no text is empty, in either language', (_, catalogue) => {
    const empty = (['en', 'zh'] as const).flatMap(locale =>
      [...textsOf(catalogue[locale])]
        .filter(([, texts]) => texts.some(text => text.trim() === ''))
        .map(([key]) => `${locale}: ${key}`)
    )

    expect(empty).toEqual([])
  })

  it.each(CASES)('%s: every Chinese text is Chinese where the English is prose', (_, catalogue) => {
    const zh = textsOf(catalogue.zh)
    const untranslated = [...textsOf(catalogue.en)]
      .filter(([key, texts]) =>
        texts.some((text, index) => {
          const chinese = zh.get(key)?.[index] ?? ''
          return englishWords(text).length > 0 && (chinese === text || !hasChinese(chinese))
        })
      )
      .map(([key]) => key)

    expect(untranslated).toEqual([])
  })

  it.each(CASES)('%s: Chinese sentences use full-width punctuation', (_, catalogue) => {
    const halfWidth = [...textsOf(catalogue.zh)].flatMap(([key, texts]) =>
      texts.flatMap(text => halfWidthPunctuation(text).map(found => `${key}: ${found}`))
    )

    expect(halfWidth).toEqual([])
  })
})
