/**
 * zod set up for a short-lived process, imported by every module that builds a schema.
 *
 * By default zod compiles a parser of its own for each object schema (with `new Function`): that
 * pays off in a server parsing the same shape a million times, not in a run that parses each shape
 * once or twice. Without it a run starts about 3 ms sooner, and a plan of 2,000 steps loads as fast
 * as before. zod reads the setting as each schema is built, so this module is imported before
 * anything that defines one.
 *
 * zod/mini speaks no language of its own ("Invalid input" for everything): issues say zod's
 * English, as the classic API has it, and zod-messages.ts finds their Chinese beside it.
 */
import * as z from 'zod/mini'
import en from 'zod/v4/locales/en.js'

z.config({ ...en(), jitless: true })
