/**
 * Per-target pipelines in real processes: each target through its steps in order with its own
 * variables, the targets at once (proved by a barrier every target must reach, not by timing), in
 * batches of max-parallel with a pause, failures within max-failed-targets undone on their own, one
 * more stopping the rollout and undoing every target that ran, lines that never mix two targets.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { bashRunner } from '../../src/execution/command-runner.js'
import {
  executeRunPlan,
  type Execution,
  type ExecutionProgress
} from '../../src/execution/execute.js'
import { fetchProbe } from '../../src/execution/health.js'
import { buildRunPlan } from '../../src/plan/run-plan.js'
import { planSchema, type Plan } from '../../src/plan/schema.js'
import { deploymentOf } from '../support/builders.js'
import { FakeClock, recordingLog, type RecordedLog } from '../support/fakes.js'

let root: string
let log: RecordedLog
let clock: FakeClock

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-'))
  log = recordingLog()
  clock = new FakeClock()
})

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

const FOUR = `targets:
  web-1: { variables: { HOST: one } }
  web-2: { variables: { HOST: two } }
  web-3: { variables: { HOST: three } }
  web-4: { variables: { HOST: four } }
`

function plan(yaml: string): Plan {
  return planSchema.parse(
    parse(
      `deploy-executor: 1\nenvironments:\n  staging: { variables: { APP_ENV: staging } }\n${yaml}`
    )
  )
}

function execute(
  thePlan: Plan,
  options: {
    signal?: AbortSignal
    onProgress?: (progress: ExecutionProgress) => Promise<void>
    mode?: 'deploy' | 'canary'
  } = {}
): Promise<Execution> {
  const deployment = deploymentOf({
    environment: 'staging',
    targets: Object.keys(thePlan.targets),
    mode: options.mode ?? 'deploy',
    rollbackPoint: { sha: 'fff000', version: 'v1' }
  })
  return executeRunPlan(
    {
      runPlan: buildRunPlan(thePlan, deployment, 20_000),
      deployment,
      root,
      job: { PATH: process.env['PATH'] ?? '', DIR: root },
      rollbackOnFailure: true,
      rollbackOnCancel: true
    },
    {
      runner: bashRunner({ killGraceMs: 200, drainMs: 200 }),
      probe: fetchProbe,
      clock,
      log,
      tempDir: os.tmpdir(),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {})
    }
  )
}

/** The processes of a group that still run (a zombie the sandbox's init has not reaped is dead). */
function livingIn(group: number): number[] {
  return readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .flatMap(pid => {
      const stat = (() => {
        try {
          return readFileSync(`/proc/${pid}/stat`, 'utf8')
        } catch {
          return ''
        }
      })()
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return fields[2] === String(group) && fields[0] !== 'Z' ? [Number(pid)] : []
    })
}

/** Lines of the shared journal file the steps append to. */
async function journal(): Promise<string[]> {
  const text = await fs.readFile(path.join(root, 'journal'), 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean)
}

/** A step that waits until `count` targets have reached it: it fails unless they run at once. */
const barrier = (name: string, count: number): string =>
  `|\n      touch "$DIR/${name}-$DEPLOY_TARGET"\n      for i in $(seq 200); do [ "$(ls "$DIR" | grep -c '^${name}-')" -ge ${count} ] && exit 0; sleep 0.05; done\n      exit 9`

