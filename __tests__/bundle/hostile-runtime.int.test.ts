/**
 * Attacks and faults while the run is under way: a step that swaps the files the action writes
 * for links out of the project, or rewrites the plan; output no renderer expects; endpoints that
 * hang, stream forever or redirect elsewhere; GitHub answering nonsense; steps that will not die
 * or leave children behind. Each case states its outcome and keeps the four promises of
 * `expectSafe`.
 */
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { LIMITS } from '../../src/core/limits.js'
import {
  act,
  expectSafe,
  hostilePlan,
  releaseStep as steps,
  PLAN_PATH,
  REPORT,
  SECRET,
  setStage,
  type Stage
} from '../support/hostile.js'
import { CHANGE } from '../support/project.js'

let stage: Stage
const servers: Server[] = []

beforeEach(async () => {
  stage = await setStage()
})

afterEach(async () => {
  await stage.cleanup()
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  }
})

async function serve(
  handler: (
    request: { url?: string; headers: IncomingHttpHeaders },
    response: import('node:http').ServerResponse
  ) => void
): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(server.address() as AddressInfo).port}`
}

const plan = (parts: Parameters<typeof hostilePlan>[0]): Promise<void> =>
  stage.project.write(PLAN_PATH, hostilePlan(parts))

describe('a step that swaps what the action writes for a link out of the project', () => {
  it.each([
    ['the report folder', 'logos/resources/verify'],
    ['the report file', REPORT],
    ['tasks.md', `${CHANGE}/tasks.md`],
    ['the proposal folder', CHANGE],
    ['logos/', 'logos']
  ])('%s: nothing is written outside, and the log says why', async (_, relative) => {
    await stage.project.write(REPORT, '# Deployment report\n')
    await plan({
      steps: steps(
        `cp -r "${relative}" "$OUTSIDE/moved" && rm -rf "${relative}" && ln -s "$OUTSIDE/moved" "${relative}"`
      )
    })
    const moved = await (async () => {
      const run = await act(stage)
      // What the step moved out is the step's own doing; the action must not have added to it.
      const copy = path.join(stage.outside, 'moved')
      const entries = await fs.readdir(copy, { recursive: true }).catch(() => [] as string[])
      const texts = await Promise.all(
        entries.map(entry => fs.readFile(path.join(copy, entry), 'utf8').catch(() => '<folder>'))
      )
      await fs.rm(copy, { recursive: true, force: true })
      return { run, texts: texts.join('\n') }
    })()

    expect(moved.texts).not.toMatch(/deploy-executor-record|- \[x\] Deploy to staging/)
    expect(moved.run.log).toMatch(
      /::warning::.*(outside the project|symbolic link|no longer a folder)/
    )
    await expectSafe(stage, moved.run)
  })

  it('DEPLOY_OUTPUT linked to the process environment: read as nothing', async () => {
    await plan({
      steps: steps('rm -f "$DEPLOY_OUTPUT"\nln -s /proc/self/environ "$DEPLOY_OUTPUT"')
    })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(run.main.outputs['deploy-url']).toBe('https://example.com')
    await expectSafe(stage, run)
  })

  it('DEPLOY_OUTPUT made a FIFO: read as nothing, and nothing hangs', async () => {
    await plan({ steps: steps('rm -f "$DEPLOY_OUTPUT"\nmkfifo "$DEPLOY_OUTPUT"') })
    const started = Date.now()
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(Date.now() - started).toBeLessThan(30_000)
    await expectSafe(stage, run)
  })

  it('a rewritten plan: the rollback is the one the run started with', async () => {
    await plan({
      steps: steps(
        `sed -i 's|touch "$SENTINEL_DIR/put-back"|touch "$OUTSIDE/pwned"|' "${PLAN_PATH}"\nexit 3`
      )
    })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    expect(await fs.readdir(stage.sentinels)).toEqual(['put-back'])
    await expectSafe(stage, run)
  })

  it('the proposal folder removed: the deployment stands, the markers are a warning', async () => {
    await plan({ steps: steps(`rm -rf "${CHANGE}"`) })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(run.log).toMatch(/::warning::/)
    await expectSafe(stage, run)
  })
})

describe('output no renderer expects', () => {
  it.each([
    [
      'long backtick runs',
      "for i in $(seq 1 3000); do printf '%s<>&\\n' '`````````````````````````````````'; done"
    ],
    [
      'four-byte characters',
      "for i in $(seq 1 3000); do printf '%s\\n' '😀😀😀😀😀漢字漢字漢字'; done"
    ],
    [
      'NUL bytes and invalid UTF-8',
      "for i in $(seq 1 200); do printf 'a\\0b\\xff\\xfe\\xc3(\\n'; done"
    ]
  ])('%s: the comment and summary fit GitHub’s limits as sent', async (_, script) => {
    await plan({ steps: steps(`${script}\nexit 3`) })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    const sent = stage.github.requests
      .filter(request => /\/comments/.test(request.path) && request.method !== 'GET')
      .map(request => request.body['body'] as string)
    expect(sent.length).toBeGreaterThan(0)
    for (const body of sent) expect(body.length).toBeLessThanOrEqual(65_536)
    expect(Buffer.byteLength(run.main.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(Buffer.byteLength(run.main.summary)).toBeLessThanOrEqual(LIMITS.summaryBytes)
    expect(await stage.project.read(REPORT)).not.toContain('\0')
    await expectSafe(stage, run)
  })
})

