/**
 * Writes schema/plan.schema.json from the zod plan schema, so editors can validate plans.
 * `--check` fails (exit 1) when the committed file differs from what the schema gives.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import * as z from 'zod/mini'
import { planSchema } from '../src/plan/schema.js'

const FILE = 'schema/plan.schema.json'

const schema = {
  ...z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' }),
  $id: 'https://github.com/org/deploy-executor/schema/plan.schema.json',
  title: 'deploy-executor plan (format 1)',
  description:
    'The YAML front matter that makes an OpenLogos deployment plan executable by deploy-executor.'
}
const text = `${JSON.stringify(schema, null, 2)}\n`

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(FILE, 'utf8')
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${FILE} is stale: run npm run schema and commit the result`)
    process.exit(1)
  }
  console.log(`${FILE} is current`)
} else {
  writeFileSync(FILE, text)
  console.log(`wrote ${FILE}`)
}
