/** The action's post step (action.yml runs.post): only starts the program. */
import { runPost } from './action/post-step.js'

void runPost()
