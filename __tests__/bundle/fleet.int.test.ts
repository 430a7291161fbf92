/**
 * A fleet through the built bundle, as the runner runs it: per-target pipelines in parallel, each
 * target's checks against a real HTTP server, the log naming each target, the report's matrix and
 * the result JSON; a main step killed while every target runs, then the post step stopping each
 * target's step and undoing each target; a failure beyond the tolerance. Each keeps the promises
 * of the hostile suite (no secret anywhere, nothing outside written, no forged workflow command).
 */
import { promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { isRunning } from '../support/builders.js'
import { act, expectSafe, PLAN_PATH, REPORT, setStage, type Stage } from '../support/hostile.js'

let stage: Stage
let server: Server
let port: number
const asked: string[] = []

beforeEach(async () => {
  stage = await setStage()
  asked.length = 0
  server = createServer((request, response) => {
    asked.push(request.url ?? '')
    response.writeHead(request.url === '/down' ? 503 : 200).end('ok')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterEach(async () => {
  await stage.cleanup()
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

function fleetPlan(options: {
  release: string
  paths?: [string, string, string]
  extra?: string
}): string {
  const [a, b, c] = options.paths ?? ['a', 'b', 'c']
  return `---
deploy-executor: 1
targets:
  web-a: { variables: { HEALTH_PATH: ${a} } }
  web-b: { variables: { HEALTH_PATH: ${b} } }
  web-c: { variables: { HEALTH_PATH: ${c} } }
environments:
  production: { url: https://example.com }
secrets: [API_KEY]
${options.extra ?? ''}
steps:
  - id: build
    run: echo "build" >> "$SENTINEL_DIR/journal"
  - id: release
    per-target: true
    run: |
${options.release
  .split('\n')
  .map(line => `      ${line}`)
  .join('\n')}
    rollback: echo "undo-release $DEPLOY_TARGET" >> "$SENTINEL_DIR/journal"
health:
  - name: host answers
    per-target: true
    url: http://127.0.0.1:${port}/\${HEALTH_PATH}
    retries: 1
rollback:
  steps:
    - id: restore
      run: echo "restore" >> "$SENTINEL_DIR/journal"
---
# core-01-deployment-plan
`
}

const journal = async (): Promise<string[]> =>
  (await fs.readFile(path.join(stage.sentinels, 'journal'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)

describe('a fleet through the bundle', () => {
  it("deploys every target's pipeline at once, checks each, and reports the matrix", async () => {
    await stage.project.write(
      PLAN_PATH,
      fleetPlan({
        release: [
          'echo "release $DEPLOY_TARGET" >> "$SENTINEL_DIR/journal"',
          'touch "$SENTINEL_DIR/at-$DEPLOY_TARGET"',
          // Every target waits for the others: the step fails unless they run at once.
          'for i in $(seq 200); do [ "$(ls "$SENTINEL_DIR" | grep -c "^at-")" -ge 3 ] && exit 0; sleep 0.05; done',
          'exit 9'
        ].join('\n')
      })
    )
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(asked.sort()).toEqual(['/a', '/b', '/c'])
    expect((await journal()).sort()).toEqual([
      'build',
      'release web-a',
      'release web-b',
      'release web-c'
    ])
    expect(run.main.stdout).toMatch(/^\[web-b\] /m)
    expect(run.main.summary).toContain('| `web-a` | ✅ | ✅ | ✅ deployed |')
    const result = JSON.parse(run.main.outputs['result'] ?? '{}') as {
      targetOutcomes: { target: string; status: string }[]
    }
    expect(result.targetOutcomes.map(item => item.status)).toEqual([
      'deployed',
      'deployed',
      'deployed'
    ])
    await expectSafe(stage, run)
  })

  it('beyond max-failed-targets: the rollout stops and each target that ran is undone', async () => {
    await stage.project.write(
      PLAN_PATH,
      fleetPlan({
        release: 'echo "release $DEPLOY_TARGET" >> "$SENTINEL_DIR/journal"',
        paths: ['a', 'down', 'c'],
        extra: 'rollout: { max-parallel: 2 }'
      })
    )
    const run = await act(stage)
    const lines = await journal()

    expect(run.main.outputs['status']).toBe('rolled-back')
    expect(lines).not.toContain('release web-c')
    expect(lines.filter(line => line.startsWith('undo')).sort()).toEqual([
      'undo-release web-a',
      'undo-release web-b'
    ])
    expect(lines.at(-1)).toBe('restore')
    expect(await stage.project.read(REPORT)).toContain("❌ failed: `health check 'host answers'`")
    await expectSafe(stage, run)
  })

  it('killed while every target runs: the post step stops each one, then undoes each target', async () => {
    await stage.project.write(
      PLAN_PATH,
      fleetPlan({
        release: [
          'echo "release $DEPLOY_TARGET" >> "$SENTINEL_DIR/journal"',
          'echo $$ > "$SENTINEL_DIR/pid-$DEPLOY_TARGET"',
          'if [ "$(ls "$SENTINEL_DIR" | grep -c "^pid-")" -ge 3 ]; then touch "$SENTINEL_DIR/all-started"; fi',
          'sleep 60'
        ].join('\n')
      })
    )
    const run = await act(stage, { interrupt: { when: 'all-started', signal: 'SIGKILL' } })
    const pids = await Promise.all(
      ['web-a', 'web-b', 'web-c'].map(async target =>
        Number(await fs.readFile(path.join(stage.sentinels, `pid-${target}`), 'utf8'))
      )
    )

    expect(pids.filter(isRunning)).toEqual([])
    expect(run.post?.stdout).toContain('is still running')
    const lines = await journal()
    expect(lines.filter(line => line.startsWith('undo')).sort()).toEqual([
      'undo-release web-a',
      'undo-release web-b',
      'undo-release web-c'
    ])
    expect(lines.at(-1)).toBe('restore')
    expect(await stage.project.read(REPORT)).toMatch(
      /^<!-- deploy-executor-record .*"status":"rolled-back"/
    )
    await expectSafe(stage, run)
  })
})
