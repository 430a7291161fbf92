/** The action's post step (action.yml runs.post): only starts the program. */
import { runPost } from './action/post-step.js'

// A request left hanging after a cancellation must not keep the step alive: exit when done.
void runPost().finally(() => process.exit())