describe('per-target pipelines', () => {
  it('take each target through its steps in order, with its variables, around the steps run once', async () => {
    const result = await execute(
      plan(`${FOUR}steps:
  - id: build
    run: echo "build $DEPLOY_TARGET" >> "$DIR/journal"
  - id: upload
    per-target: true
    run: echo "upload $DEPLOY_TARGET $HOST" >> "$DIR/journal"
  - id: restart
    per-target: true
    run: echo "restart $DEPLOY_TARGET $HOST" >> "$DIR/journal"
  - id: announce
    run: echo "announce" >> "$DIR/journal"
`)
    )

    expect(result.status).toBe('success')
    const lines = await journal()
    expect(lines[0]).toBe('build ')
    expect(lines.at(-1)).toBe('announce')
    for (const [target, host] of [
      ['web-1', 'one'],
      ['web-2', 'two'],
      ['web-3', 'three'],
      ['web-4', 'four']
    ] as const)
      expect(lines.filter(line => line.includes(target))).toEqual([
        `upload ${target} ${host}`,
        `restart ${target} ${host}`
      ])
    expect(result.targets?.map(item => [item.target, item.status])).toEqual([
      ['web-1', 'deployed'],
      ['web-2', 'deployed'],
      ['web-3', 'deployed'],
      ['web-4', 'deployed']
    ])
    expect(result.steps.filter(step => step.id === 'upload').map(step => step.target)).toHaveLength(
      4
    )
  })

  it('run every target at once by default', async () => {
    const result = await execute(
      plan(
        `${FOUR}steps:\n  - id: release\n    per-target: true\n    run: ${barrier('release', 4)}\n`
      )
    )

    expect(result.status).toBe('success')
  })

  it('run in batches of max-parallel, pausing between them', async () => {
    const result = await execute(
      plan(`${FOUR}rollout: { max-parallel: 2, pause: 30s }
steps:
  - id: release
    per-target: true
    run: |
      echo "start $DEPLOY_TARGET" >> "$DIR/journal"
      sleep 0.3
      echo "end $DEPLOY_TARGET" >> "$DIR/journal"
`)
    )

    expect(result.status).toBe('success')
    const lines = await journal()
    const at = (line: string): number => lines.indexOf(line)
    // The second batch starts only once both of the first have ended, and never more than two run.
    expect(Math.min(at('start web-3'), at('start web-4'))).toBeGreaterThan(
      Math.max(at('end web-1'), at('end web-2'))
    )
    let running = 0
    let most = 0
    for (const line of lines) {
      running += line.startsWith('start') ? 1 : -1
      most = Math.max(most, running)
    }
    expect(most).toBe(2)
    expect(clock.sleeps).toContain(30_000)
  })

  it('max-parallel as a percent of the selected targets', async () => {
    const result = await execute(
      plan(
        `${FOUR}rollout: { max-parallel: "50%" }\nsteps:\n  - id: release\n    per-target: true\n    run: ${barrier('release', 2)}\n`
      )
    )

    expect(result.status).toBe('success')
  })
})

describe('a target that fails', () => {
  const failing = (
    tolerated: number
  ): string => `${FOUR}rollout: { max-parallel: 2, max-failed-targets: ${tolerated} }
steps:
  - id: upload
    per-target: true
    run: echo "upload $DEPLOY_TARGET" >> "$DIR/journal"
    rollback: echo "undo-upload $DEPLOY_TARGET" >> "$DIR/journal"
  - id: restart
    per-target: true
    run: |
      echo "restart $DEPLOY_TARGET" >> "$DIR/journal"
      [ "$DEPLOY_TARGET" != web-2 ]
    rollback: echo "undo-restart $DEPLOY_TARGET" >> "$DIR/journal"
rollback:
  steps:
    - id: restore
      run: echo "restore" >> "$DIR/journal"
`

  it('beyond max-failed-targets stops the rollout and undoes every target that ran, each its own way', async () => {
    const result = await execute(plan(failing(0)))

    expect(result.status).toBe('rolled-back')
    const lines = await journal()
    expect(lines.filter(line => /web-[34]/.test(line))).toEqual([])
    for (const target of ['web-1', 'web-2'])
      expect(lines.filter(line => line.startsWith('undo') && line.endsWith(target))).toEqual([
        `undo-restart ${target}`,
        `undo-upload ${target}`
      ])
    expect(lines.at(-1)).toBe('restore')
    expect(result.targets?.map(item => item.status)).toEqual([
      'deployed',
      'failed',
      'not-started',
      'not-started'
    ])
    expect(result.rollback?.cause).toBe('target web-2: restart')
  })

  it('within max-failed-targets is undone on its own, and the rollout goes on', async () => {
    const result = await execute(plan(failing(1)))

    expect(result.status).toBe('success')
    const lines = await journal()
    expect(lines.filter(line => line.startsWith('undo'))).toEqual([
      'undo-restart web-2',
      'undo-upload web-2'
    ])
    expect(lines).toContain('restart web-4')
    expect(lines).not.toContain('restore')
    expect(result.targets?.map(item => item.status)).toEqual([
      'deployed',
      'undone',
      'deployed',
      'deployed'
    ])
    expect(result.warnings.map(warning => warning.en).join('\n')).toContain(
      'target web-2 failed at restart and was undone on its own'
    )
    expect(result.undoneTargets?.map(step => step.id)).toEqual(['restart', 'upload'])
  })
})

