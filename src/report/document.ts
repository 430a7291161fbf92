/**
 * A report as a document, before it is Markdown or terminal text: a headline, a lead (the alert a
 * reader sees first), then sections of blocks. view.ts builds it from the report model; markdown.ts
 * and terminal.ts only place it, so the file, the job summary, the PR comment and the CLI say the
 * same thing.
 */

/** Inline content: plain text, code shown as written, emphasis, or a link the action made. */
export type Inline = string | { code: string } | { strong: string } | { link: string; url: string }

export type Line = Inline[]

export type Block =
  | { kind: 'paragraph'; line: Line }
  | { kind: 'list'; isOrdered: boolean; items: ListItem[] }
  | { kind: 'table'; header: string[]; rows: Line[][] }
  | { kind: 'code'; text: string; language: string }
  | { kind: 'collapsed'; summary: string; blocks: Block[] }
  /** When each step, check and rollback step ran: a Gantt chart on GitHub, bars in a terminal. */
  | { kind: 'timeline'; lanes: TimelineLane[] }
  /** Values over samples: a Mermaid xychart line chart on GitHub, sparklines in a terminal. */
  | { kind: 'chart'; chart: LineChart }

/** Lines over the same points: each series has one value for each label. */
export interface LineChart {
  title: string
  axis: string
  labels: string[]
  series: { name: string; values: number[] }[]
}

export interface TimelineLane {
  title: string
  tasks: TimelineTask[]
}

export interface TimelineTask {
  name: string
  startMs: number
  endMs: number
  state: 'done' | 'failed' | 'cancelled'
}

export interface ListItem {
  line: Line
  children?: Block[]
}

export type AlertLevel = 'note' | 'tip' | 'warning' | 'caution'

export interface Alert {
  level: AlertLevel
  blocks: Block[]
}

export interface Section {
  title: string
  blocks: Block[]
}

export interface ReportDocument {
  headline: string
  lead?: Alert
  sections: Section[]
  /** Chinese documents number their sections (一、二、…), as OpenLogos reports do. */
  isNumbered: boolean
}

export const paragraph = (...line: Line): Block => ({ kind: 'paragraph', line })
export const code = (text: string): Inline => ({ code: text })
export const strong = (text: string): Inline => ({ strong: text })
