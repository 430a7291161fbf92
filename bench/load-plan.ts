/** One cold load of a plan, in a fresh process: prints the milliseconds load and validation took. */
import { loadPlan } from '../src/plan/loader.js'

const [root = '.'] = process.argv.slice(2)
const started = performance.now()
const load = await loadPlan(root, undefined, 'core')
const ms = performance.now() - started
if (load.kind !== 'loaded') throw new Error(`the plan did not load: ${load.kind}`)
console.log(ms.toFixed(2))
