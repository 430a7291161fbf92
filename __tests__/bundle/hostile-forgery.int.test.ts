/**
 * Untrusted text (step output, a check's output, the URL a step reports, what GitHub's API says of
 * earlier runs, commit messages, an approver's comment) must never forge what the action reads back:
 * a report record, the comment's history, the comment marker; never ping anyone; never break the
 * report's Markdown out of its place. Each case also keeps the four promises of `expectSafe`.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Marked } from 'marked'
import { fakeDeployment, recordedSuccess } from '../support/fake-github.js'
import {
  act,
  expectSafe,
  hostilePlan,
  PLAN_PATH,
  REPORT,
  SECRET,
  setStage,
  type Stage
} from '../support/hostile.js'
import { COMMAND_PAYLOADS } from '../support/runner-log.js'

let stage: Stage

beforeEach(async () => {
  stage = await setStage()
})

afterEach(async () => {
  await stage.cleanup()
})

const gfm = new Marked({ gfm: true, async: false })
/** What GitHub shows as text outside code: where a mention or a link would be live. */
const proseOf = (markdown: string): string =>
  (gfm.parse(markdown) as string)
    .replace(/<pre[\s\S]*?<\/pre>/g, '')
    .replace(/<code>[\s\S]*?<\/code>/g, '')

/** A step that prints `text` and fails, so its output lands in the report and the comment. */
function failingWith(text: string): string {
  const encoded = Buffer.from(text).toString('base64')
  return hostilePlan({
    steps: `  - id: release\n    run: |\n      echo ${encoded} | base64 -d\n      exit 3`
  })
}

const FORGED_RECORD = `<!-- deploy-executor-record {"environment":"production","status":"success","version":"v0-forged","finishedAt":"2026-01-01T00:00:00.000Z"} -->`

const commentBodies = (): string[] =>
  (stage.github.state.comments['7'] ?? []).map(comment => comment.body)

describe('a forged report record', () => {
  it.each([
    ['on a line of its own', `${FORGED_RECORD}\n`],
    ['after an entry separator', `done\n\n---\n\n${FORGED_RECORD}\n# Deployment report\n`],
    ['behind a CR', `ok\r${FORGED_RECORD}\n`]
  ])('%s in step output never becomes the next rollback point', async (_, text) => {
    await stage.project.write(PLAN_PATH, failingWith(text))
    const failed = await act(stage, { inputs: { 'github-deployment': 'off' } })
    const preview = await act(stage, {
      inputs: { 'github-deployment': 'off', 'dry-run': 'true', comment: 'false' }
    })

    expect(failed.main.outputs['status']).toBe('rolled-back')
    // The forged line reached the report as text: it was neutralised, not dropped.
    expect(await stage.project.read(REPORT)).toContain('v0-forged')
    expect(preview.main.outputs['previous-version'] ?? '').not.toContain('v0-forged')
    expect(preview.main.summary).not.toContain('v0-forged`')
    expect(
      (await stage.project.read(REPORT)).match(/^<!-- deploy-executor-record /gm)
    ).toHaveLength(1)
    await expectSafe(stage, failed)
  })

  it('in a check command’s output never becomes one either', async () => {
    await stage.project.write(
      PLAN_PATH,
      hostilePlan({
        steps: '  - id: release\n    run: "true"',
        health: `  - name: queue\n    run: |\n      echo '${FORGED_RECORD}'\n      exit 1\n    retries: 1`
      })
    )
    const failed = await act(stage, { inputs: { 'github-deployment': 'off' } })
    const report = await stage.project.read(REPORT)

    expect(failed.main.outputs['status']).toBe('rolled-back')
    expect(report.match(/^<!-- deploy-executor-record /gm)).toHaveLength(1)
    expect(report).not.toMatch(/^<!-- deploy-executor-record .*v0-forged/m)
    await expectSafe(stage, failed)
  })
})

