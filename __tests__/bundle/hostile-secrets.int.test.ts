/**
 * Secrets by every road to every sink: a step's output (whole, split across reads, cut by the
 * output tail, encoded), a check's output, a health URL's password, the URL a step reports,
 * commit messages, what GitHub answers, an approver's comment, a rollback and the post step's
 * recovery. Redaction comes before any formatting, so no escaped or encoded form survives in the
 * report, the summary, the comment, the outputs, the API requests or the log; and a secret that is
 * a common word damages no record and no output the action relies on.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
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

let stage: Stage
let server: Server | undefined
let seen: IncomingHttpHeaders[] = []

beforeEach(async () => {
  stage = await setStage()
  seen = []
})

afterEach(async () => {
  await stage.cleanup()
  if (server) await new Promise(resolve => server?.close(resolve))
  server = undefined
})

/** A health endpoint on 127.0.0.1 that answers 200 ok only to `authorization`, when given. */
async function healthServer(authorization?: string): Promise<string> {
  server = createServer((request, response) => {
    seen.push(request.headers)
    const isAllowed = !authorization || request.headers.authorization === authorization
    response.writeHead(isAllowed ? 200 : 401).end(isAllowed ? 'ok' : 'who are you?')
  })
  await new Promise<void>(resolve => server?.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(server.address() as AddressInfo).port}`
}

const plan = (parts: Parameters<typeof hostilePlan>[0]): Promise<void> =>
  stage.project.write(PLAN_PATH, hostilePlan(parts))

describe('a secret printed by a step', () => {
  it.each([
    ['as written, then the step fails', 'echo "key: $API_KEY"\nexit 3'],
    [
      'in base64 and URL-encoded',
      'printf "%s" "$API_KEY" | base64\nprintf "k=%s" "$API_KEY" | jq -sRr @uri 2>/dev/null || python3 -c "import os,urllib.parse;print(urllib.parse.quote(os.environ[\'API_KEY\'],safe=\'\'))"\nexit 3'
    ],
    ['inside a Basic authorization header', 'printf "deploy:%s" "$API_KEY" | base64\nexit 3'],
    [
      'in two parts a moment apart',
      'printf "%s" "${API_KEY:0:9}"\nsleep 0.5\nprintf "%s\\n" "${API_KEY:9}"\nexit 3'
    ],
    ['on standard error', 'echo "$API_KEY" >&2\nexit 3'],
    [
      'to DEPLOY_OUTPUT',
      'echo "token=$API_KEY" >> "$DEPLOY_OUTPUT"\necho "url=https://example.com/?k=$API_KEY" >> "$DEPLOY_OUTPUT"'
    ]
  ])('%s reaches no sink', async (_, script) => {
    await plan({ steps: steps(script) })
    const run = await act(stage)

    expect(['success', 'rolled-back']).toContain(run.main.outputs['status'])
    await expectSafe(stage, run)
  })

  it.each([
    // The scanner's anchors do badly on base64, where every letter is common: it falls back to its
    // pattern for some 4 MiB, then tries anchors again. The secret stands throughout.
    ['in 76-column base64', 'base64'],
    ['at the end of lines of a megabyte', 'base64 -w 0']
  ])('among 12 MB of random base64 %s reaches no sink', async (_, encoder) => {
    await plan({
      steps: steps(
        `for i in $(seq 12); do head -c 786432 /dev/urandom | ${encoder}; printf ' %s\\n' "$API_KEY"; done\nexit 3`
      )
    })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    expect(run.main.stdout.split('***').length - 1).toBeGreaterThanOrEqual(12)
    await expectSafe(stage, run)
  })

  it.each([3, 10, 17])(
    'is not shown in part when the output tail starts %i characters into it',
    async into => {
      // Whatever the tail holds, it must not begin inside the secret.
      await plan({
        steps: steps(
          `printf '%s' "$API_KEY"\nyes aaaaaaaaa | head -c $((65536 - ${SECRET.length - into}))\nexit 3`
        )
      })
      const run = await act(stage)

      expect(run.main.outputs['status']).toBe('rolled-back')
      expect(await stage.project.read(REPORT)).toContain('aaaaaaaa')
      await expectSafe(stage, run)
    }
  )

  it('in a rollback step and in the post step’s recovery after a kill reaches no sink', async () => {
    await plan({
      steps: steps('touch "$SENTINEL_DIR/started"\nsleep 60'),
      rollback: '    - id: put-back\n      run: echo "restoring with $API_KEY"'
    })
    const run = await act(stage, { interrupt: { when: 'started', signal: 'SIGKILL' } })

    expect(await stage.project.read(REPORT)).toMatch(
      /^<!-- deploy-executor-record .*"status":"rolled-back"/
    )
    expect(run.log).toContain('restoring with ***')
    await expectSafe(stage, run)
  })

  it('that is the job’s GitHub token reaches no sink', async () => {
    await plan({ steps: steps('echo "token: $GITHUB_TOKEN"\nexit 3') })
    const run = await act(stage, { env: { GITHUB_TOKEN: 'ghs_h0stileT0ken_9f8e7d6c5b4a' } })

    expect(run.main.outputs['status']).toBe('rolled-back')
    await expectSafe(stage, run)
  })
})

describe('a secret from elsewhere', () => {
  it.each([150, 190, 199])(
    'at character %i of a failing check’s last line is not cut in two',
    async at => {
      await plan({
        steps: steps('true'),
        health: `  - name: queue\n    run: |\n      printf '%${at}s%s\\n' x "$API_KEY"\n      exit 1\n    retries: 1`
      })
      const run = await act(stage)

      expect(run.main.outputs['status']).toBe('rolled-back')
      await expectSafe(stage, run)
    }
  )

  it('in a check command’s output reaches no sink', async () => {
    await plan({
      steps: steps('true'),
      health:
        '  - name: queue\n    run: |\n      echo "checked with $API_KEY"\n      exit 1\n    retries: 1'
    })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    await expectSafe(stage, run)
  })

  it('as a health URL’s password authenticates the probe and is never shown', async () => {
    const host = await healthServer(`Basic ${Buffer.from(`deploy:${SECRET}`).toString('base64')}`)
    await plan({
      steps: steps('true'),
      health: `  - name: site\n    url: http://deploy:\${API_KEY}@${host}/healthz?k=\${API_KEY}`
    })
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(seen.at(-1)?.authorization).toBe(
      `Basic ${Buffer.from(`deploy:${SECRET}`).toString('base64')}`
    )
    await expectSafe(stage, run)
  })

  it('in a commit message of the changes reaches no sink', async () => {
    await plan({ steps: steps('true') })
    stage.github.state.compare.commits[0] = {
      sha: 'bbbbbbb2222222222222222222222222222222bb',
      commit: { message: `Rotate key_${SECRET}_done`, author: { name: 'Bob' } },
      author: { login: 'bob' }
    }
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(await stage.project.read(REPORT)).toContain('Rotate key')
    await expectSafe(stage, run)
  })

  it('in an approver’s comment reaches no sink', async () => {
    await plan({ steps: steps('true') })
    const approval = stage.github.state.approvals['4242']?.[0]
    if (approval) approval.comment = `use ${SECRET} for it`
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    await expectSafe(stage, run)
  })

  it('in an error GitHub answers reaches no sink', async () => {
    await plan({ steps: steps('true') })
    stage.github.state.failures['POST /repos/acme/site/issues/7/comments'] = {
      status: 422,
      message: `body is invalid near ${SECRET}`
    }
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(run.main.stdout).toContain('could not comment')
    await expectSafe(stage, run)
  })

  it('written into the plan’s own text is shown redacted by a dry run', async () => {
    await stage.project.write(
      PLAN_PATH,
      hostilePlan({
        steps: `  - id: release\n    purpose: "uses ${SECRET}"\n    run: echo '${SECRET}'`
      })
    )
    const run = await act(stage, { inputs: { 'dry-run': 'true' } })

    expect(run.main.outputs['status']).toBe('dry-run')
    await expectSafe(stage, run)
  })
})

