/**
 * Text for the runner's log that the runner cannot act on. The runner reads a workflow command from
 * any line of the action's output: it splits lines on CR, LF and CRLF, trims leading white space and
 * takes a line starting with `::`, or holding `##[` anywhere (the older form), as a command. Text
 * that did not come from the action itself (a step's URL, a check's output, plan text, an approver's
 * comment) passes through here before it is printed outside a stop-commands block.
 */

/** Invisible to a reader, but no longer the two characters the runner looks for. */
const BREAK = '\u200b'
/** What .NET's TrimStart removes: JavaScript's white space, and NEL (U+0085) besides. */
const LEADING_SPACE = /^[\s\u0085]*/

/** One line per line the runner would see, none of them a workflow command. */
export function inertForRunner(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(line =>
      line.replace(/^([\s\u0085]*):(?=:)/, `$1:${BREAK}`).replace(/##\[/g, `##${BREAK}[`)
    )
    .join('\n')
}

/** Whether the runner would take any line of `text` as a workflow command. */
export function holdsWorkflowCommand(text: string): boolean {
  return text
    .split(/\r\n|\r|\n/)
    .some(line => line.replace(LEADING_SPACE, '').startsWith('::') || line.includes('##['))
}
