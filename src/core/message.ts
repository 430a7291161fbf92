/**
 * The one mechanism behind every sentence the action says (checks, refusals, notes, warnings, the
 * log): catalogues in both OpenLogos locales, where zh must have every key en has (a type error
 * otherwise, and a test). A sentence is said once, in both languages at once, as a Message; each
 * sink (report, comment, log) shows it in the project's locale. So the code that finds a problem
 * never needs to know the reader's language, and a Message stays plain data: the journal keeps it,
 * the redaction walks it like any other text.
 */

/** The languages of an OpenLogos project (`locale` in logos/logos.config.json). */
export type Locale = 'en' | 'zh'

export const LOCALES: readonly Locale[] = ['en', 'zh']

/** One sentence in every locale. */
export interface Message {
  readonly en: string
  readonly zh: string
}

export function inLocale(message: Message, locale: Locale): string {
  return message[locale]
}

/**
 * A value that reads the same in every language: a path, a command, an error the system gave.
 * Never a sentence of the action's own: those belong in a catalogue.
 */
export function verbatim(value: string): Message {
  return { en: value, zh: value }
}

/** Messages one after the other, with a separator that is itself a message (`; ` and `；`). */
export function joinMessages(messages: readonly Message[], separator: Message): Message {
  return {
    en: messages.map(message => message.en).join(separator.en),
    zh: messages.map(message => message.zh).join(separator.zh)
  }
}

/** The first line of a message that spans several. */
export function firstLine(message: Message): Message {
  return { en: message.en.split('\n')[0] ?? '', zh: message.zh.split('\n')[0] ?? '' }
}

/** Separators, in each language's punctuation. */
export const SEPARATOR = {
  list: { en: ', ', zh: '、' },
  clause: { en: '; ', zh: '；' },
  line: { en: '\n', zh: '\n' }
} as const satisfies Record<string, Message>

/** Values (names, files, versions) as a list: `a, b` in English, `a、b` in Chinese. */
export function listOf(values: readonly string[]): Message {
  return joinMessages(values.map(verbatim), SEPARATOR.list)
}

/** What a catalogue entry may be: a sentence, a sentence built from values, or a group of them. */
type Entry = string | ((...args: never[]) => string) | { readonly [key: string]: Entry }

/** A catalogue seen from the code: each entry gives a Message instead of one language's string. */
export type Speaker<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => string
    ? (...args: A) => Message
    : T[K] extends string
      ? Message
      : Speaker<T[K]>
}

export interface Catalogue<T> {
  en: T
  zh: T
}

/**
 * The entries of a catalogue as Messages: `say.title` is a Message, `say.found(file)` builds one
 * from both languages' functions.
 */
export function speakerOf<T extends { readonly [key: string]: Entry }>(
  catalogue: Catalogue<T>
): Speaker<T> {
  return speak(catalogue.en, catalogue.zh) as Speaker<T>
}

function speak(en: Entry, zh: Entry): unknown {
  if (typeof en === 'string') return { en, zh: zh as string }
  if (typeof en === 'function') {
    const zhOf = zh as (...args: unknown[]) => string
    return (...args: unknown[]) => ({
      en: (en as (...args: unknown[]) => string)(...args),
      zh: zhOf(...args)
    })
  }
  // A group's members are made on first read: a run reads a few dozen of the catalogues' entries,
  // and making all of them at start-up cost some 1.5 ms of every run.
  const enGroup = en as Record<string, Entry>
  const zhGroup = zh as Record<string, Entry>
  const made = new Map<string, unknown>()
  const member = (key: string): unknown => {
    if (!made.has(key)) made.set(key, speak(enGroup[key] as Entry, zhGroup[key] ?? ''))
    return made.get(key)
  }
  const owns = (key: string | symbol): key is string =>
    typeof key === 'string' && Object.hasOwn(enGroup, key)
  return new Proxy(Object.create(null) as object, {
    get: (_, key) => (owns(key) ? member(key) : undefined),
    has: (_, key) => owns(key),
    ownKeys: () => Object.keys(enGroup),
    getOwnPropertyDescriptor: (_, key) =>
      owns(key)
        ? { value: member(key), writable: false, enumerable: true, configurable: true }
        : undefined
  })
}

/** An error whose message is a sentence of the action's own, in both languages. */
export class MessageError extends Error {
  constructor(
    readonly text: Message,
    options?: { cause?: unknown }
  ) {
    super(text.en, options)
  }
}

/** What an error says: its own Message when it has one, else the system's words as they are. */
export function errorMessage(error: unknown): Message {
  if (error instanceof MessageError) return error.text
  return verbatim(error instanceof Error ? error.message : String(error))
}