describe('health endpoints that misbehave', () => {
  it('one that never answers fails its check within its timeout, and the run rolls back', async () => {
    const host = await serve(() => undefined)
    await plan({
      steps: steps('true'),
      health: `  - name: site\n    url: http://${host}/healthz\n    timeout: 1s\n    interval: 1s\n    retries: 2`
    })
    const started = Date.now()
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    expect(Date.now() - started).toBeLessThan(20_000)
    await expectSafe(stage, run)
  })

  it('one that streams a body forever is read to a bound, and answers', async () => {
    const host = await serve((_, response) => {
      response.writeHead(200)
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const pump = (): void => {
        while (response.write(chunk));
        response.once('drain', pump)
      }
      pump()
    })
    await plan({
      steps: steps('true'),
      health: `  - name: site\n    url: http://${host}/healthz\n    timeout: 5s`
    })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    await expectSafe(stage, run)
  })

  it('a redirect to another origin never carries the credentials there', async () => {
    const seenElsewhere: IncomingHttpHeaders[] = []
    const elsewhere = await serve((request, response) => {
      seenElsewhere.push(request.headers)
      response.writeHead(200).end('ok')
    })
    const host = await serve((_, response) =>
      response.writeHead(302, { location: `http://${elsewhere}/landing` }).end()
    )
    await plan({
      steps: steps('true'),
      health: `  - name: site\n    url: http://deploy:\${API_KEY}@${host}/healthz`
    })
    const run = await act(stage)

    expect(seenElsewhere).toHaveLength(1)
    expect(seenElsewhere[0]?.authorization).toBeUndefined()
    expect(JSON.stringify(seenElsewhere)).not.toContain(
      Buffer.from(`deploy:${SECRET}`).toString('base64')
    )
    expect(run.main.outputs['status']).toBe('success')
    await expectSafe(stage, run)
  })
})

describe('GitHub answering nonsense', () => {
  it.each([
    ['HTML instead of JSON', 'GET /repos/acme/site/actions/runs/4242/approvals', 'html'],
    [
      'an object where a list belongs',
      'GET /repos/acme/site/actions/runs/4242/approvals',
      'object'
    ],
    ['an environment without its rules', 'GET /repos/acme/site/environments/production', 'object']
  ])('%s: the run is refused before anything runs', async (_, route, shape) => {
    await plan({ steps: steps('touch "$SENTINEL_DIR/ran"') })
    const api = await serve((request, response) => {
      if (`GET ${request.url?.split('?')[0] ?? ''}` === route) {
        response
          .writeHead(200, { 'content-type': shape === 'html' ? 'text/html' : 'application/json' })
          .end(shape === 'html' ? '<html><body>Unicorn!</body></html>' : '{"weird":true}')
        return
      }
      // Everything else as the fake GitHub answers it.
      void fetch(`${stage.github.url}${request.url ?? ''}`, {
        headers: { accept: 'application/json' }
      })
        .then(async answer =>
          response
            .writeHead(answer.status, { 'content-type': 'application/json' })
            .end(await answer.text())
        )
        .catch(() => response.writeHead(502).end())
    })
    const run = await act(stage, { env: { GITHUB_API_URL: `http://${api}` } })

    expect(run.main.outputs['status']).toBe('refused')
    expect(await fs.readdir(stage.sentinels)).toEqual([])
    expect(run.main.summary).toMatch(/approv|environment/i)
    await expectSafe(stage, run)
  })
})

describe('steps that will not end as asked', () => {
  it('one that ignores SIGTERM past its timeout is killed, and the run rolls back', async () => {
    await stage.project.write(
      PLAN_PATH,
      hostilePlan({
        steps: "  - id: release\n    timeout: 2s\n    run: |\n      trap '' TERM\n      sleep 60"
      })
    )
    const started = Date.now()
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    expect(Date.now() - started).toBeLessThan(25_000)
    await expectSafe(stage, run)
  })

  it('one that leaves a child holding its output open does not hold the run', async () => {
    await plan({ steps: steps('sleep 40 &\necho started') })
    const started = Date.now()
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(Date.now() - started).toBeLessThan(25_000)
    expect(run.log).toContain('background processes')
    await expectSafe(stage, run)
  })
})

describe('a FIFO where the action reads a project file', () => {
  it.each([
    ['logos/.openlogos-guard', 'refused', /logos\/\.openlogos-guard is not a regular file/],
    ['logos/logos.config.json', 'refused', /logos\/logos\.config\.json is not a regular file/],
    ['logos/logos-project.yaml', 'refused', /logos\/logos-project\.yaml is not a regular file/],
    [`${CHANGE}/VERIFY_PASS`, 'refused', /VERIFY_PASS is not a regular file/],
    [`${CHANGE}/proposal.md`, 'refused', /proposal\.md is not a regular file/],
    [`${CHANGE}/tasks.md`, 'refused', /tasks\.md is not a regular file/],
    ['logos/flow/launched.yaml', 'refused', /logos\/flow\/launched\.yaml is not a regular file/],
    ['logos/resources/prd/3-technical-plan/3-deployment/notes.md', 'success', /.*/]
  ])(
    'at %s is never opened: the run goes on at once, or is refused saying why',
    async (file, status, says) => {
      await plan({ steps: steps('true') })
      await stage.project.remove(file)
      await fs.mkdir(path.dirname(path.join(stage.project.root, file)), { recursive: true })
      execFileSync('mkfifo', [path.join(stage.project.root, file)])
      // A run blocked on the FIFO would never end: it is killed, and fails the test, after 20 s.
      const run = await act(stage, { killAfterMs: 20_000 })

      expect(run.main.outputs['status']).toBe(status)
      expect(run.main.summary.replace(/\\_/g, '_')).toMatch(says)
      await expectSafe(stage, run)
    }
  )
})
