/**
 * What start-up does not load. A dry run and a refusal are what a user meets first, and their
 * speed rests on the bundle leaving alone what only a real run needs (README, Performance): Node's
 * `crypto` and promise-based `fs`, the HTTP stack, child processes and the chunks that hold the
 * GitHub client. Timing belongs in the bench; this holds the structure in place. The modules a
 * run loaded are read at its exit by a preloaded script (NODE_OPTIONS --require), which changes
 * nothing in the bundle.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { BUNDLE, offlineInputs, runAction } from '../support/action-runner.js'
import { makeProject, PLAN_PATH, type Project } from '../support/project.js'

let project: Project
let folder: string

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'start-up-'))
  await fs.writeFile(
    path.join(folder, 'loads.cjs'),
    [
      "process.on('exit', () => {",
      "  const files = Object.keys(require('module')._cache)",
      '  const builtins = process.moduleLoadList',
      "    .filter(entry => entry.startsWith('NativeModule '))",
      "    .map(entry => entry.slice('NativeModule '.length))",
      "  require('fs').writeFileSync(process.env.LOADS_FILE, JSON.stringify({ files, builtins }))",
      '})'
    ].join('\n')
  )
})

afterEach(async () => {
  await project.cleanup()
  await fs.rm(folder, { recursive: true, force: true })
})

/** Node's modules that only a real run needs, and their internal parts. */
const REAL_RUN_ONLY = [
  /^crypto$/,
  /^internal\/crypto\//,
  /^fs\/promises$/,
  /^internal\/fs\/promises$/,
  /^https?$/,
  /^_http_/,
  /^tls$/,
  /^zlib$/,
  /^child_process$/,
  /^internal\/child_process$/
]

async function loadsOf(inputs: Record<string, string>): Promise<{
  status: string | undefined
  files: string[]
  builtins: string[]
}> {
  const loadsFile = path.join(folder, 'loads.json')
  const run = await runAction({
    workspace: project.root,
    inputs: offlineInputs(inputs),
    env: {
      NODE_OPTIONS: `--require ${path.join(folder, 'loads.cjs')}`,
      LOADS_FILE: loadsFile
    }
  })
  const loads = JSON.parse(await fs.readFile(loadsFile, 'utf8')) as {
    files: string[]
    builtins: string[]
  }
  return { status: run.outputs['status'], ...loads }
}

describe('start-up', () => {
  it.each([
    ['a dry run', ['VERIFY_PASS'], { 'dry-run': 'true' }, 'dry-run'],
    ['a refusal', [], {}, 'refused']
  ])(
    'of %s loads one file of the bundle and none of what a real run needs',
    async (_, markers, inputs, status) => {
      project = await makeProject({ markers })

      const loads = await loadsOf(inputs)

      expect(loads.status).toBe(status)
      expect(loads.files.filter(file => file.includes(`${path.sep}dist${path.sep}`))).toEqual([
        BUNDLE
      ])
      // The list is real: Node's own modules of every start are in it.
      expect(loads.builtins).toContain('fs')
      expect(
        loads.builtins.filter(name => REAL_RUN_ONLY.some(pattern => pattern.test(name)))
      ).toEqual([])
    }
  )

  it('sees what a real run loads, so the list above can fail', async () => {
    project = await makeProject({
      files: {
        [PLAN_PATH]:
          '---\ndeploy-executor: 1\nenvironments: { staging: {} }\nsteps:\n  - { id: release, run: "true", rollback: "true" }\n---\n'
      }
    })

    const loads = await loadsOf({})

    expect(loads.status).toBe('success')
    expect(loads.builtins).toContain('child_process')
    expect(loads.builtins).toContain('crypto')
  })
})
