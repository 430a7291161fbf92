import { describe, expect, it } from '@jest/globals'
import { parseTasks, tasksOf, tickDeployTasks } from '../../src/openlogos/tasks.js'

const TASKS = `# Tasks

## [code] Code
- [x] done one
- [ ] open one
  - [ ] indented sub-task does not count
* [ ] star bullets are not tasks

## Notes
A plain heading does not end the [code] section.
- [X] still a code task

## [DEPLOY] 部署任务
- [ ] deploy to staging
### sub heading
- [X] confirm rollback
  - [ ] indented, untouched
`

describe('parseTasks', () => {
  it('reads sections the way the OpenLogos CLI does', () => {
    const list = parseTasks(TASKS)

    expect(list.isLegacy).toBe(false)
    expect(list.sections.map(section => section.tag)).toEqual(['code', 'deploy'])
    expect(tasksOf(list, 'code').tasks.map(task => [task.text, task.isDone, task.line])).toEqual([
      ['done one', true, 4],
      ['open one', false, 5],
      ['still a code task', true, 11]
    ])
    expect(tasksOf(list, 'deploy').tasks).toHaveLength(2)
  })

  it('marks a file without [tag] headings as legacy and keeps every checkbox', () => {
    const list = parseTasks('# Tasks\n- [x] a\n- [ ] b\n')

    expect(list.isLegacy).toBe(true)
    expect(list.allTasks.map(task => task.isDone)).toEqual([true, false])
    expect(tasksOf(list, 'deploy').hasSection).toBe(false)
  })

  it('tolerates a BOM and CRLF line endings', () => {
    const list = parseTasks('\uFEFF## [deploy] x\r\n- [ ] a\r\n')

    expect(tasksOf(list, 'deploy').tasks).toEqual([{ isDone: false, text: 'a', line: 2 }])
  })

  it('counts a task whose line holds a lone CR, as the CLI does (its prefix is the task)', () => {
    const list = parseTasks('## [code] c\n- [ ] finish\r::warning::x\n- [x] done\n')

    expect(tasksOf(list, 'code').tasks.map(task => task.isDone)).toEqual([false, true])
  })
})

describe('tickDeployTasks', () => {
  it('ticks only top-level [deploy] tasks and changes nothing else', () => {
    const ticked = tickDeployTasks(TASKS)

    const expected = TASKS.replace('- [ ] deploy to staging', '- [x] deploy to staging').replace(
      '- [X] confirm rollback',
      '- [x] confirm rollback'
    )
    expect(ticked).toBe(expected)
  })

  it('keeps CRLF line endings byte for byte', () => {
    const text = '## [code] c\r\n- [ ] code\r\n## [deploy] d\r\n- [ ] ship\r\n'

    expect(tickDeployTasks(text)).toBe(
      '## [code] c\r\n- [ ] code\r\n## [deploy] d\r\n- [x] ship\r\n'
    )
  })

  it('takes a lone CR for part of its line, as the CLI does: only the line start is ticked', () => {
    expect(tickDeployTasks('## [deploy] d\n- [ ] ship\r- [ ] not a line\n')).toBe(
      '## [deploy] d\n- [x] ship\r- [ ] not a line\n'
    )
  })
})
