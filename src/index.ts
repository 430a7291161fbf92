/** The action's main entry point (action.yml runs.main): only starts the program. */
import { run } from './action/main-step.js'

// A request left hanging after a cancellation must not keep the step alive: exit when done.
void run().finally(() => process.exit())
