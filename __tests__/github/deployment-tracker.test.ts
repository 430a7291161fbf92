import { describe, expect, it } from '@jest/globals'
import { verbatim } from '../../src/core/message.js'
import type { DeploymentStart, DeploymentTracker } from '../../src/report/deployment-record.js'
import { GitHubApiError } from '../../src/github/client.js'
import {
  githubDeploymentTracker,
  type DeploymentMode
} from '../../src/github/deployment-tracker.js'
import { FakeClock, recordingLog } from '../support/fakes.js'
import { deploymentOf, githubContext } from '../support/builders.js'
import { MemoryGitHub } from '../support/memory-github.js'

const context = githubContext({ sha: 'new-sha' })
const request = deploymentOf({ environment: 'production', sha: 'new-sha' })
const clock = new FakeClock(Date.parse('2026-05-24T10:00:00Z'))
/** The final status a real, successful run of the action posts. */
const recorded = {
  state: 'success',
  description: '[deploy-executor] success: earlier-change v1',
  logUrl: '',
  createdAt: ''
}
const noFallback: DeploymentTracker = {
  begin: () => Promise.resolve({ kind: 'started', notes: [] }),
  resolveRollback: () =>
    Promise.resolve({ kind: 'refused', problem: verbatim('none'), fix: verbatim('none') }),
  finish: () => Promise.resolve(undefined)
}

function deployment(id: number, sha: string, version?: string, createdAt = '2026-05-24T09:00:00Z') {
  return {
    id,
    sha,
    ref: 'main',
    environment: 'production',
    createdAt,
    creator: 'github-actions[bot]',
    payload: version ? { version } : {}
  }
}

function tracker(client: MemoryGitHub, mode: DeploymentMode = 'auto', fallback = noFallback) {
  return githubDeploymentTracker(client, context, clock, recordingLog(), {
    mode,
    waitTimeoutMs: 60_000,
    pollIntervalMs: 10_000,
    fallback
  })
}

