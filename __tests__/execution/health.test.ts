import { promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { bashRunner } from '../../src/execution/command-runner.js'
import { fetchProbe, runHealthCheck, type HttpProbe } from '../../src/execution/health.js'
import { baselineKeyOf } from '../../src/execution/metric.js'
import { planSchema, type HealthCheck } from '../../src/plan/schema.js'
import type { HealthRecord } from '../../src/report/model.js'
import { FakeClock, recordingLog, scriptedProbe } from '../support/fakes.js'
import { inEnglish, type English } from '../support/english.js'

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
    isPerTarget: false,
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
      lastStatus: { en: 'HTTP 200' },
      lastError: { en: 'https://staging.example.com/healthz: ECONNREFUSED' }
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
      lastError: { en: 'HTTP 502, expected 2xx' }
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

    expect(wrongBody.lastError?.en).toBe(`HTTP 200, body lacks '"status":"ok"'`)
    expect(wrongStatus.lastError?.en).toBe('HTTP 200, expected 204')
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
      lastError: { en: expect.stringContaining('uses ${DEPLOY_URL}, which is not set') }
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
      failureLimit: 0,
      isPerTarget: false
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
      lastError: { en: 'exit code 4: 12 jobs waiting' }
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
    expect(await fetchProbe.get(`${base}/slow`, 200)).toEqual({ error: 'timeout', isTimeout: true })
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
      expect(refused).toMatchObject({
        isHealthy: false,
        lastError: { en: expect.stringContaining('401') }
      })
      expect(JSON.stringify([healthy, refused, log.lines])).not.toMatch(/w0rd|wrong|p%40ss|ops:/)
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })
})

describe('runHealthCheck with metric checks', () => {
  let root: string

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'metric-'))
  })

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true })
  })

  /** A metric check printing, at each probe, the next line of the file `values`. */
  function metricCheck(metric: string, extra = ''): HealthCheck {
    const plan = planSchema.parse(
      parse(`
deploy-executor: 1
environments: { staging: {} }
steps: [ { id: release, run: "true" } ]
health:
  - name: error rate
    run: echo "weight=\${DEPLOY_CANARY_WEIGHT:-unset}" >&2; head -n 1 values; sed -i 1d values
    interval: 10s
    metric: ${metric}
${extra}`)
    )
    return plan.health[0] as HealthCheck
  }

  async function probeWith(
    check: HealthCheck,
    values: string[],
    baselines?: Map<string, number | undefined>
  ): Promise<English<HealthRecord>> {
    await fs.writeFile(path.join(root, 'values'), values.map(value => `${value}\n`).join(''))
    const record = await runHealthCheck(check, 'deploy', {
      probe: scriptedProbe([]),
      runner: bashRunner(),
      clock: new FakeClock(),
      log: recordingLog(),
      root,
      env: { PATH: process.env['PATH'] ?? '' },
      ...(baselines ? { baselines } : {})
    })
    return inEnglish(record)
  }

  const withBaseline = (
    check: HealthCheck,
    value: number | undefined
  ): Map<string, number | undefined> => new Map([[baselineKeyOf(check) ?? '', value]])

  it('judges each sample by the absolute bound, retrying until one is within it', async () => {
    const record = await probeWith(metricCheck('{ max: 0.05 }'), ['0.07', '0.049'])

    expect(record).toMatchObject({
      isHealthy: true,
      probes: 2,
      failures: 1,
      lastError: '0.07, above the bound 0.05',
      lastStatus: '0.049, within ≤ 0.05',
      metric: {
        rule: { max: '0.05' },
        max: '0.05',
        samples: [
          { n: 1, reading: 'number', value: '0.07', verdict: 'above' },
          { n: 2, reading: 'number', value: '0.049', verdict: 'within' }
        ]
      }
    })
  })

  it('puts the relative bound on the baseline, the stricter bound winning', async () => {
    const check = metricCheck('{ max: 0.05, baseline: { max-increase: 50% } }', '    retries: 1')

    const healthy = await probeWith(check, ['0.018'], withBaseline(check, 0.012))
    const sick = await probeWith(check, ['0.019'], withBaseline(check, 0.012))

    expect(healthy).toMatchObject({ isHealthy: true, metric: { baseline: '0.012', max: '0.018' } })
    expect(sick).toMatchObject({
      isHealthy: false,
      lastError: '0.019, above the bound 0.018'
    })
  })

  it('bounds from below with min and max-decrease, the higher of the two', async () => {
    const check = metricCheck('{ min: 90, baseline: { max-decrease: 5% } }', '    retries: 1')

    const record = await probeWith(check, ['94.9'], withBaseline(check, 100))

    expect(record).toMatchObject({
      isHealthy: false,
      lastError: '94.9, below the bound 95',
      metric: { min: '95', rule: { min: '90', maxDecrease: '5%' } }
    })
  })

  it('keeps only the absolute bounds when the baseline could not be measured, and says so', async () => {
    const check = metricCheck(
      '{ max: 0.05, baseline: { max-increase: 50%, required: false } }',
      '    retries: 1'
    )

    const record = await probeWith(check, ['0.04'], withBaseline(check, undefined))

    expect(record).toMatchObject({
      isHealthy: true,
      metric: { isBaselineMissing: true, max: '0.05' }
    })
    expect(record.metric?.baseline).toBeUndefined()
  })

  it('counts a sample that is not a number as a failed probe that names what was printed', async () => {
    const record = await probeWith(metricCheck('{ max: 1 }', '    retries: 2'), ['0x10', 'ok: 0.2'])

    expect(record).toMatchObject({
      isHealthy: false,
      probes: 2,
      failures: 2,
      lastError: 'not a number: the last line printed was "ok: 0.2"',
      metric: {
        samples: [
          { n: 1, reading: 'not-a-number', printed: '0x10' },
          { n: 2, reading: 'not-a-number', printed: 'ok: 0.2' }
        ]
      }
    })
  })

  it('judges every sample while watching, failure-limit counting the ones out of bounds', async () => {
    const check = metricCheck('{ max: 0.05 }', '    watch: 60s\n    failure-limit: 1')

    const tolerated = await probeWith(check, [
      '0.01',
      '0.09',
      '0.01',
      '0.01',
      '0.01',
      '0.01',
      '0.01'
    ])
    const failed = await probeWith(check, ['0.01', '0.09', '0.01', '0.08', '0.01'])

    expect(tolerated).toMatchObject({ isHealthy: true, probes: 7, failures: 1 })
    expect(tolerated.metric?.samples).toHaveLength(7)
    expect(failed).toMatchObject({ isHealthy: false, probes: 4, failures: 2 })
    expect(failed.metric?.samples.map(sample => sample.verdict)).toEqual([
      'within',
      'above',
      'within',
      'above'
    ])
  })
})
