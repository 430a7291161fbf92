import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_RETRY,
  GitHubApiError,
  explainApiError,
  lazyOctokit,
  retryDelayMs,
  type OctokitLike
} from '../../src/github/client.js'

describe('retryDelayMs', () => {
  it('backs off on 5xx answers, then gives up', () => {
    const error = { status: 502 }

    expect([1, 2, 3].map(attempt => retryDelayMs(error, attempt, DEFAULT_RETRY))).toEqual([
      1_000,
      2_000,
      undefined
    ])
  })

  it('waits out a secondary rate limit for as long as GitHub asks', () => {
    const error = {
      status: 403,
      message: 'You have exceeded a secondary rate limit',
      response: { headers: { 'retry-after': '7' } }
    }

    expect(retryDelayMs(error, 1, DEFAULT_RETRY)).toBe(7_000)
  })

  it('does not wait longer than the policy allows', () => {
    const error = { status: 429, response: { headers: { 'retry-after': '3600' } } }

    expect(retryDelayMs(error, 1, DEFAULT_RETRY)).toBeUndefined()
  })

  it('never retries a plain 403 or 404', () => {
    expect(
      retryDelayMs(
        { status: 403, message: 'Resource not accessible by integration' },
        1,
        DEFAULT_RETRY
      )
    ).toBeUndefined()
    expect(retryDelayMs({ status: 404 }, 1, DEFAULT_RETRY)).toBeUndefined()
  })
})

describe('explainApiError', () => {
  it('names the permission GitHub says is missing, as it is written in a workflow', () => {
    expect(
      explainApiError(new GitHubApiError('Forbidden', 403, 'deployments=write'), 'actions: read').en
    ).toBe(
      "the token was refused (HTTP 403): add 'deployments: write' under permissions: in the job"
    )
  })

  it('falls back to the permission the call needs when GitHub does not say', () => {
    expect(explainApiError(new GitHubApiError('Forbidden', 403), 'actions: read').en).toContain(
      "add 'actions: read'"
    )
  })
})

describe('lazyOctokit', () => {
  function recordingOctokit(): OctokitLike {
    const wrappers: Parameters<OctokitLike['hook']['wrap']>[1][] = []
    const send = (route: string): Promise<unknown> =>
      wrappers.reduce<(options: unknown) => Promise<unknown>>(
        (inner, wrapper) => options => wrapper(inner, options),
        () => Promise.resolve({ data: route, headers: {} })
      )({ route })
    return {
      request: async route =>
        (await send(route)) as { data: unknown; headers: Record<string, unknown> },
      graphql: async query => send(query),
      hook: { wrap: (_name, wrapper) => void wrappers.push(wrapper) }
    }
  }

  it('loads Octokit on the first request only, once, with the hooks added before', async () => {
    const calls: string[] = []
    let loads = 0
    const octokit = lazyOctokit(() => {
      loads++
      return Promise.resolve(recordingOctokit())
    })
    octokit.hook.wrap('request', (request, options) => {
      calls.push(`hook ${(options as { route: string }).route}`)
      return request(options)
    })

    expect(loads).toBe(0)
    const [first, second] = await Promise.all([
      octokit.request('GET /one'),
      octokit.graphql('query', {})
    ])

    expect(loads).toBe(1)
    expect([first.data, second]).toEqual(['GET /one', { data: 'query', headers: {} }])
    expect(calls).toEqual(['hook GET /one', 'hook query'])
  })
})