describe('the PR comment', () => {
  it('keeps its own history when step output carries a forged history line', async () => {
    const forged = `<!-- deploy-executor-history [{"at":"2026-01-01T00:00:00.000Z","status":"success","version":"v0-forged","durationMs":1}] -->`
    await stage.project.write(PLAN_PATH, failingWith(`${forged}\n`))
    const failed = await act(stage)
    await act(stage, { inputs: { 'dry-run': 'true' } })

    const bodies = commentBodies()
    expect(bodies).toHaveLength(1)
    expect(failed.sinks['comments']).toContain('v0-forged')
    const history = bodies[0]?.trimEnd().split('\n').at(-1) ?? ''
    expect(history).toMatch(/^<!-- deploy-executor-history /)
    expect(history).not.toContain('v0-forged')
    expect(bodies[0]).toContain('Earlier attempts (1)')
    await expectSafe(stage, failed)
  })

  it('is not taken over by another environment’s marker in step output', async () => {
    await stage.project.write(
      PLAN_PATH,
      failingWith('<!-- deploy-executor:staging -->\n<!-- deploy-executor:production -->\n')
    )
    const production = await act(stage)
    const productionBody = commentBodies()[0]
    await act(stage, {
      inputs: { environment: 'staging', 'dry-run': 'true' }
    })

    const bodies = commentBodies()
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toBe(productionBody)
    expect(bodies[1]?.split('\n', 1)[0]).toBe('<!-- deploy-executor:staging -->')
    await expectSafe(stage, production)
  })

  it('never edits a comment someone else wrote, even one that starts with the marker', async () => {
    const mallory = {
      id: 1,
      body: '<!-- deploy-executor:production -->\nplanted',
      user: { login: 'mallory' }
    }
    stage.github.state.comments['7'] = [mallory]
    const run = await act(stage, { inputs: { 'dry-run': 'true' } })

    expect(stage.github.state.comments['7']?.[0]).toEqual({
      id: 1,
      body: '<!-- deploy-executor:production -->\nplanted',
      user: { login: 'mallory' }
    })
    expect(commentBodies()).toHaveLength(2)
    expect(stage.github.calls()).not.toContain('PATCH /repos/acme/site/issues/comments/1')
    await expectSafe(stage, run)
  })
})

describe('mentions', () => {
  const PEOPLE = /(^|[^\w`/])@(octocat|acme\/oncall|alice|bob)\b/

  it('in step output, commit messages and an approver’s comment ping nobody', async () => {
    await stage.project.write(PLAN_PATH, failingWith('cc @octocat and @acme/oncall\n'))
    stage.github.state.compare.commits[0] = {
      sha: 'bbbbbbb2222222222222222222222222222222bb',
      commit: { message: 'Fix the login for @bob, thanks @acme/oncall', author: { name: 'Bob' } },
      author: { login: 'bob' }
    }
    const approval = stage.github.state.approvals['4242']?.[0]
    if (approval) approval.comment = 'ok @octocat, ship it'
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    for (const markdown of [run.main.summary, await stage.project.read(REPORT), ...commentBodies()])
      expect(proseOf(markdown)).not.toMatch(PEOPLE)
    await expectSafe(stage, run)
  })
})

describe('Markdown from untrusted text stays where it was put', () => {
  it.each([
    ['an HTML element', '<img src=x onerror=alert(1)><script>alert(1)</script>'],
    ['a closing details tag and an open comment', '</details></details>\n<!--\n'],
    ['a long backtick run and a heading', '`````````\n# HEADING-FROM-OUTPUT\n`````````'],
    ['a table row and a link', '| a | b |\n|---|---|\n[click](https://evil.example)']
  ])('%s in step output', async (_, text) => {
    await stage.project.write(PLAN_PATH, failingWith(`${text}\n`))
    const run = await act(stage)

    for (const markdown of [
      run.main.summary,
      await stage.project.read(REPORT),
      ...commentBodies()
    ]) {
      const html = gfm.parse(markdown) as string
      expect(html).not.toMatch(/<img|<script|href="https:\/\/evil/)
      expect(html).not.toMatch(/<h1[^>]*>HEADING-FROM-OUTPUT/)
      expect(html.match(/<details/g)?.length ?? 0).toBe(html.match(/<\/details>/g)?.length ?? 0)
      // The report goes on after the output: nothing swallowed the sections that follow it.
      expect(html).toMatch(/Rollback/)
    }
    await expectSafe(stage, run)
  })

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a URL that closes its link', 'https://ok.example/)[x](https://evil.example'],
    ['a URL with a line break', 'https://ok.example/\n# HEADING-FROM-OUTPUT']
  ])(
    '%s reported by a step is never a link nor sent to GitHub as the environment URL',
    async (_, url) => {
      await stage.project.write(
        PLAN_PATH,
        hostilePlan({
          steps: `  - id: release\n    run: printf 'url=%s\\n' '${url.replace(/\n/g, '\'"\\n"\'')}' >> "$DEPLOY_OUTPUT"`
        })
      )
      const run = await act(stage)

      for (const markdown of [
        run.main.summary,
        await stage.project.read(REPORT),
        ...commentBodies()
      ]) {
        const html = gfm.parse(markdown) as string
        expect(html).not.toMatch(/href="(javascript:|https:\/\/evil)/)
        expect(html).not.toMatch(/<h1[^>]*>HEADING-FROM-OUTPUT/)
      }
      const sent = stage.github.requests.map(request =>
        JSON.stringify(request.body['environment_url'] ?? '')
      )
      expect(sent.filter(value => /javascript:|evil|\\[nr]/.test(value))).toEqual([])
      await expectSafe(stage, run)
    }
  )
})

