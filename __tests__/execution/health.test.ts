import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { bashRunner } from '../../src/execution/command-runner.js'
import { fetchProbe, runHealthCheck, type HttpProbe } from '../../src/execution/health.js'
import type { HealthCheck } from '../../src/plan/schema.js'
import type { HealthRecord } from '../../src/report/model.js'
import { FakeClock, recordingLog, scriptedProbe } from '../support/fakes.js'

function httpCheck(overrides: Partial<Extract<HealthCheck, { kind: 'http' }>> = {}): HealthCheck {
  return {
    kind: 'http',
    name: 'api',
    url: '${DEPLOY_URL}/healthz',
    expectStatus: undefined,
    expectBody: undefined,
    target: undefined,
    environments: undefined,
    intervalMs: 5_000,
    timeoutMs: 3_000,
    retries: 3,
    watchMs: 0,
    failureLimit: 0,
    ...overrides
  }
}

function runWith(
  check: HealthCheck,
  probe: HttpProbe,
  clock = new FakeClock(),
  env: Record<string, string> = { DEPLOY_URL: 'https://staging.example.com' }
): Promise<HealthRecord> {
  return runHealthCheck(check, 'deploy', {
    probe,
    runner: bashRunner(),
    clock,
    log: recordingLog(),
    root: os.tmpdir(),
    env
  })
}

describe('runHealthCheck with HTTP probes', () => {
  it('retries until the first healthy answer, expanding ${NAME} in the url', async () => {
    const probe = scriptedProbe([
      { status: 503, body: '' },
      { error: 'ECONNREFUSED' },
      { status: 200, body: 'ok' }
    ])

    const record = await runWith(httpCheck(), probe)

    expect(record).toMatchObject({
      isHealthy: true,
      probes: 3,
      failures: 2,
      lastStatus: 'HTTP 200',
      lastError: 'https://staging.example.com/healthz: ECONNREFUSED'
    })
    expect(probe.urls).toEqual(Array(3).fill('https://staging.example.com/healthz'))
  })

  it('fails when the retries run out, keeping the last error', async () => {
    const clock = new FakeClock()
    const record = await runWith(
      httpCheck({ retries: 4 }),
      scriptedProbe([{ status: 502, body: '' }]),
      clock
    )

    expect(record).toMatchObject({
      isHealthy: false,
      probes: 4,
      failures: 4,
      lastError: 'HTTP 502, expected 2xx'
    })
    expect(record.durationMs).toBe(3 * 5_000)
  })

  it('checks the expected status and body', async () => {
    const wrongBody = await runWith(
      httpCheck({ retries: 1, expectStatus: [200], expectBody: '"status":"ok"' }),
      scriptedProbe([{ status: 200, body: '{"status":"degraded"}' }])
    )
    const wrongStatus = await runWith(
      httpCheck({ retries: 1, expectStatus: [204] }),
      scriptedProbe([{ status: 200, body: '' }])
    )

    expect(wrongBody.lastError).toBe(`HTTP 200, body lacks '"status":"ok"'`)
    expect(wrongStatus.lastError).toBe('HTTP 200, expected 204')
  })

  it('keeps probing while watching and tolerates up to failure-limit failures', async () => {
    const answers = [
      { status: 200, body: '' },
      { status: 500, body: '' },
      { status: 200, body: '' }
    ]
    const record = await runWith(
      httpCheck({ watchMs: 60_000, intervalMs: 10_000, failureLimit: 1 }),
      scriptedProbe(answers)
    )

    expect(record).toMatchObject({ isHealthy: true, probes: 7, failures: 1 })
  })

  it('fails while watching once failures pass the limit', async () => {
    const ok = { status: 200, body: '' }
    const bad = { status: 500, body: '' }
    const record = await runWith(
      httpCheck({ watchMs: 60_000, intervalMs: 10_000, failureLimit: 1 }),
      scriptedProbe([ok, ok, bad, bad, ok])
    )

    expect(record).toMatchObject({ isHealthy: false, probes: 4, failures: 2 })
  })

  it('refuses a url whose variable is not set, without probing', async () => {
    const probe = scriptedProbe([{ status: 200, body: '' }])

    const record = await runWith(httpCheck(), probe, new FakeClock(), {})

    expect(record).toMatchObject({
      isHealthy: false,
      probes: 0,
      lastError: expect.stringContaining('uses ${DEPLOY_URL}, which is not set')
    })
    expect(probe.urls).toEqual([])
  })
})

