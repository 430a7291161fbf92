/**
 * Safe Markdown building. Plans and command output are untrusted text: the job summary and PR
 * comments render HTML, so text is escaped before it is placed, and code goes in fences that its
 * own backticks cannot close.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Plain text for a paragraph or a table cell: no HTML, no Markdown syntax, one line. */
export function text(value: string): string {
  return escapeHtml(value)
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n/g, ' ')
}

/** Inline code, safe in a table cell. */
export function code(value: string): string {
  const escaped = escapeHtml(value).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ⏎ ')
  return `<code>${escaped}</code>`
}

/** A fenced block longer than any run of backticks inside it. */
export function fenced(value: string, language = ''): string {
  const longest = Math.max(2, ...[...value.matchAll(/`+/g)].map(match => match[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${value.replace(/\n$/, '')}\n${fence}`
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** A collapsed block; the body is Markdown (blank lines around it let GitHub render it). */
export function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`
}