describe('what GitHub says of earlier runs', () => {
  it('is shown as text, never as commands, mentions or records', async () => {
    const hostile = `v1 @octocat ${FORGED_RECORD}\r${COMMAND_PAYLOADS[0]}`
    stage.github.state.deployments[0] = fakeDeployment({
      id: 1,
      sha: 'aaaaaaa1111111111111111111111111111111aa',
      environment: 'production',
      created_at: '2026-05-01T10:00:00Z',
      payload: { version: hostile },
      statuses: [recordedSuccess()]
    })
    await stage.project.write(PLAN_PATH, hostilePlan({ steps: '  - id: release\n    run: "true"' }))
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    for (const markdown of [run.main.summary, await stage.project.read(REPORT), ...commentBodies()])
      expect(proseOf(markdown)).not.toMatch(/(^|[^\w`])@octocat\b/)
    expect(
      (await stage.project.read(REPORT)).match(/^<!-- deploy-executor-record /gm)
    ).toHaveLength(1)
    await expectSafe(stage, run)
  })
})

describe('DEPLOY_OUTPUT', () => {
  it('cannot set the action’s own outputs or smuggle lines into them', async () => {
    await stage.project.write(
      PLAN_PATH,
      hostilePlan({
        steps: [
          '  - id: release',
          '    run: |',
          '      printf "status=success\\nversion=v9\\nurl<<EOF\\n::warning::PWNED-heredoc\\nEOF\\n" >> "$DEPLOY_OUTPUT"',
          '      exit 3'
        ].join('\n')
      })
    )
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('rolled-back')
    expect(run.main.outputs['version']).not.toBe('v9')
    expect(run.main.outputs['deploy-url'] ?? '').not.toContain('PWNED')
    await expectSafe(stage, run)
  })
})

describe('an error GitHub answers when the record cannot be committed', () => {
  it('reaches the job summary as plain text, redacted', async () => {
    await stage.project.write(PLAN_PATH, hostilePlan({ steps: '  - id: release\n    run: "true"' }))
    stage.github.state.failures['POST /graphql'] = {
      status: 422,
      message: `denied <img src=x onerror=alert(1)> @octocat ${SECRET}\r::warning::PWNED-graphql`
    }
    const run = await act(stage)

    expect(run.main.outputs['status']).toBe('success')
    expect(run.main.summary).toContain('denied')
    expect(gfm.parse(run.main.summary) as string).not.toMatch(/<img/)
    expect(proseOf(run.main.summary)).not.toMatch(/(^|[^\w`])@octocat\b/)
    await expectSafe(stage, run)
  })
})
