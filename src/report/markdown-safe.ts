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

/** Cuts text to `maxBytes` of UTF-8 at a line break, saying where the rest is. */
export function truncateMarkdown(markdown: string, maxBytes: number, rest: string): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown
  const notice = `\n\n> ✂️ Truncated: ${rest}\n`
  const budget = maxBytes - Buffer.byteLength(notice, 'utf8')
  let cut = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8')
  cut = cut.replace(/\uFFFD$/, '')
  const lastBreak = cut.lastIndexOf('\n')
  if (lastBreak > 0) cut = cut.slice(0, lastBreak)
  // An unclosed fence would swallow the notice: close it.
  const fences = cut.match(/^`{3,}/gm) ?? []
  if (fences.length % 2 === 1) cut += `\n${fences[fences.length - 1] ?? '```'}`
  return cut + notice
}
