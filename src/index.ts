/** The action's main entry point (action.yml runs.main): only starts the program. */
import { run } from './action/main-step.js'

void run()