describe('runHealthCheck with command checks', () => {
  it('is healthy on exit code 0 and reports the last line otherwise', async () => {
    const check = (run: string): HealthCheck => ({
      kind: 'command',
      name: 'queue',
      run,
      metric: undefined,
      target: undefined,
      environments: undefined,
      intervalMs: 0,
      timeoutMs: 5_000,
      retries: 2,
      watchMs: 0,
      failureLimit: 0
    })

    const healthy = await runWith(
      check('test "$QUEUE" = empty'),
      scriptedProbe([]),
      new FakeClock(),
      { PATH: process.env['PATH'] ?? '', QUEUE: 'empty' }
    )
    const sick = await runWith(
      check('echo "12 jobs waiting"; exit 4'),
      scriptedProbe([]),
      new FakeClock(),
      { PATH: process.env['PATH'] ?? '' }
    )

    expect(healthy).toMatchObject({ isHealthy: true, probes: 1 })
    expect(sick).toMatchObject({
      isHealthy: false,
      probes: 2,
      lastError: 'exit code 4: 12 jobs waiting'
    })
  })
})

describe('fetchProbe against a real HTTP server', () => {
  let server: Server
  let base: string

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/slow') setTimeout(() => response.end('late'), 2_000).unref()
      else response.writeHead(request.url === '/healthz' ? 200 : 404).end('{"status":"ok"}')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })

  it('reads the status and body', async () => {
    expect(await fetchProbe.get(`${base}/healthz`, 2_000)).toEqual({
      status: 200,
      body: '{"status":"ok"}'
    })
    expect(await fetchProbe.get(`${base}/missing`, 2_000)).toMatchObject({ status: 404 })
  })

  it('gives up on a probe after its timeout', async () => {
    expect(await fetchProbe.get(`${base}/slow`, 200)).toEqual({ error: 'no answer within 200ms' })
  })

  it('says why a connection failed', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))

    expect(await fetchProbe.get(`http://127.0.0.1:${port}/`, 2_000)).toEqual({
      error: 'ECONNREFUSED'
    })
  })
})

describe('a health URL with credentials', () => {
  it('probes with Basic authentication and shows the URL without them', async () => {
    const server = createServer((request, response) => {
      const expected = `Basic ${Buffer.from('ops:p@ss:w0rd').toString('base64')}`
      response.writeHead(request.headers.authorization === expected ? 200 : 401).end('ok')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const log = recordingLog()
    try {
      const healthy = await runHealthCheck(
        httpCheck({ url: `http://ops:\${SECRET}@127.0.0.1:${port}/private`, retries: 1 }),
        'deploy',
        {
          probe: fetchProbe,
          runner: bashRunner(),
          clock: new FakeClock(),
          log,
          root: os.tmpdir(),
          // The variable holds the password as it is; the action encodes it for the URL.
          env: { SECRET: 'p@ss:w0rd' }
        }
      )
      const refused = await runHealthCheck(
        httpCheck({ url: `http://ops:wrong@127.0.0.1:${port}/private`, retries: 1 }),
        'deploy',
        {
          probe: fetchProbe,
          runner: bashRunner(),
          clock: new FakeClock(),
          log,
          root: os.tmpdir(),
          env: {}
        }
      )

      expect(healthy.isHealthy).toBe(true)
      expect(refused).toMatchObject({ isHealthy: false, lastError: expect.stringContaining('401') })
      expect(JSON.stringify([healthy, refused, log.lines])).not.toMatch(/w0rd|wrong|p%40ss|ops:/)
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })
})