describe('a fleet in canary increments', () => {
  /** Per-target canary steps at 25 and 50, then the per-target promotion, one failed target tolerated; `fails` says who fails where. */
  const canaryFleet = (fails: string): string => `${FOUR}rollout: { max-failed-targets: 1 }
steps:
  - id: promote
    per-target: true
    run: |
      echo "promote $DEPLOY_TARGET" >> "$DIR/journal"
      ${fails}
    rollback: echo "undo-promote $DEPLOY_TARGET" >> "$DIR/journal"
canary:
  increments: [25, 50]
  steps:
    - id: shift
      per-target: true
      run: |
        echo "shift $DEPLOY_TARGET $DEPLOY_CANARY_WEIGHT" >> "$DIR/journal"
        ${fails}
      rollback: echo "undo-shift $DEPLOY_TARGET $DEPLOY_CANARY_WEIGHT" >> "$DIR/journal"
rollback:
  steps:
    - id: restore
      run: echo "restore" >> "$DIR/journal"
`

  const runCanary = (fails: string): Promise<Execution> =>
    execute(plan(canaryFleet(fails)), { mode: 'canary' })

  it('leaves a target undone at one increment out of the later ones and of the promotion', async () => {
    const result = await runCanary('[ "$DEPLOY_TARGET-${DEPLOY_CANARY_WEIGHT:-}" != web-2-25 ]')

    expect(result.status).toBe('success')
    const lines = await journal()
    expect(lines.filter(line => line.includes('web-2'))).toEqual([
      'shift web-2 25',
      'undo-shift web-2 25'
    ])
    expect(lines).toContain('promote web-4')
    expect(result.targets?.map(item => [item.target, item.status])).toEqual([
      ['web-1', 'deployed'],
      ['web-2', 'undone'],
      ['web-3', 'deployed'],
      ['web-4', 'deployed']
    ])
    expect(lines).not.toContain('restore')
  })

  it('counts failures against max-failed-targets over the whole rollout, not per increment', async () => {
    // web-2 fails at 25 and web-3 at 50: two failures, one tolerated.
    const result = await runCanary(
      'case "$DEPLOY_TARGET-${DEPLOY_CANARY_WEIGHT:-}" in web-2-25|web-3-50) exit 4;; esac'
    )

    expect(result.status).toBe('rolled-back')
    expect(result.rollback?.cause).toBe('target web-3: shift')
    const lines = await journal()
    expect(lines.filter(line => line.startsWith('promote'))).toEqual([])
    // web-2 was undone once, on its own, and not again by the run's rollback.
    expect(lines.filter(line => line.startsWith('undo') && line.includes('web-2'))).toEqual([
      'undo-shift web-2 25'
    ])
    expect(lines.at(-1)).toBe('restore')
    expect(result.targets?.find(item => item.target === 'web-2')?.status).toBe('undone')
  })

  it('undoes the canary steps of a target that fails at the promotion too, as the run’s rollback would', async () => {
    const result = await runCanary('[ "$DEPLOY_TARGET-${DEPLOY_CANARY_WEIGHT:-}" != web-4-100 ]')

    expect(result.status).toBe('success')
    const lines = await journal()
    // A canary step that ran at several increments is undone once, at the weight of its latest run.
    expect(lines.filter(line => line.startsWith('undo'))).toEqual([
      'undo-promote web-4',
      'undo-shift web-4 50'
    ])
    expect(result.targets?.find(item => item.target === 'web-4')?.status).toBe('undone')
  })
})

