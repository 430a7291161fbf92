/**
 * zod keeps one message per issue; these helpers let the schemas of the plan and of the inputs
 * speak both languages anyway. A custom issue carries its Chinese in `params`; a fixed `error`
 * text is looked up by its English; zod's own messages get the Chinese of zod's zh-CN locale.
 */
import * as z from 'zod/mini'
import zhCN from 'zod/v4/locales/zh-CN.js'
import type { Message } from './message.js'
import './zod-setup.js'

const known = new Map<string, Message>()
const zodChinese = zhCN().localeError

/** The text to give a schema's `error` option: its Chinese is found again by issueMessage. */
export function errorText(message: Message): string {
  known.set(message.en, message)
  return message.en
}

/** A custom issue for `ctx.addIssue`, in both languages. */
export function customIssue(
  message: Message,
  path?: PropertyKey[]
): { code: 'custom'; message: string; params: { zh: string }; path?: PropertyKey[] } {
  return {
    code: 'custom',
    message: message.en,
    params: { zh: message.zh },
    ...(path ? { path } : {})
  }
}

/**
 * An issue raised inside a transform: zod/mini's transforms get the parse payload, which has no
 * `addIssue` of its own (a refinement's context has one).
 */
export function addIssue(ctx: z.core.ParsePayload, issue: ReturnType<typeof customIssue>): void {
  ctx.issues.push({ ...issue, input: ctx.value })
}

/** A copy of `schema` that says `description` in the JSON Schema, as classic zod's describe(). */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = z.clone(schema)
  z.globalRegistry.add(copy, { description })
  return copy
}

/** What an issue says, in both languages; parse with `reportInput: true` for zod's own words. */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  const params = (issue as { params?: Record<string, unknown> }).params
  if (issue.code === 'custom' && typeof params?.['zh'] === 'string')
    return { en: issue.message, zh: params['zh'] }
  const found = known.get(issue.message)
  if (found) return found
  const said = zodChinese(issue as unknown as Parameters<typeof zodChinese>[0])
  const zh = typeof said === 'string' ? said : said?.message
  return { en: issue.message, zh: zh ? fullWidth(zh) : issue.message }
}

/** zod's Chinese has a few ASCII brackets and colons in it: Chinese punctuation instead. */
function fullWidth(text: string): string {
  return text
    .replace(/([\u4e00-\u9fff])\(([^)]*)\)/g, '$1（$2）')
    .replace(/([\u4e00-\u9fff）]): /g, '$1：')
}
