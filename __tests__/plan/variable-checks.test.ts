/** A dry run says which variables of URLs and checks are not set, before a real run fails on them. */
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { checkVariables } from '../../src/plan/variable-checks.js'
import { planSchema } from '../../src/plan/schema.js'

function check(
  health: string,
  env: Record<string, string> = {},
  url = 'http://127.0.0.1:${DEMO_PORT}'
) {
  const plan = planSchema.parse(
    parse(
      `deploy-executor: 1\nenvironments: { staging: { url: "${url}", variables: { REGION: eu } } }\nsteps: [ { id: s, run: "true", rollback: "true" } ]\nhealth:\n${health}`
    )
  )
  return checkVariables({ plan, environment: 'staging', targets: ['default'], env })
}

describe('checkVariables', () => {
  it('warns that an unset variable of the environment URL leaves DEPLOY_URL empty', () => {
    const result = check('  - { name: up, url: "${DEPLOY_URL}/status.html" }')

    expect(result.status).toBe('warning')
    expect(result.detail.en).toContain('uses DEMO_PORT, not set: DEPLOY_URL would start empty')
    expect(result.detail.en).toContain("health check 'up' probes ${DEPLOY_URL}")
  })

  it.each([
    ['a URL variable', '  - { name: api, url: "https://${API_HOST}/healthz" }', 'API_HOST'],
    [
      'a command variable',
      '  - { name: queue, run: "test $(redis-cli -h $REDIS_HOST llen q) = 0" }',
      'REDIS_HOST'
    ]
  ])('names %s that is not set', (_, health, name) => {
    const result = check(health, { DEMO_PORT: '8080' })

    expect(result.status).toBe('warning')
    expect(result.detail.en).toContain(`uses ${name}, not set`)
  })

  it.each([
    ['set in the job', '  - { name: q, run: "test -n $TOKEN_X" }', { TOKEN_X: 'v' }],
    ['an environment variable of the plan', '  - { name: q, run: "test $REGION = eu" }', {}],
    ['given by the action', '  - { name: q, run: "test -n $DEPLOY_VERSION" }', {}],
    ['assigned in the command', '  - { name: q, run: "N=3; test $N = 3" }', {}],
    ['with a default', '  - { name: q, run: "test ${LIMIT:-5} -gt 1" }', {}]
  ])('passes a variable %s', (_, health, env) => {
    expect(check(health, { DEMO_PORT: '8080', ...env }).status).toBe('passed')
  })
})