describe('per-target checks', () => {
  let server: Server

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve))
  })

  it("judge each target at the end of its pipeline, with the target's variables in the url", async () => {
    const asked: string[] = []
    server = createServer((request, response) => {
      asked.push(request.url ?? '')
      response.writeHead(request.url === '/three' ? 503 : 200).end('ok')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port

    const result = await execute(
      plan(`${FOUR}steps:
  - id: release
    per-target: true
    run: echo "release $DEPLOY_TARGET" >> "$DIR/journal"
    rollback: echo "undo $DEPLOY_TARGET" >> "$DIR/journal"
health:
  - name: host answers
    per-target: true
    url: http://127.0.0.1:${port}/\${HOST}
    retries: 1
`)
    )

    expect(asked.sort()).toEqual(['/four', '/one', '/three', '/two'])
    expect(result.status).toBe('rolled-back')
    expect(result.health.map(record => [record.target, record.isHealthy])).toEqual(
      expect.arrayContaining([
        ['web-3', false],
        ['web-1', true]
      ])
    )
    expect((await journal()).filter(line => line.startsWith('undo')).sort()).toEqual([
      'undo web-1',
      'undo web-2',
      'undo web-3',
      'undo web-4'
    ])
  })
})

describe('the log of targets running at once', () => {
  it('names the target on every line, and never mixes two targets on one line', async () => {
    await execute(
      plan(`targets: { a: {}, b: {} }
steps:
  - id: chatter
    per-target: true
    run: |
      for i in 1 2 3 4 5 6; do printf '%s' "$DEPLOY_TARGET$DEPLOY_TARGET"; sleep 0.05; done
      echo
      echo "second line of $DEPLOY_TARGET"
`)
    )

    const output = log.lines.filter(line => line.startsWith('[output]')).join('')
    const lines = output
      .replace(/\[output\] /g, '')
      .split('\n')
      .filter(Boolean)
    expect(lines).toEqual(
      expect.arrayContaining(['[a] aaaaaaaaaaaa', '[b] bbbbbbbbbbbb', '[a] second line of a'])
    )
    for (const line of lines) expect(line).toMatch(/^\[(a|b)\] ((a+|b+)|second line of (a|b))$/)
    expect(
      lines.filter(line => /^\[a\].*b|^\[b\].*a(?!\b)/.test(line.replace(/second line of \w/, '')))
    ).toEqual([])
  })
})

describe('cancellation', () => {
  it('stops every running target and leaves the journal knowing each one', async () => {
    const controller = new AbortController()
    const seen: ExecutionProgress[] = []
    const running = execute(
      plan(`${FOUR}steps:
  - id: release
    per-target: true
    run: |
      touch "$DIR/started-$DEPLOY_TARGET"
      sleep 60
`),
      {
        signal: controller.signal,
        onProgress: progress => {
          seen.push(progress)
          return Promise.resolve()
        }
      }
    )
    for (let i = 0; i < 200; i++) {
      const started = (await fs.readdir(root)).filter(name => name.startsWith('started-'))
      if (started.length === 4) break
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    const groups = seen.at(-1)?.runningTargets?.map(item => item.processGroup) ?? []
    controller.abort()
    const result = await running

    expect(result.status).toBe('cancelled')
    expect(groups).toHaveLength(4)
    expect(groups.filter(group => livingIn(group ?? 0).length > 0)).toEqual([])
    expect(result.targets?.map(item => item.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled'
    ])
  })
})
