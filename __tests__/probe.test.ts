import { it, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { runAction, offlineInputs } from './support/action-runner.js'
import { makeProject } from './support/project.js'
it.each([
  'logos/.openlogos-guard',
  'logos/logos.config.json',
  'logos/changes/add-login/proposal.md',
  'logos/changes/add-login/tasks.md',
  'logos/flow/launched.yaml',
  'logos/logos-project.yaml'
])(
  'fifo %s',
  async file => {
    const project = await makeProject()
    await project.remove(file)
    execFileSync('mkdir', ['-p', path.dirname(path.join(project.root, file))])
    execFileSync('mkfifo', [path.join(project.root, file)])
    const started = Date.now()
    const run = await runAction({
      workspace: project.root,
      inputs: offlineInputs({ 'dry-run': 'true' })
    })
    console.log(file, Date.now() - started, run.outputs['status'], run.exitCode)
    await project.cleanup()
    expect(Date.now() - started).toBeLessThan(10000)
  },
  20000
)
