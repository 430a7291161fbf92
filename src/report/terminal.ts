/**
 * The report document as a terminal shows it: plain text, aligned tables, the timeline as bars, and
 * colours only when the output is a terminal. Never Markdown syntax or HTML entities: a person
 * reads this directly.
 */
import type { Locale } from '../openlogos/project-config.js'
import type {
  Alert,
  Block,
  Inline,
  Line,
  LineChart,
  ReportDocument,
  TimelineLane
} from './document.js'
import { chineseNumeral } from './markdown.js'
import type { DeploymentReport } from './model.js'
import { buildDocument } from './view.js'

interface Style {
  bold: (text: string) => string
  dim: (text: string) => string
  code: (text: string) => string
  level: Record<Alert['level'], (text: string) => string>
}

const ansi = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`

const COLOURS: Style = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  code: ansi(36, 39),
  level: { note: ansi(34, 39), tip: ansi(32, 39), warning: ansi(33, 39), caution: ansi(31, 39) }
}

const same = (text: string): string => text
const PLAIN: Style = {
  bold: same,
  dim: same,
  code: same,
  level: { note: same, tip: same, warning: same, caution: same }
}

/** Width of the timeline's bars, in characters. */
const BAR_WIDTH = 40

/** `report` must already be redacted. */
export function renderTerminal(
  report: DeploymentReport,
  locale: Locale,
  options: { isColour: boolean }
): string {
  return terminalText(buildDocument(report, locale), options.isColour ? COLOURS : PLAIN)
}

function terminalText(document: ReportDocument, style: Style): string {
  const parts = [style.bold(plain(document.headline))]
  if (document.lead) {
    const colour = style.level[document.lead.level]
    parts.push(
      document.lead.blocks
        .map(item => block(item, style))
        .join('\n\n')
        .replace(/^/gm, colour('│ '))
    )
  }
  document.sections.forEach((section, index) => {
    const number = document.isNumbered ? `${chineseNumeral(index + 1)}、` : ''
    const title = `${number}${plain(section.title)}`
    parts.push(
      `${style.bold(title)}\n${style.dim('─'.repeat(width(title)))}`,
      ...section.blocks.map(item => block(item, style))
    )
  })
  return `${parts.join('\n\n')}\n`
}

function block(item: Block, style: Style): string {
  switch (item.kind) {
    case 'paragraph':
      return inline(item.line, style)
    case 'list':
      return item.items
        .map((entry, index) => {
          const marker = item.isOrdered ? `${index + 1}. ` : '• '
          const children = (entry.children ?? []).map(child =>
            block(child, style).replace(/^/gm, ' '.repeat(marker.length))
          )
          return [`${marker}${inline(entry.line, style)}`, ...children].join('\n')
        })
        .join('\n')
    case 'table':
      return tableText(
        item.header.map(plain),
        item.rows.map(row => row.map(cell => inline(cell, PLAIN))),
        style
      )
    case 'code':
      return plain(item.text)
        .split('\n')
        .map(line => `    ${style.code(line)}`)
        .join('\n')
    case 'collapsed':
      return [
        style.dim(`▸ ${plain(item.summary)}`),
        ...item.blocks.map(child => block(child, style))
      ].join('\n')
    case 'timeline':
      return bars(item.lanes, style)
    case 'chart':
      return sparklines(item.chart, style)
  }
}

function inline(line: Line, style: Style): string {
  return line.map(piece => part(piece, style)).join('')
}

function part(piece: Inline, style: Style): string {
  if (typeof piece === 'string') return plain(piece)
  if ('code' in piece) return style.code(plain(piece.code))
  if ('strong' in piece) return style.bold(plain(piece.strong))
  return piece.link === piece.url ? plain(piece.url) : `${plain(piece.link)} <${plain(piece.url)}>`
}

/** Control characters from untrusted text would drive the terminal: shown, never obeyed. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '�')
}

const graphemes = new Intl.Segmenter()

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u

/** Display width, character by character: CJK and emoji take two columns, marks none. */
function width(text: string): number {
  let columns = 0
  for (const { segment } of graphemes.segment(text)) columns += WIDE.test(segment) ? 2 : 1
  return columns
}

/** The longest start of `text` that fits in `columns`, cut between whole characters. */
function cutToWidth(text: string, columns: number): string {
  let result = ''
  for (const { segment } of graphemes.segment(text)) {
    if (width(result + segment) > columns) break
    result += segment
  }
  return result
}

function tableText(header: string[], rows: string[][], style: Style): string {
  const widths = header.map((cell, column) =>
    Math.min(60, Math.max(width(cell), ...rows.map(row => width(row[column] ?? ''))))
  )
  const pad = (cell: string, column: number): string => {
    const columns = widths[column] ?? 0
    const cut = width(cell) > columns ? `${cutToWidth(cell, columns - 1)}…` : cell
    return cut + ' '.repeat(Math.max(0, columns - width(cut)))
  }
  const line = (cells: string[]): string => cells.map(pad).join('  ').trimEnd()
  return [style.bold(line(header)), ...rows.map(line)].join('\n')
}

/** The timeline as bars on a common scale. */
function bars(lanes: TimelineLane[], style: Style): string {
  const tasks = lanes.flatMap(lane => lane.tasks)
  const start = Math.min(...tasks.map(task => task.startMs))
  const end = Math.max(...tasks.map(task => task.endMs))
  const span = Math.max(1, end - start)
  const nameWidth = Math.min(30, Math.max(...tasks.map(task => width(task.name))))
  const lines: string[] = []
  for (const lane of lanes) {
    lines.push(style.bold(plain(lane.title)))
    for (const task of lane.tasks) {
      const from = Math.floor(((task.startMs - start) / span) * BAR_WIDTH)
      const length = Math.max(1, Math.round(((task.endMs - task.startMs) / span) * BAR_WIDTH))
      const mark = task.state === 'done' ? '█' : task.state === 'failed' ? '▓' : '░'
      const name = plain(task.name)
      lines.push(
        `  ${name}${' '.repeat(Math.max(0, nameWidth - width(name)))}  ${' '.repeat(from)}${mark.repeat(length)}`
      )
    }
  }
  return lines.join('\n')
}

const LEVELS = '▁▂▃▄▅▆▇█'

/** A chart as one line of blocks per series, on a common scale. */
function sparklines(chart: LineChart, style: Style): string {
  const values = chart.series.flatMap(series => series.values)
  const low = Math.min(...values)
  const span = Math.max(...values) - low
  const nameWidth = Math.max(...chart.series.map(series => width(plain(series.name))))
  const level = (value: number): string =>
    LEVELS[span === 0 ? 0 : Math.round(((value - low) / span) * (LEVELS.length - 1))] ?? ''
  return [
    style.bold(plain(chart.title)),
    ...chart.series.map(series => {
      const name = plain(series.name)
      return `  ${name}${' '.repeat(Math.max(0, nameWidth - width(name)))}  ${series.values.map(level).join('')}`
    })
  ].join('\n')
}
