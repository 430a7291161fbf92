import { readSettings, type Settings } from '../../src/action/settings.js'
import type { InputName } from '../../src/action/inputs.js'

/** Settings as the action would read them from these inputs. */
export function settingsFor(
  root: string,
  inputs: Partial<Record<InputName, string>> = {}
): Settings {
  const result = readSettings(name => inputs[name], root)
  if (!result.ok) throw new Error(result.errors.map(error => error.message.en).join('; '))
  return result.settings
}
