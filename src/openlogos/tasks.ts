/**
 * tasks.md as the OpenLogos CLI reads it: `## [tag]` sections at column 0 (a plain `##` heading
 * does not end a section), tasks `- [ ]` / `- [x]` at column 0 only; indented items are sub-tasks.
 */

const SECTION = /^## \[([a-z][a-z0-9-]*)\]/i
/** As the CLI reads one: the prefix is the task, whatever the line holds after it (a lone CR too). */
const TASK = /^- \[( |x|X)\] ?([^]*)$/

export interface Task {
  isDone: boolean
  text: string
  /** 1-based line number in tasks.md. */
  line: number
}

export interface TaskSection {
  tag: string
  heading: string
  line: number
  tasks: Task[]
}

export interface TaskList {
  sections: TaskSection[]
  /** A file with no `## [tag]` heading at all: the CLI then counts every checkbox. */
  isLegacy: boolean
  /** Every task of the file, for the legacy layout. */
  allTasks: Task[]
}

export function parseTasks(text: string): TaskList {
  const sections: TaskSection[] = []
  const allTasks: Task[] = []
  let current: TaskSection | undefined
  splitLines(text).forEach((line, index) => {
    const section = SECTION.exec(line)
    if (section) {
      current = { tag: (section[1] ?? '').toLowerCase(), heading: line, line: index + 1, tasks: [] }
      sections.push(current)
      return
    }
    const task = TASK.exec(line)
    if (!task) return
    const parsed = { isDone: task[1] !== ' ', text: (task[2] ?? '').trim(), line: index + 1 }
    allTasks.push(parsed)
    current?.tasks.push(parsed)
  })
  return { sections, isLegacy: sections.length === 0, allTasks }
}

/** Tasks of every section with this tag (a file may repeat a tag). */
export function tasksOf(list: TaskList, tag: string): { hasSection: boolean; tasks: Task[] } {
  const matching = list.sections.filter(section => section.tag === tag)
  return { hasSection: matching.length > 0, tasks: matching.flatMap(section => section.tasks) }
}

/**
 * What `openlogos deploy-done` does to tasks.md: every `[deploy]` task becomes `- [x]`; every
 * other byte of the file, line endings included, stays as it was.
 */
export function tickDeployTasks(text: string): string {
  let inDeploy = false
  // Lines end at LF or CRLF only, as the CLI splits them: a lone CR stays inside its line.
  const parts = text.split(/(\r?\n)/)
  for (let index = 0; index < parts.length; index += 2) {
    const line = parts[index] ?? ''
    const section = SECTION.exec(line)
    if (section) inDeploy = (section[1] ?? '').toLowerCase() === 'deploy'
    else if (inDeploy && /^- \[( |X)\]/.test(line)) parts[index] = `- [x]${line.slice(5)}`
  }
  return parts.join('')
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)
}
