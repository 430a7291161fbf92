/** What an English reader sees of a value the action said in both languages. */
import type { Message } from '../../src/core/message.js'

export type English<T> = T extends Message
  ? string
  : T extends readonly (infer U)[]
    ? English<U>[]
    : T extends object
      ? { [K in keyof T]: English<T[K]> }
      : T

function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 2 &&
    typeof (value as Record<string, unknown>)['en'] === 'string' &&
    typeof (value as Record<string, unknown>)['zh'] === 'string'
  )
}

/** Every Message inside `value` replaced by its English. */
export function inEnglish<T>(value: T): English<T> {
  if (isMessage(value)) return value.en as English<T>
  if (Array.isArray(value)) return value.map(item => inEnglish(item as unknown)) as English<T>
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, inEnglish(item as unknown)])
    ) as English<T>
  return value as English<T>
}
