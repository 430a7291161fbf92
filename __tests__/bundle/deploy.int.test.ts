/** End to end: the committed bundle deploys the example project for real, under Node 24. */
import { promises as fs, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction } from '../support/action-runner.js'
import { FakeGitHub } from '../support/fake-github.js'
import { CHANGE, makeProject, PLAN_PATH, type Project } from '../support/project.js'

const EXAMPLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/acme-site'
)
const REPORT = 'logos/resources/verify/deployment-report.md'

let github: FakeGitHub

beforeEach(async () => {
  github = await new FakeGitHub().start()
})

afterEach(async () => {
  await github.stop()
})

describe('a real deployment of examples/acme-site', () => {
  let root: string
  let server: Server
  let port: number

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'acme-'))
    await fs.cp(EXAMPLE, root, { recursive: true })
    server = createServer((request, response) => {
      try {
        response.end(readFileSync(path.join(root, '.deploy/staging/current', request.url ?? '/')))
      } catch {
        response.writeHead(404).end()
      }
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve))
    await fs.rm(root, { recursive: true, force: true })
  })

  it('deploys, health-checks, reports and marks the proposal done', async () => {
    const oldReport = await fs.readFile(path.join(root, REPORT), 'utf8')

    const run = await runAction({
      workspace: root,
      inputs: {
        environment: 'staging',
        'require-approval': 'false',
        version: 'v7',
        comment: 'false'
      },
      env: { DEMO_PORT: String(port), GITHUB_API_URL: github.url }
    })

    expect(run.stderr).toBe('')
    expect(
      run.stdout
        .split('\n')
        .filter(line => line.startsWith('::error') || line.startsWith('::warning'))
    ).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      'deployment-id': String(github.state.deployments[0]?.id),
      status: 'success',
      version: 'v7',
      'deploy-url': `http://127.0.0.1:${port}`,
      'report-path': REPORT,
      'previous-version': ''
    })
    const result = JSON.parse(run.outputs['result'] ?? '{}') as Record<string, unknown>
    expect(result).toMatchObject({
      status: 'success',
      environment: 'staging',
      proposal: 'add-status-page',
      targets: ['web'],
      reportPath: REPORT
    })
    expect(result['steps']).toEqual([
      expect.objectContaining({ id: 'build', status: 'succeeded', exitCode: 0, target: 'web' }),
      expect.objectContaining({ id: 'release', status: 'succeeded', exitCode: 0 })
    ])
    expect(await fs.readlink(path.join(root, '.deploy/staging/current'))).toBe('releases/v7')
    const report = await fs.readFile(path.join(root, REPORT), 'utf8')
    expect(report).toContain('# ✅ Deployed add-status-page')
    expect(report).toContain('no human approval: require-approval is false')
    expect(report.endsWith(`---\n\n${oldReport}`)).toBe(true)
    expect(run.summary).toContain('| Result | ✅ success |')
    expect(run.summary).toContain('| Status page answers | ✅ healthy | 1 | 0 | `HTTP 200` |')
    expect(run.stdout).toContain('::group::Step 2/2: Switch the current release [release]')
    expect(run.stdout).toContain('current -> releases/v7')
    expect(
      await fs.readFile(path.join(root, 'logos/changes/add-status-page/DEPLOY_DONE'), 'utf8')
    ).toBe('')
    expect(
      await fs.readFile(path.join(root, 'logos/changes/add-status-page/tasks.md'), 'utf8')
    ).toContain('- [x] Deploy to staging per the deployment plan')
  })

  it('rolls a broken release back and fails the step', async () => {
    await runAction({
      workspace: root,
      inputs: { environment: 'staging', 'require-approval': 'false', version: 'v1' },
      env: { DEMO_PORT: String(port), GITHUB_API_URL: github.url }
    })
    const marker = path.join(root, 'logos/changes/add-status-page/DEPLOY_DONE')
    await fs.utimes(marker, new Date(0), new Date(0))

    const run = await runAction({
      workspace: root,
      inputs: {
        environment: 'staging',
        'require-approval': 'false',
        version: 'v2',
        redeploy: 'true'
      },
      env: { DEMO_PORT: String(port), DEMO_BREAK: '1', GITHUB_API_URL: github.url }
    })

    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status: 'rolled-back', 'previous-version': 'v1' })
    expect(await fs.readlink(path.join(root, '.deploy/staging/current'))).toBe('releases/v1')
    expect(run.stdout).toContain('::error::Deployment rolled-back')
    expect((await fs.stat(marker)).mtimeMs).toBe(0)
    expect(await fs.readFile(path.join(root, REPORT), 'utf8')).toMatch(
      /^<!-- deploy-executor-record \{"run":"4242-1","markers":true,"environment":"staging","status":"rolled-back"/
    )
  })
})

describe('secrets', () => {
  let project: Project

  afterEach(async () => {
    await project.cleanup()
  })

  it('never reach the log, the summary, the outputs or the report file, in any form', async () => {
    const apiKey = 'sk_live_SENTINEL_4f9a/+=?&'
    const cert =
      '-----BEGIN SENTINEL-----\nMIIBsentinelLineOne\nMIIBsentinelLineTwo\n-----END SENTINEL-----'
    const token = 'ghs_SENTINELtoken0123456789'
    const forms = [
      apiKey,
      Buffer.from(apiKey).toString('base64'),
      encodeURIComponent(apiKey),
      'MIIBsentinelLineOne',
      'MIIBsentinelLineTwo',
      token,
      Buffer.from(token).toString('base64')
    ]
    const plan = `---
deploy-executor: 1
environments: { staging: {} }
secrets: [API_KEY, CERT]
steps:
  - id: leak
    run: |
      echo "key: $API_KEY"
      printf '%s' "$API_KEY" | base64
      echo "encoded: $ENCODED"
      echo "$CERT"
      echo "token=$API_KEY" >> "$DEPLOY_OUTPUT"
      echo "url=https://example.com/?k=$API_KEY" >> "$DEPLOY_OUTPUT"
      exit 3
    rollback: echo "undoing with $API_KEY"
---
`
    project = await makeProject({ files: { [PLAN_PATH]: plan } })

    const run = await runAction({
      workspace: project.root,
      inputs: {
        environment: 'staging',
        'require-approval': 'false',
        'github-token': token,
        comment: 'false'
      },
      env: {
        API_KEY: apiKey,
        CERT: cert,
        ENCODED: encodeURIComponent(apiKey),
        GITHUB_API_URL: github.url
      }
    })

    expect(run.outputs['status']).toBe('rolled-back')
    const log = run.stdout.replace(/^::add-mask::.*$/gm, '')
    const report = await project.read('logos/resources/verify/deployment-report.md')
    const sinks = {
      log,
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      report
    }
    for (const [sink, text] of Object.entries(sinks)) {
      for (const form of forms)
        expect({ sink, leaked: text.includes(form) ? form : undefined }).toEqual({
          sink,
          leaked: undefined
        })
    }
    expect(report).toContain('key: ***')
    expect(log).toContain('encoded: ***')
    expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(false)
  })
})
