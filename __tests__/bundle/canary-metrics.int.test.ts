/**
 * The built action (dist/) under Node 24: a canary through increments judged by a metric check
 * with a baseline. The metric comes from a real HTTP server on 127.0.0.1 whose error rate follows
 * the traffic the canary step gives the new version; the GitHub record goes to the fake GitHub API.
 */
import { promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  offlineInputs,
  runAction,
  runPostStep,
  startAction,
  type ActionOptions
} from '../support/action-runner.js'
import { waitForFile } from '../support/builders.js'
import { FakeGitHub } from '../support/fake-github.js'
import { makeProject, PLAN_PATH, type Project } from '../support/project.js'

const REPORT = 'logos/resources/verify/deployment-report.md'

/** The service: its error rate at each canary weight (0 before anything is deployed). */
interface Service {
  url: string
  rates: Record<string, string>
  server: Server
}

async function startService(rates: Record<string, string>): Promise<Service> {
  let weight = '0'
  const service: Service = { url: '', rates, server: createServer() }
  service.server.on('request', (request, response) => {
    const shift = /^\/weight\/(\d+)$/.exec(request.url ?? '')
    if (shift) weight = shift[1] ?? '0'
    response.end(shift ? 'ok\n' : `${service.rates[weight] ?? 'no rate'}\n`)
  })
  await new Promise<void>(resolve => service.server.listen(0, '127.0.0.1', resolve))
  service.url = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`
  return service
}

const plan = `---
deploy-executor: 1
environments: { staging: { url: "http://127.0.0.1" } }
steps:
  - id: release
    run: echo "release $DEPLOY_CANARY_WEIGHT" >> "$SENTINEL_DIR/journal"
    rollback: echo "undo-release" >> "$SENTINEL_DIR/journal"
canary:
  increments: [5, 25, 50]
  steps:
    - id: shift-traffic
      run: |
        echo "shift $DEPLOY_CANARY_WEIGHT" >> "$SENTINEL_DIR/journal"
        curl -fsS "$SERVICE/weight/$DEPLOY_CANARY_WEIGHT" > /dev/null
        if [ -n "\${HANG_AT:-}" ] && [ "$DEPLOY_CANARY_WEIGHT" = "$HANG_AT" ]; then
          touch "$SENTINEL_DIR/hanging"
          sleep 600
        fi
      rollback: |
        echo "undo-shift $DEPLOY_CANARY_WEIGHT" >> "$SENTINEL_DIR/journal"
        curl -fsS "$SERVICE/weight/0" > /dev/null
health:
  - name: error rate
    run: curl -fsS "$SERVICE/error-rate"
    interval: 1s
    retries: 1
    metric: { max: 0.05, baseline: { max-increase: 50% } }
rollback:
  steps:
    - id: restore
      run: echo "restore $DEPLOY_CANARY_WEIGHT $DEPLOY_FAILED_STEP" >> "$SENTINEL_DIR/journal"
---
`

let github: FakeGitHub
let project: Project
let sentinels: string
let service: Service | undefined

beforeEach(async () => {
  github = await new FakeGitHub().start()
  project = await makeProject({ files: { [PLAN_PATH]: plan } })
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
  service?.server.closeAllConnections()
  await new Promise(resolve => service?.server.close(resolve) ?? resolve(undefined))
  service = undefined
})

async function options(
  rates: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionOptions> {
  service = await startService(rates)
  return {
    workspace: project.root,
    inputs: offlineInputs({ mode: 'canary', 'github-deployment': 'create' }),
    env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels, SERVICE: service.url, ...env }
  }
}

async function journal(): Promise<string[]> {
  const text = await fs.readFile(path.join(sentinels, 'journal'), 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean)
}

function created(): { state: string; description?: string }[] {
  return github.state.deployments.at(-1)?.statuses ?? []
}

describe('a canary through increments with a metric check (bundle)', () => {
  it('measures the baseline, steps through each increment, then promotes at 100', async () => {
    const run = await runAction(
      await options({ '0': '0.010', '5': '0.011', '25': '0.012', '50': '0.014' })
    )

    expect(run.outputs['status']).toBe('success')
    expect(await journal()).toEqual(['shift 5', 'shift 25', 'shift 50', 'release 100'])
    const result = JSON.parse(run.outputs['result'] ?? '{}') as {
      steps: { id: string; weight: number }[]
      health: { weight: number; healthy: boolean; metric: { baseline: string; last: string } }[]
    }
    expect(result.steps.map(step => `${step.id}@${step.weight}`)).toEqual([
      'shift-traffic@5',
      'shift-traffic@25',
      'shift-traffic@50',
      'release@100'
    ])
    expect(result.health.map(check => [check.weight, check.metric.last])).toEqual([
      [5, '0.011'],
      [25, '0.012'],
      [50, '0.014'],
      [100, '0.014']
    ])
    expect(result.health[0]?.metric.baseline).toBe('0.01')
    expect(run.summary).toContain('| error rate | `0.010`, `0.010`, `0.010` | `0.01` |')
    expect(run.summary).toContain('xychart-beta\n  title "error rate, Canary at 25%"')
    expect(run.summary).toContain('section Canary 50%')
    expect(created().map(status => status.state)).toEqual(['in_progress', 'success'])
  })

  it('rolls back when the analysis at the second increment breaks the baseline bound, and never promotes', async () => {
    const run = await runAction(await options({ '0': '0.010', '5': '0.011', '25': '0.031' }))

    expect(run.outputs['status']).toBe('rolled-back')
    expect(await journal()).toEqual([
      'shift 5',
      'shift 25',
      'undo-shift 25',
      "restore 25 health check 'error rate'"
    ])
    expect(run.summary).toContain(
      'Metric check &quot;error rate&quot; (Canary at 25%) failed: 0.031 is above the upper bound 0.015'
    )
    expect(created().map(status => status.state)).toEqual(['in_progress', 'failure'])
  })

  it('refuses before any step runs when the baseline cannot be measured, and closes the deployment', async () => {
    const run = await runAction(await options({ '0': 'warming up' }))

    expect(run.outputs['status']).toBe('refused')
    expect(await journal()).toEqual([])
    expect(run.summary).toContain(
      'sample 1 of 3 printed &quot;warming up&quot;, which is not a number'
    )
    expect(created().map(status => status.state)).toEqual(['in_progress', 'error'])
    expect(await project.exists(REPORT)).toBe(false)
  })

  it('killed during the second increment: the post step undoes the canary at the weight it reached', async () => {
    const runOptions = await options({ '0': '0.010', '5': '0.010' }, { HANG_AT: '25' })
    const main = await startAction(runOptions)
    await waitForFile(path.join(sentinels, 'hanging'), 30_000)

    main.child.kill('SIGKILL')
    const killed = await main.result
    const post = await runPostStep(runOptions, main, killed)

    expect(await journal()).toEqual([
      'shift 5',
      'shift 25',
      'undo-shift 25',
      'restore 25 shift-traffic'
    ])
    expect(post.summary).toContain('| 2 | `shift-traffic` | 25% | — | ⏹️ cancelled |')
    expect(created().at(-1)?.state).toBe('failure')
    await fs.rm(main.files, { recursive: true, force: true })
  })
})