describe('a secret of several lines, or of characters Markdown and HTML treat specially', () => {
  it('reaches no sink, line by line', async () => {
    const cert =
      '-----BEGIN KEY-----\nMIIBh0st1leLineOne<&>\nMIIBh0st1leLine|Two`~\n-----END KEY-----'
    await stage.project.write(
      PLAN_PATH,
      hostilePlan({
        steps: steps('echo "$CERT"\necho "$CERT" | tail -n 2 | head -n 1 | base64\nexit 3')
      }).replace('secrets: [API_KEY]', 'secrets: [API_KEY, CERT]')
    )
    const run = await act(stage, { env: { CERT: cert } })

    expect(run.main.outputs['status']).toBe('rolled-back')
    await expectSafe(stage, run, {
      secrets: ['MIIBh0st1leLineOne<&>', 'MIIBh0st1leLine|Two`~']
    })
  })
})

describe('a secret that is a common word', () => {
  it.each(['success', 'production', 'deploy-executor', 'true'])(
    "'%s' damages no record, output or comment the action relies on",
    async word => {
      await plan({ steps: steps('true') })
      const first = await act(stage, { env: { API_KEY: word } })
      await act(stage, { env: { API_KEY: word }, inputs: { 'dry-run': 'true' } })

      expect(first.main.outputs['status']).toBe('success')
      expect(first.main.outputs['result'] ?? '').toMatch(/^\{/)
      expect(JSON.parse(first.main.outputs['result'] ?? '{}')).toMatchObject({
        status: 'success'
      })
      // The record line is whole, so a later run still finds this deployment.
      expect(await stage.project.read(REPORT)).toMatch(
        /^<!-- deploy-executor-record \{"run":"4242-1".*"status":"success".*\} -->$/m
      )
      // The comment marker is whole: the dry run updated the one comment.
      const comments = stage.github.state.comments['7'] ?? []
      expect(comments).toHaveLength(1)
      expect(comments[0]?.body.split('\n', 1)[0]).toBe('<!-- deploy-executor:production -->')
      await expectSafe(stage, first)
    }
  )
})
