/**
 * The one Markdown renderer: the report document as GitHub renders it, used as it is by the report
 * file, the job summary and the PR comment. An alert block for the cause, a Mermaid Gantt chart for
 * the timeline, tables with headers, long parts collapsed. Every piece of text goes through
 * markdown-safe.ts. Pure: the same report always gives the same text.
 */
import type { Locale } from '../openlogos/project-config.js'
import { formatDecimal } from '../core/decimal.js'
import type {
  Alert,
  Block,
  Inline,
  Line,
  LineChart,
  ListItem,
  ReportDocument,
  TimelineLane
} from './document.js'
import { code, details, fenced, table, text } from './markdown-safe.js'
import type { DeploymentReport } from './model.js'
import { buildDocument } from './view.js'

/** `report` must already be redacted (redact-report.ts). */
export function renderReport(report: DeploymentReport, locale: Locale): string {
  return renderMarkdown(buildDocument(report, locale))
}

export function renderMarkdown(document: ReportDocument): string {
  const parts = [`# ${text(document.headline)}`]
  if (document.lead) parts.push(alert(document.lead))
  document.sections.forEach((section, index) => {
    const number = document.isNumbered ? `${chineseNumeral(index + 1)}、` : ''
    parts.push(`## ${number}${text(section.title)}`, ...section.blocks.map(block))
  })
  return `${parts.join('\n\n')}\n`
}

const ALERT_KIND = { note: 'NOTE', tip: 'TIP', warning: 'WARNING', caution: 'CAUTION' } as const

/** A GitHub alert: a block quote whose first line names its kind. */
function alert(lead: Alert): string {
  const body = lead.blocks.map(block).join('\n\n')
  return `> [!${ALERT_KIND[lead.level]}]\n${body.replace(/^/gm, '> ').replace(/> $/gm, '>')}`
}

function block(item: Block): string {
  switch (item.kind) {
    case 'paragraph':
      return inline(item.line)
    case 'list':
      return item.items
        .map((entry, index) => listItem(entry, item.isOrdered ? `${index + 1}. ` : '- '))
        .join('\n')
    case 'table':
      return table(
        item.header.map(text),
        item.rows.map(row => row.map(inline))
      )
    case 'code':
      return fenced(item.text, item.language)
    case 'collapsed':
      return details(item.summary, item.blocks.map(block).join('\n\n'))
    case 'timeline':
      return gantt(item.lanes)
    case 'chart':
      return xychart(item.chart)
  }
}

/** A list item whose children are indented under its text, so GitHub nests them. */
function listItem(entry: ListItem, marker: string): string {
  const children = (entry.children ?? []).map(child =>
    block(child).replace(/^(?=.)/gm, ' '.repeat(marker.length))
  )
  return [`${marker}${inline(entry.line)}`, ...children].join('\n\n')
}

function inline(line: Line): string {
  return line.map(part).join('')
}

function part(piece: Inline): string {
  if (typeof piece === 'string') return text(piece)
  if ('code' in piece) return code(piece.code)
  if ('strong' in piece) return `**${text(piece.strong)}**`
  return `[${text(piece.link)}](${safeUrl(piece.url)})`
}

/** Links the action makes (the run, the comparison) are http(s); anything else is not linked. */
function safeUrl(url: string): string {
  return /^https?:\/\/[^\s()<>]+$/.test(url) ? url : '#'
}

/**
 * What Mermaid's gantt lexer reads at the start of a line before it tries a task name: a keyword
 * (`call` and `href` begin a click handler, `accTitle` takes the rest of the line), a date, or a
 * comment (a `%` as the first or second character). Each is a syntax error or a task missing from
 * the chart.
 */
const GANTT_KEYWORDS = [
  'section',
  'title',
  'dateformat',
  'axisformat',
  'excludes',
  'includes',
  'todaymarker',
  'tickinterval',
  'weekday',
  'weekend',
  'click',
  'call',
  'href',
  'gantt',
  'topaxis',
  'inclusiveenddates',
  'acctitle',
  'accdescr',
  'accdescription'
]
const MERMAID_KEYWORDS = new RegExp(
  `^(?:(?:${GANTT_KEYWORDS.join('|')})\\b|\\d{4}-\\d{2}-\\d{2}\\b|.?%)`,
  'i'
)

/**
 * A task or section name as Mermaid reads it: no separators, nothing at the start that Mermaid
 * reads as something else, and no `%%` or braces, which Mermaid would read as a comment or a
 * `%%{init: ...}%%` directive anywhere.
 */
function ganttName(name: string): string {
  const plain = name
    .replace(/[:;#`<>{}\r\n]/g, ' ')
    .replace(/%+/g, '%')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)
  const named = plain === '' ? '—' : plain
  return MERMAID_KEYWORDS.test(named) ? `· ${named}` : named
}

const TASK_TAG = { done: 'done', failed: 'crit', cancelled: 'active' } as const

/** A Mermaid Gantt chart, which GitHub draws in summaries, comments and files. */
function gantt(lanes: TimelineLane[]): string {
  const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  todayMarker off']
  for (const lane of lanes) {
    lines.push(`  section ${ganttName(lane.title)}`)
    for (const task of lane.tasks)
      lines.push(
        `  ${ganttName(task.name)} :${TASK_TAG[task.state]}, ${task.startMs}, ${task.endMs}`
      )
  }
  return fenced(lines.join('\n'), 'mermaid')
}

/**
 * Text inside a quoted Mermaid string: Mermaid ends it at a double quote and reads `%%` as a
 * comment or directive, so only letters, digits, spaces and plain punctuation are kept.
 */
function chartText(text: string): string {
  const plain = text
    .replace(/[^\p{L}\p{N} .,_()/+\-%、，（）]/gu, ' ')
    .replace(/%+/g, '%')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
  return plain === '' ? '—' : plain
}

/** A Mermaid xychart: GitHub draws each series as a line over the labels. */
const XYCHART_COLOURS =
  '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e, #8250df"}}}}%%'

function xychart(chart: LineChart): string {
  const list = (items: string[]): string => `[${items.join(', ')}]`
  const lines = [
    // Mermaid's default first colour is a pale lavender that all but vanishes on white: the
    // samples get a strong one, the bound and the baseline the next.
    XYCHART_COLOURS,
    'xychart-beta',
    `  title "${chartText(chart.title)}"`,
    `  x-axis ${list(chart.labels.map(label => `"${chartText(label)}"`))}`,
    `  y-axis "${chartText(chart.axis)}"`,
    ...chart.series.map(
      series => `  line "${chartText(series.name)}" ${list(series.values.map(formatDecimal))}`
    )
  ]
  return fenced(lines.join('\n'), 'mermaid')
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十: section numbers as OpenLogos writes them. */
export function chineseNumeral(value: number): string {
  if (value < 10) return DIGITS[value] ?? String(value)
  if (value >= 100) return String(value)
  const tens = Math.floor(value / 10)
  const ones = value % 10
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${DIGITS[ones] ?? ''}`
}