describe('githubDeploymentTracker', () => {
  it("uses the job's own deployment and finds the rollback point and the changes since", async () => {
    const client = new MemoryGitHub()
    client.deployments = [
      deployment(3, 'new-sha'),
      deployment(2, 'old-sha', 'v1'),
      deployment(1, 'older-sha')
    ]
    client.statuses = {
      3: [
        {
          state: 'in_progress',
          description: '',
          logUrl: 'https://github.com/acme/site/actions/runs/42/job/7',
          createdAt: ''
        }
      ],
      2: [recorded]
    }

    const start = await tracker(client).begin(request)

    expect(start).toMatchObject({
      kind: 'started',
      deploymentId: '3',
      rollbackPoint: { sha: 'old-sha', version: 'v1' },
      changes: { total: 2 }
    })
    expect(client.calls).toEqual([
      'listDeployments',
      'listDeploymentStatuses',
      'listDeploymentStatuses',
      'compareCommits'
    ])
    expect(await tracker(client).finish({ status: 'success', summary: 'ok' })).toBeUndefined()
    expect(client.calls).not.toContain('createDeploymentStatus')
  })

  it('creates a deployment when the job has none, marks it in progress, then with the result', async () => {
    const client = new MemoryGitHub()
    const tracked = tracker(client)

    const start = await tracked.begin(request)
    await tracked.finish({
      status: 'rolled-back',
      deployUrl: 'https://example.com',
      summary: 'rolled back'
    })

    const id = Number((start as Extract<DeploymentStart, { kind: 'started' }>).deploymentId)
    expect(client.deployments[0]?.payload).toEqual({
      proposal: 'add-login',
      version: 'v2',
      mode: 'deploy',
      tool: 'deploy-executor'
    })
    expect(client.statuses[id]?.map(status => status.state)).toEqual(['failure', 'in_progress'])
  })

  it('tells the caller the deployment it created before marking it in progress', async () => {
    const client = new MemoryGitHub()
    const told: { id: number; statusesThen: number }[] = []

    await tracker(client).begin(request, id => {
      told.push({ id, statusesThen: client.statuses[id]?.length ?? 0 })
      return Promise.resolve()
    })

    expect(told).toEqual([{ id: client.deployments[0]?.id, statusesThen: 0 }])
  })

  it('closes a deployment it created and then could not start, so no later run waits on it', async () => {
    const client = new MemoryGitHub()
    const broken: DeploymentTracker = {
      ...noFallback,
      begin: () => Promise.reject(new Error('report file unreadable'))
    }

    const start = await tracker(client, 'auto', broken).begin(request)

    const id = client.deployments[0]?.id ?? 0
    expect(start).toMatchObject({ kind: 'refused', problem: { en: /report file unreadable/ } })
    expect(client.statuses[id]?.map(status => status.state)).toEqual(['error', 'in_progress'])
    expect(client.statuses[id]?.[0]?.description).toMatch(/^\[deploy-executor\] not started/)
  })

  it('sends nothing more once cancelled: the post step closes the deployment from the journal', async () => {
    const client = new MemoryGitHub()
    const cancellation = new AbortController()
    const cancelling: DeploymentTracker = {
      ...noFallback,
      begin: () => {
        cancellation.abort()
        return Promise.reject(new Error('aborted'))
      }
    }
    const tracked = githubDeploymentTracker(client, context, clock, recordingLog(), {
      mode: 'auto',
      waitTimeoutMs: 60_000,
      fallback: cancelling,
      signal: cancellation.signal
    })

    const start = await tracked.begin(request)

    expect(start.kind).toBe('refused')
    expect(client.statuses[client.deployments[0]?.id ?? 0]?.map(status => status.state)).toEqual([
      'in_progress'
    ])
  })

  it('falls back to the report file for the rollback point when GitHub has none', async () => {
    const fallback: DeploymentTracker = {
      ...noFallback,
      begin: () =>
        Promise.resolve({
          kind: 'started',
          rollbackPoint: { sha: 'f', version: 'v0' },
          notes: [verbatim('from file')]
        })
    }

    const start = await tracker(new MemoryGitHub(), 'create', fallback).begin(request)

    expect(start).toMatchObject({
      kind: 'started',
      rollbackPoint: { version: 'v0' },
      deploymentId: expect.any(String)
    })
  })

  it('waits for another run still deploying, then goes on', async () => {
    const client = new MemoryGitHub()
    client.deployments = [deployment(9, 'other-sha', 'v9', '2026-05-24T09:59:00Z')]
    client.statuses = {
      9: [{ state: 'in_progress', description: '', logUrl: 'runs/41', createdAt: '' }]
    }
    const originalList = client.listDeploymentStatuses
    let polls = 0
    client.listDeploymentStatuses = (id: number) => {
      if (id === 9 && ++polls === 3) client.statuses[9] = [recorded]
      return originalList(id)
    }

    const start = await tracker(client, 'create').begin(request)

    expect(start).toMatchObject({ kind: 'started', rollbackPoint: { version: 'v9' } })
    expect((start as Extract<DeploymentStart, { kind: 'started' }>).notes[0]?.en).toContain(
      'waited for GitHub deployment 9'
    )
  })

  it('refuses when the other run is still deploying after the wait', async () => {
    const client = new MemoryGitHub()
    client.deployments = [deployment(9, 'other-sha', 'v9', '2026-05-24T09:59:00Z')]
    client.statuses = { 9: [{ state: 'queued', description: '', logUrl: '', createdAt: '' }] }

    const start = await tracker(client, 'create').begin(request)

    expect(start).toMatchObject({
      kind: 'refused',
      fix: { en: expect.stringContaining('concurrency') }
    })
    expect(client.calls).not.toContain('createDeployment')
  })

  it.each(['', 'yesterday-ish', '2026-13-45T99:99:99Z'])(
    'waits for an in-progress deployment whose creation time %p cannot be read',
    async createdAt => {
      const client = new MemoryGitHub()
      client.deployments = [deployment(9, 'other-sha', 'v9', createdAt)]
      client.statuses = {
        9: [{ state: 'in_progress', description: '', logUrl: '', createdAt: '' }]
      }

      const start = await tracker(client, 'create').begin(request)

      expect(start).toMatchObject({
        kind: 'refused',
        problem: { en: expect.stringContaining('still deploying') }
      })
      expect(client.calls).not.toContain('createDeployment')
    }
  )

  it('takes as rollback point only a deployment a real run of the action marked successful', async () => {
    const client = new MemoryGitHub()
    client.deployments = [
      deployment(9, 'dry-sha', 'v9'),
      deployment(8, 'tool-sha', 'v8'),
      deployment(7, 'real-sha', 'v7')
    ]
    client.statuses = {
      // GitHub marks a job's deployment successful itself, dry run or not.
      9: [{ state: 'success', description: '', logUrl: '', createdAt: '' }],
      8: [{ state: 'success', description: 'deployed by another tool', logUrl: '', createdAt: '' }],
      // ...which sets the older ones inactive.
      7: [{ ...recorded, state: 'inactive', description: '' }, recorded]
    }

    const start = await tracker(client, 'create').begin(request)

    expect(start).toMatchObject({ kind: 'started', rollbackPoint: { version: 'v7' } })
    expect(start.kind === 'started' && start.notes.map(note => note.en).join('\n')).toContain(
      'GitHub deployment 9 succeeded without a deployment recorded by deploy-executor'
    )
  })

  it('marks its final status so that the next run can tell a real deployment', async () => {
    const client = new MemoryGitHub()
    const used = tracker(client, 'create')
    await used.begin(request)

    await used.finish({ status: 'success', summary: 'success: change v2' })

    const created = client.deployments[0]?.id ?? -1
    expect(client.statuses[created]?.[0]).toMatchObject({
      state: 'success',
      description: '[deploy-executor] success: change v2'
    })
  })

  it('ignores a deployment left in progress for hours', async () => {
    const client = new MemoryGitHub()
    client.deployments = [
      deployment(9, 'other-sha', 'v9', '2026-05-23T09:00:00Z'),
      deployment(8, 'prev', 'v8')
    ]
    client.statuses = {
      9: [{ state: 'in_progress', description: '', logUrl: '', createdAt: '' }],
      8: [recorded]
    }

    expect(await tracker(client, 'create').begin(request)).toMatchObject({
      kind: 'started',
      rollbackPoint: { version: 'v8' }
    })
  })

  it('fails closed when deployments cannot be read, naming the permission', async () => {
    const client = new MemoryGitHub()
    client.errors.listDeployments = new GitHubApiError('Forbidden', 403, 'deployments=read')

    expect(await tracker(client).begin(request)).toMatchObject({
      kind: 'refused',
      fix: { en: expect.stringContaining("add 'deployments: read'") }
    })
  })

  it('touches nothing on GitHub with github-deployment: off', async () => {
    const client = new MemoryGitHub()

    await tracker(client, 'off').begin(request)

    expect(client.calls).toEqual([])
  })
})
