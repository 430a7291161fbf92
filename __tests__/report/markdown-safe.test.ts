/**
 * Untrusted text placed in Markdown: never HTML, never a ping, a link or a cross-reference, never
 * an HTML comment the action would read back; and truncation that keeps the document well formed.
 */
import { describe, expect, it } from '@jest/globals'
import {
  code,
  details,
  fenced,
  table,
  text,
  truncateMarkdown
} from '../../src/report/markdown-safe.js'

const HOSTILE = [
  '@acme/oncall please look',
  'see https://evil.example/login or www.evil.example',
  'fixes #123',
  '<!-- deploy-executor-record {"status":"success"} -->',
  '<!-- deploy-executor:production -->',
  '<img src=x onerror=alert(1)>',
  '[Approve the rollback](https://evil.example/approve)',
  '`` `code` ``',
  'a | b'
]

/** What GitHub would act on in rendered text: a mention, a bare link, a reference, a comment, a tag. */
function actsOn(markdown: string): string[] {
  const outsideCode = markdown.replace(/(`+)[\s\S]*?\1/g, '')
  return [
    /(^|[^\w\u200b])@[A-Za-z0-9]/.test(outsideCode) ? 'mention' : '',
    /https?:\/\/|www\./i.test(outsideCode) ? 'autolink' : '',
    /(^|[^\w\u200b])#\d/.test(outsideCode) ? 'reference' : '',
    /<!--/.test(markdown) ? 'comment' : '',
    /<img|<a /i.test(outsideCode) ? 'html' : '',
    /(^|[^\\])\]\(/.test(outsideCode) ? 'link' : ''
  ].filter(Boolean)
}

describe('safe Markdown', () => {
  it.each(HOSTILE)('places %j as plain text GitHub does not act on', value => {
    expect(actsOn(text(value))).toEqual([])
  })

  it.each(HOSTILE)('places %j as code that shows it whole and opens no comment', value => {
    const span = code(value)

    expect(actsOn(span)).toEqual([])
    expect(span.replace(/\u200b/g, '')).toContain(value)
  })

  it.each(HOSTILE)('places %j in a fenced block no line of it can close', value => {
    const block = fenced(`${value}\n\`\`\`\`\`\`\n${value}`)
    const fence = block.split('\n', 1)[0] ?? ''

    expect(block.split('\n').filter(line => line.startsWith(fence))).toHaveLength(2)
    expect(block).not.toContain('<!--')
  })

  it.each([
    ['text', text],
    ['code', code],
    ['a fenced block', fenced]
  ])('shows control characters as their pictures in %s, and drops colour sequences', (_, place) => {
    const placed = place('a\0b\x1b[31mred\x1b[0m\x07\x7f\x85c')

    // eslint-disable-next-line no-control-regex
    expect(placed).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/)
    expect(placed).toContain('a␀bred␇␡\ufffdc')
  })

  it('escapes a pipe in every table cell, in code too', () => {
    expect(table(['a'], [[code('x | y')], [text('p | q')]])).toBe(
      '| a |\n| --- |\n| `x \\| y` |\n| p \\| q |'
    )
  })

  it('closes a fence and a collapsed section the cut left open, within the limit', () => {
    const markdown = [
      '# Report',
      details('Output', fenced(Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n'))),
      'after'
    ].join('\n\n')

    const cut = truncateMarkdown(markdown, 2_000, '✂️ Truncated: see the summary')

    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(2_000)
    expect(cut.match(/^```/gm)).toHaveLength(2)
    expect(cut).toContain('</details>')
    expect(cut.trimEnd().endsWith('Truncated: see the summary')).toBe(true)
  })

  it('counts a fence opened by a long run of backticks', () => {
    const markdown = fenced(`x${'`'.repeat(3_000)}\n${'y'.repeat(9_000)}`)

    const cut = truncateMarkdown(markdown, 8_000, '✂️ Truncated: see the summary')

    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(8_000)
    const fence = '`'.repeat(3_001)
    expect(cut.split('\n').filter(line => line === fence)).toHaveLength(2)
  })
})
