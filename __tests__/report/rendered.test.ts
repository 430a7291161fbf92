/**
 * Each kind of report, in both languages, rendered as GitHub renders Markdown (a GFM renderer with
 * GitHub's alerts): the result is in the headline, the cause in an alert, the timeline a chart,
 * every table has a header, nothing escaped shows as text, and Chinese reports are Chinese.
 */
import { describe, expect, it } from '@jest/globals'
import { Marked } from 'marked'
import markedAlert from 'marked-alert'
import { renderReport } from '../../src/report/markdown.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { CATALOGUES } from '../../src/report/text.js'
import { englishSentences } from '../support/catalogues.js'
import { SAMPLES } from '../support/report-samples.js'

const gfm = new Marked({ gfm: true, async: false }).use(markedAlert())
const KINDS = Object.keys(SAMPLES)
const CASES = KINDS.flatMap(kind => (['en', 'zh'] as const).map(locale => [kind, locale] as const))

function html(kind: string, locale: 'en' | 'zh'): string {
  return gfm.parse(renderReport(SAMPLES[kind]!, locale)) as string
}

describe('rendered reports', () => {
  it.each(CASES)('%s (%s): the headline states the result', (kind, locale) => {
    const first = html(kind, locale).split('\n')[0] ?? ''

    expect(first).toMatch(/^<h1>/)
    expect(first).toContain(CATALOGUES[locale].status[SAMPLES[kind]!.status].split(' ')[0]!)
  })

  it.each(CASES)(
    '%s (%s): every table has a header row with a name in each column',
    (kind, locale) => {
      const tables = html(kind, locale).split('<table>').slice(1)

      expect(tables.length).toBeGreaterThan(0)
      for (const table of tables) {
        const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? ''
        const cells = [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map(match =>
          match[1]?.trim()
        )
        expect(cells.length).toBeGreaterThan(1)
        expect(cells.every(cell => cell !== '')).toBe(true)
      }
    }
  )

  it.each(CASES)('%s (%s): shows no escaped HTML as text', (kind, locale) => {
    expect(html(kind, locale)).not.toMatch(/&amp;(lt|gt|quot|amp|#\d+);/)
  })

  it.each(CASES.filter(([kind]) => kind !== 'success'))(
    '%s (%s): puts what matters first in a GitHub alert',
    (kind, locale) => {
      const page = html(kind, locale)
      const alertAt = page.indexOf('markdown-alert')

      expect(alertAt).toBeGreaterThan(0)
      expect(alertAt).toBeLessThan(page.indexOf('<h2'))
    }
  )

  it.each([
    ['failure', /relation &quot;orders&quot; already exists/],
    ['rolled-back', /relation &quot;orders&quot; already exists/],
    ['dry-run', /API_KEY is not set/]
  ])('%s: the alert names the cause', (kind, cause) => {
    const alertHtml = html(kind, 'en').split('<h2')[0] ?? ''

    expect(alertHtml).toMatch(cause)
  })

  it.each(
    CASES.filter(([kind]) => ['success', 'failure', 'rolled-back', 'cancelled'].includes(kind))
  )('%s (%s): draws the timeline as a Mermaid Gantt chart', (kind, locale) => {
    const chart = /<code class="language-mermaid">([\s\S]*?)<\/code>/.exec(html(kind, locale))?.[1]

    expect(chart).toMatch(/^gantt\n\s+dateFormat x\n/)
    expect(chart).toMatch(/section .+\n\s+migrate :done, \d+, \d+/)
  })

  it.each(KINDS)('%s: a Chinese report holds no English sentence of any catalogue', kind => {
    const zh = renderReport(SAMPLES[kind]!, 'zh')

    expect(englishSentences().filter(sentence => zh.includes(sentence))).toEqual([])
  })

  it.each(KINDS)('%s: Chinese sections are numbered without gaps', kind => {
    const numbers = [...renderReport(SAMPLES[kind]!, 'zh').matchAll(/^## (\S+?)、/gm)].map(
      match => match[1]
    )

    expect(numbers).toEqual(
      ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'].slice(
        0,
        numbers.length
      )
    )
  })

  it.each(KINDS)('%s: the terminal view has no Markdown or HTML in it', kind => {
    const text = renderTerminal(SAMPLES[kind]!, 'en', { isColour: false })

    expect(text).not.toMatch(/&(lt|gt|quot|amp);|<\/?\w+>|\*\*|^\|/m)
    expect(text).not.toContain('```')
  })
})

describe('the catalogue', () => {
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix]
    return Object.entries(value).flatMap(([key, item]) => keys(item, `${prefix}.${key}`))
  }

  it('has every key in both languages', () => {
    expect(keys(CATALOGUES.zh).sort()).toEqual(keys(CATALOGUES.en).sort())
  })

  it('uses full-width punctuation in Chinese sentences', () => {
    const zhStrings: string[] = []
    const visit = (value: unknown): void => {
      if (typeof value === 'string') zhStrings.push(value)
      else if (typeof value === 'function')
        visit((value as (...args: unknown[]) => unknown)('x', 'y', 'z', 'w'))
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit)
    }
    visit(CATALOGUES.zh)
    const halfWidth = zhStrings.filter(text =>
      /[\u4e00-\u9fff][,.:;!?()]|[,.:;!?()][\u4e00-\u9fff]/.test(text)
    )

    expect(halfWidth).toEqual([])
  })
})

describe('the time a report gives', () => {
  it.each<[string, 'en' | 'zh', string]>([
    ['refused', 'zh', '| 检查时间 |'],
    ['refused', 'en', '| Checked |'],
    ['dry-run', 'zh', '| 预演时间 |'],
    ['success', 'zh', '| 部署时间 |']
  ])('a %s report in %s labels it %s', (kind, locale, label) => {
    expect(renderReport(SAMPLES[kind]!, locale)).toContain(label)
  })
})
