/**
 * Where the run tells its reader what is happening: the Actions log (with groups and annotations)
 * on a runner, the terminal locally. Every line is a Message, said in the project's language; it
 * passes through the secret registry first. A step's own output is not the action's words: it is
 * passed on as it comes, by `write`.
 */
import { randomUuid } from './random.js'
import type { SourceLocation } from './check.js'
import { inLocale, type Locale, type Message } from './message.js'
import { say } from './messages.js'
import type { SecretRegistry } from './redact.js'
import { inertForRunner } from './runner-text.js'

export interface Log {
  info: (message: Message) => void
  warning: (message: Message, where?: SourceLocation) => void
  error: (message: Message, where?: SourceLocation) => void
  debug: (message: Message) => void
  group: <T>(title: Message, body: () => Promise<T>) => Promise<T>
  /** Raw output of a running command, passed on as it arrives; a promise means: wait before more. */
  write: (chunk: Buffer) => void | Promise<void>
  /** Around a command's output: on a runner, its lines are not taken as workflow commands. */
  streaming: <T>(body: () => Promise<T>) => Promise<T>
  /** How many bytes at the end of a partial line to hold back: they may begin a secret. */
  partialSecretLength: (bytes: Buffer) => number
  /** Text with every secret replaced: for whoever must shorten untrusted text, which is safe only after. */
  redact: (text: string) => string
}

/** The subset of @actions/core the action's log needs. */
export interface CoreLog {
  info(message: string): void
  warning(message: string, properties?: { file?: string; startLine?: number; title?: string }): void
  error(message: string, properties?: { file?: string; startLine?: number; title?: string }): void
  debug(message: string): void
  startGroup(title: string): void
  endGroup(): void
}

export function actionsLog(
  core: CoreLog,
  secrets: SecretRegistry,
  write: (chunk: Buffer) => void | Promise<void>,
  locale: Locale
): Log {
  const text = (message: Message): string => secrets.redact(inLocale(message, locale))
  const annotation = (where?: SourceLocation): { file?: string; startLine?: number } =>
    where
      ? { file: where.file, ...(where.line === undefined ? {} : { startLine: where.line }) }
      : {}
  return {
    // info is written as it is; warning, error, debug and group titles are escaped by core as
    // command data, which keeps them on one line of their own.
    info: message => core.info(inertForRunner(text(message))),
    warning: (message, where) => core.warning(text(message), annotation(where)),
    error: (message, where) => core.error(text(message), annotation(where)),
    debug: message => core.debug(text(message)),
    group: async (title, body) => {
      core.startGroup(text(title))
      try {
        return await body()
      } finally {
        core.endGroup()
      }
    },
    write: chunk => write(secrets.redactBytes(chunk)),
    partialSecretLength: bytes => secrets.partialSecretLength(bytes),
    redact: text => secrets.redact(text),
    streaming: async body => {
      // A step's output may carry text from anywhere (a PR title, a response body): while it
      // streams, '::' lines must not become workflow commands such as add-mask or set-output.
      // Written raw: these two lines are the action's own commands, the only ones it prints.
      const token = randomUuid()
      await write(Buffer.from(`::stop-commands::${token}\n`))
      try {
        return await body()
      } finally {
        await write(Buffer.from(`\n::${token}::\n`))
      }
    }
  }
}

export interface Terminal {
  out: (text: string | Uint8Array) => void | Promise<void>
  err: (text: string) => void
  isVerbose: boolean
}

export function terminalLog(terminal: Terminal, secrets: SecretRegistry, locale: Locale): Log {
  const text = (message: Message): string => secrets.redact(inLocale(message, locale))
  const level = (name: keyof typeof say.level): string => inLocale(say.level[name], locale)
  let depth = 0
  const indent = (text: string): string =>
    depth === 0 ? text : text.replace(/^/gm, '  '.repeat(depth))
  const located = (where?: SourceLocation): string =>
    where ? `${where.file}${where.line === undefined ? '' : `:${where.line}`}: ` : ''
  return {
    info: message => void terminal.out(indent(text(message)) + '\n'),
    warning: (message, where) =>
      terminal.err(indent(`${level('warning')}${located(where)}${text(message)}`) + '\n'),
    error: (message, where) =>
      terminal.err(indent(`${level('error')}${located(where)}${text(message)}`) + '\n'),
    debug: message => {
      if (terminal.isVerbose) terminal.err(indent(`${level('debug')}${text(message)}`) + '\n')
    },
    group: async (title, body) => {
      void terminal.out(indent(`▶ ${text(title)}`) + '\n')
      depth++
      try {
        return await body()
      } finally {
        depth--
      }
    },
    write: chunk => terminal.out(secrets.redactBytes(chunk)),
    partialSecretLength: bytes => secrets.partialSecretLength(bytes),
    redact: text => secrets.redact(text),
    streaming: body => body()
  }
}
