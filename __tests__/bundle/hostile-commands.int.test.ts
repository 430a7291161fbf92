/**
 * Workflow commands in untrusted text, by every road that text takes to the runner's log: a step's
 * output and errors, a check's output, a URL a step reports, the plan's own text in a dry run, a
 * rollback, the post step's recovery, an approver's comment, commit messages, what GitHub answers,
 * and the files a refusal quotes. The runner must act on none of them (read as the runner reads,
 * CR and leading space included), and every case keeps the four promises of `expectSafe`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  act,
  expectSafe,
  hostilePlan,
  PLAN_PATH,
  setStage,
  type Act,
  type Stage
} from '../support/hostile.js'
import { CHANGE } from '../support/project.js'
import { COMMAND_PAYLOADS } from '../support/runner-log.js'

const PAYLOAD = COMMAND_PAYLOADS.join('\n')
/** A shell word that prints PAYLOAD exactly, whatever it holds. */
const printed = (text: string = PAYLOAD): string =>
  `echo ${Buffer.from(text).toString('base64')} | base64 -d`
/** The payload as one line of plan text: CR-joined, quotes doubled for YAML. */
const PLAN_TEXT = COMMAND_PAYLOADS.map(line => line.replace(/\r?\n|\r/g, '\\r')).join('\\r')

let stage: Stage
let server: Server | undefined

beforeEach(async () => {
  stage = await setStage()
})

afterEach(async () => {
  await stage.cleanup()
  if (server) await new Promise(resolve => server?.close(resolve))
  server = undefined
})

