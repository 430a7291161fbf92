/**
 * Safe Markdown building: the one place where text the action did not write (step output, a
 * URL a step reported, command-check output, commit messages, plan text) becomes Markdown for the
 * report file, the job summary and the PR comment. Callers pass text already redacted.
 *
 * - Plain text is escaped (no HTML, no Markdown syntax), and what GitHub would turn into a ping,
 *   a link or a cross-reference (`@team`, `https://…`, `www.…`, `#123`) is broken with an
 *   invisible character.
 * - Code goes in code spans and fenced blocks longer than any run of backticks inside, where GitHub
 *   neither parses Markdown nor links or mentions anything.
 * - Nowhere can such text write an HTML comment, so it can never forge the hidden lines the
 *   action reads back (report record lines, comment markers, comment history).
 */

/** Invisible, and enough to keep GitHub from seeing a mention, a link or a comment opening. */
const BREAK = '\u200b'

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** What GitHub would make a ping, an autolink or a cross-reference, made plain. */
function defuse(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${BREAK}`)
    .replace(/#(?=\d)/g, `#${BREAK}`)
    .replace(/:\/\//g, `:${BREAK}//`)
    .replace(/\b(www)\./gi, `$1${BREAK}.`)
}

/** Colour and cursor sequences of a terminal: meaningless in a report, so dropped. */
// eslint-disable-next-line no-control-regex
const TERMINAL_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g

/**
 * Control characters shown as their pictures (NUL as ␀, ESC as ␛; C1 controls as �): a NUL byte
 * would make git take the committed report for a binary file, and the others mean nothing on a page.
 */
function printable(text: string): string {
  return text.replace(TERMINAL_SEQUENCE, '').replace(CONTROL, char => {
    const point = char.charCodeAt(0)
    if (point < 0x20) return String.fromCharCode(0x2400 + point)
    return point === 0x7f ? '\u2421' : '\ufffd'
  })
}

/** Text shown as it is, in code: only the opening of an HTML comment needs breaking there. */
function literal(text: string): string {
  return printable(text).replace(/<!--/g, `<!-${BREAK}-`)
}

/** Plain text for a paragraph, a list item or a table cell: no HTML, no Markdown syntax, one line. */
export function text(value: string): string {
  return escapeHtml(defuse(printable(value)))
    .replace(/([\\`*_[\]#~])/g, '\\$1')
    .replace(/\r\n|\r|\n/g, ' ')
}

/** Inline code: a code span whose delimiters no backtick inside can close, on one line. */
export function code(value: string): string {
  const line = literal(value).replace(/\r\n|\r|\n/g, ' ⏎ ')
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map(match => match[0].length))
  const delimiter = '`'.repeat(longest + 1)
  const padded = /^`|`$|^ .* $/.test(line) || line === '' ? ` ${line} ` : line
  return `${delimiter}${padded}${delimiter}`
}

/** A fenced block longer than any run of backticks inside it. */
export function fenced(value: string, language = ''): string {
  const body = literal(value).replace(/\r\n?/g, '\n').replace(/\n$/, '')
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map(match => match[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${body}\n${fence}`
}

/** A table; a `|` in a cell is escaped, inside code spans too (GitHub's tables allow that). */
export function table(header: string[], rows: string[][]): string {
  const cell = (value: string): string => value.replace(/\|/g, '\\|')
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** A collapsed block; the body is Markdown (blank lines around it let GitHub render it). */
export function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`
}

/**
 * Cuts Markdown to `maxBytes` of UTF-8 at a line break, saying where the rest is. A fenced block or
 * a collapsed section left open by the cut is closed, and the result, notice and closings
 * included, is never longer than `maxBytes`.
 */
export function truncateMarkdown(markdown: string, maxBytes: number, notice: string): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown
  const ending = `\n\n> ${notice}\n`
  const lines = markdown.split('\n')
  let kept = lines.length
  for (;;) {
    const body = lines.slice(0, kept).join('\n')
    const result = `${body}${closings(lines.slice(0, kept))}${ending}`
    if (Buffer.byteLength(result, 'utf8') <= maxBytes || kept === 0) return result
    // Drop lines in proportion to the excess, at least one, so long documents converge quickly.
    const excess = Buffer.byteLength(result, 'utf8') - maxBytes
    const average = Math.max(1, Buffer.byteLength(body, 'utf8') / Math.max(1, kept))
    kept = Math.max(0, kept - Math.max(1, Math.ceil(excess / average)))
  }
}

/** What closes the fence and the collapsed sections left open at the end of `lines`. */
function closings(lines: string[]): string {
  let fence: string | undefined
  let openDetails = 0
  for (const line of lines) {
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line))
        fence = undefined
      continue
    }
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (opening) fence = opening[1]
    else if (line.startsWith('<details>')) openDetails++
    else if (line.startsWith('</details>')) openDetails = Math.max(0, openDetails - 1)
  }
  return `${fence === undefined ? '' : `\n${fence}`}${'\n\n</details>'.repeat(openDetails)}`
}
