/**
 * zod set up for a short-lived process. By default zod compiles a parser of its own for each
 * object schema (with `new Function`): that pays off in a server parsing the same shape a million
 * times, not in a run that parses each shape once or twice. Without it a run starts about 3 ms
 * sooner, and a plan of 2,000 steps loads as fast as before.
 *
 * zod reads the setting as each schema is built, and schemas are built as their modules load: the
 * programs (main-step, post-step, command-line) import this module first, before anything that
 * defines a schema.
 */
import { z } from 'zod'

z.config({ jitless: true })