/** A server on 127.0.0.1 answering every request with `body` and `status`. */
async function answering(status: number, body: string): Promise<string> {
  server = createServer((_, response) => response.writeHead(status).end(body))
  await new Promise<void>(resolve => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

interface Road {
  name: string
  arrange: (stage: Stage) => Promise<void> | void
  act?: Act
  status: string
  /** Where the text shows (it was made inert, not lost); none when the road never shows it. */
  shows?: 'log' | 'report' | 'none'
}

const plan = (stage: Stage, parts: Parameters<typeof hostilePlan>[0]): Promise<void> =>
  stage.project.write(PLAN_PATH, hostilePlan(parts))

const roads: Road[] = [
  {
    name: 'a step’s standard output',
    arrange: s => plan(s, { steps: `  - id: release\n    run: ${printed()}` }),
    status: 'success'
  },
  {
    name: 'a step’s standard error',
    arrange: s => plan(s, { steps: `  - id: release\n    run: ${printed()} >&2` }),
    status: 'success'
  },
  {
    name: 'a step’s last line, printed without a line end',
    arrange: s =>
      plan(s, { steps: `  - id: release\n    run: printf '%s' '::warning::PWNED-unended'` }),
    status: 'success'
  },
  {
    name: 'the output of a step that fails (the cause in the alert and annotation)',
    arrange: s =>
      plan(s, { steps: `  - id: release\n    run: |\n      ${printed()}\n      exit 4` }),
    status: 'rolled-back'
  },
  {
    name: 'a command check’s last line after a CR, when it fails',
    arrange: s =>
      plan(s, {
        steps: '  - id: release\n    run: "true"',
        health: `  - name: queue\n    run: |\n      ${printed()}\n      printf 'ok\\r::set-output name=PWNED::1'\n      exit 1\n    retries: 1`
      }),
    status: 'rolled-back'
  },
  {
    name: 'a command check’s output, when it passes',
    shows: 'none',
    arrange: s =>
      plan(s, {
        steps: '  - id: release\n    run: "true"',
        health: `  - name: queue\n    run: |\n      ${printed()}\n      printf 'ok\\r::set-output name=PWNED::1'`
      }),
    status: 'success'
  },
  {
    name: 'the body a URL check gets back',
    shows: 'none',
    arrange: async s => {
      const url = await answering(503, PAYLOAD)
      await plan(s, {
        steps: '  - id: release\n    run: "true"',
        health: `  - name: site\n    url: ${url}/healthz\n    expect-body: ok\n    retries: 1`
      })
    },
    status: 'rolled-back'
  },
  {
    name: 'the URL a step reports, with a CR and a heredoc',
    arrange: s =>
      plan(s, {
        steps: `  - id: release\n    run: |\n      printf 'url=https://ok.example/\\r::warning::PWNED-url\\n' >> "$DEPLOY_OUTPUT"\n      printf 'note<<EOF\\n::error::PWNED-heredoc\\nEOF\\n' >> "$DEPLOY_OUTPUT"`
      }),
    status: 'success'
  },
  {
    name: 'a rollback step’s output',
    arrange: s =>
      plan(s, {
        steps: '  - id: release\n    run: exit 2',
        rollback: `    - id: put-back\n      run: ${printed()}`
      }),
    status: 'rolled-back'
  },
  {
    name: 'the rollback the post step runs after the main step was killed mid-step',
    arrange: s =>
      plan(s, {
        steps: '  - id: release\n    run: |\n      touch "$SENTINEL_DIR/started"\n      sleep 60',
        rollback: `    - id: put-back\n      run: ${printed()}`
      }),
    act: { interrupt: { when: 'started', signal: 'SIGKILL' } },
    status: ''
  },
  {
    name: 'the plan’s own text, printed by a dry run',
    arrange: s =>
      s.project.write(
        PLAN_PATH,
        `---
deploy-executor: 1
environments:
  production: { url: "https://example.com/\\r::warning::PWNED-env-url" }
secrets: [API_KEY]
steps:
  - id: release
    name: "release\\r${PLAN_TEXT}"
    purpose: "ship it\\r${PLAN_TEXT}"
    run: "echo '\\r${PLAN_TEXT}'"
    rollback: "echo '\\r${PLAN_TEXT}'"
health:
  - name: "site\\r${PLAN_TEXT}"
    url: "https://example.com/\\r::warning::PWNED-check-url"
---
`
      ),
    act: { inputs: { 'dry-run': 'true' } },
    status: 'dry-run'
  },
  {
    name: 'an approver’s comment',
    arrange: s => {
      const approval = s.github.state.approvals['4242']?.[0]
      if (approval) approval.comment = `ship it\r${PAYLOAD}`
      return plan(s, { steps: '  - id: release\n    run: "true"' })
    },
    status: 'success'
  },
  {
    name: 'commit messages and author names of the changes',
    shows: 'report',
    arrange: s => {
      s.github.state.compare.commits[0] = {
        sha: 'bbbbbbb2222222222222222222222222222222bb',
        commit: { message: `Fix login\r${PAYLOAD}`, author: { name: `Bob\r${PAYLOAD}` } },
        author: { login: 'bob' }
      }
      return plan(s, { steps: '  - id: release\n    run: "true"' })
    },
    status: 'success'
  },
  {
    name: 'the version GitHub lists for the last deployment',
    arrange: s => {
      const previous = s.github.state.deployments[0]
      if (previous) previous.payload = { version: `v1\r${PAYLOAD}` }
      return plan(s, { steps: '  - id: release\n    run: "true"' })
    },
    status: 'success'
  },
  {
    name: 'the message of an error GitHub answers',
    arrange: s => {
      s.github.state.failures['POST /repos/acme/site/issues/7/comments'] = {
        status: 422,
        message: `Validation failed\r${PAYLOAD}`
      }
      return plan(s, { steps: '  - id: release\n    run: "true"' })
    },
    status: 'success'
  },
  {
    name: 'the version input',
    shows: 'none',
    arrange: s => plan(s, { steps: '  - id: release\n    run: "true"' }),
    act: { inputs: { version: `v2\r${PAYLOAD}` } },
    status: 'refused'
  },
  {
    name: 'the environment input',
    shows: 'none',
    arrange: () => undefined,
    act: { inputs: { environment: `prod\r${PAYLOAD}` } },
    status: 'refused'
  },
  {
    name: 'the targets input',
    arrange: () => undefined,
    act: { inputs: { targets: `web\r${PAYLOAD}` } },
    status: 'refused'
  },
  {
    name: 'a plan key the schema does not know, quoted by the refusal',
    arrange: s =>
      s.project.write(
        PLAN_PATH,
        hostilePlan({
          steps: `  - id: release\n    run: "true"\n    "x\\r::warning::PWNED-key": 1`
        })
      ),
    status: 'refused'
  },
  {
    name: 'a YAML error quoting the line it is on',
    shows: 'none',
    arrange: s =>
      s.project.write(
        PLAN_PATH,
        `---\ndeploy-executor: 1\nsteps: [ ::warning::PWNED-yaml\r::error::PWNED-yaml2\n---\n`
      ),
    status: 'refused'
  },
  {
    name: 'an open code task, quoted by the refusal',
    arrange: s =>
      s.project.write(
        `${CHANGE}/tasks.md`,
        `# Tasks\n\n## [code] Code\n- [ ] finish ::warning::PWNED-task\r::error::PWNED-task2\n\n## [deploy] Deploy\n- [ ] deploy\n`
      ),
    status: 'refused'
  },
  {
    name: 'the active proposal the guard names',
    arrange: s =>
      s.project.write(
        'logos/.openlogos-guard',
        JSON.stringify({ activeChange: `x\r${PAYLOAD}`, module: 'core' })
      ),
    status: 'refused'
  },
  {
    name: 'a verify gate command’s output',
    shows: 'none',
    arrange: async s => {
      await s.project.write(
        'logos/flow/launched.yaml',
        `extends: builtin:launched\noverlay:\n  - op: modify\n    target: verify\n    set: { done_when: "cmd:${printed().replace(/"/g, '\\"')}; exit 1" }\n`
      )
    },
    status: 'refused'
  }
]

describe('workflow commands in untrusted text reach the log inert', () => {
  it.each(roads)('from $name', async road => {
    await road.arrange(stage)
    const outcome = await act(stage, road.act)

    expect(outcome.main.outputs['status'] ?? '').toBe(road.status)
    const shown = { log: outcome.log, report: outcome.sinks['report'] ?? '', none: 'PWNED' }
    expect(shown[road.shows ?? 'log']).toContain('PWNED')
    await expectSafe(stage, outcome)
  })
})
