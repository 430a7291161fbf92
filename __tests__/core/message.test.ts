import { describe, expect, it } from '@jest/globals'
import * as z from 'zod/mini'
import {
  errorMessage,
  firstLine,
  inLocale,
  joinMessages,
  listOf,
  MessageError,
  SEPARATOR,
  speakerOf,
  verbatim
} from '../../src/core/message.js'
import { customIssue, errorText, issueMessage } from '../../src/core/zod-messages.js'

const en = {
  found: 'the proposal is found',
  missing: (file: string, count: number) => `${file} is missing (${count} time(s))`,
  group: { nested: 'a nested sentence' }
}
const zh: typeof en = {
  found: '已找到提案',
  missing: (file, count) => `缺少 ${file}（${count} 次）`,
  group: { nested: '嵌套的句子' }
}

describe('a catalogue seen from the code', () => {
  const say = speakerOf({ en, zh })

  it('says each sentence in both languages at once', () => {
    expect(say.found).toEqual({ en: 'the proposal is found', zh: '已找到提案' })
    expect(say.missing('tasks.md', 2)).toEqual({
      en: 'tasks.md is missing (2 time(s))',
      zh: '缺少 tasks.md（2 次）'
    })
    expect(say.group.nested).toEqual({ en: 'a nested sentence', zh: '嵌套的句子' })
  })

  it('lets each sink pick its reader’s language', () => {
    expect(inLocale(say.found, 'zh')).toBe('已找到提案')
    expect(inLocale(say.found, 'en')).toBe('the proposal is found')
  })

  it('joins with each language’s own punctuation', () => {
    expect(listOf(['staging', 'production'])).toEqual({
      en: 'staging, production',
      zh: 'staging、production'
    })
    expect(joinMessages([say.found, say.group.nested], SEPARATOR.clause)).toEqual({
      en: 'the proposal is found; a nested sentence',
      zh: '已找到提案；嵌套的句子'
    })
    expect(firstLine({ en: 'one\ntwo', zh: '一\n二' })).toEqual({ en: 'one', zh: '一' })
  })

  it('keeps an error’s own sentence, and the system’s words as they are', () => {
    expect(errorMessage(new MessageError(say.found))).toEqual(say.found)
    expect(errorMessage(new Error('EACCES: permission denied'))).toEqual(
      verbatim('EACCES: permission denied')
    )
  })
})

describe('zod issues in both languages', () => {
  const message = { en: 'must be a non-empty bash script', zh: '必须是非空的 bash 脚本' }
  const schema = z.strictObject({
    run: z.string().check(z.minLength(1, { error: errorText(message) })),
    retries: z.optional(z.number()),
    when: z.optional(z.string()).check(
      z.superRefine((value, ctx) => {
        if (value === 'never')
          ctx.addIssue(customIssue({ en: 'never is no time', zh: '「never」不是时间' }))
      })
    )
  })

  function said(data: unknown) {
    const parsed = schema.safeParse(data, { reportInput: true })
    return parsed.success ? [] : parsed.error.issues.map(issueMessage)
  }

  it('finds the Chinese of a fixed error text by its English', () => {
    expect(said({ run: '' })).toEqual([message])
  })

  it('carries the Chinese of a custom issue with it', () => {
    expect(said({ run: 'x', when: 'never' })).toEqual([
      { en: 'never is no time', zh: '「never」不是时间' }
    ])
  })

  it("says zod's own findings in Chinese, with Chinese punctuation", () => {
    const [wrongType] = said({ run: 'x', retries: null })

    expect(wrongType?.en).toBe('Invalid input: expected number, received null')
    expect(wrongType?.zh).toBe('无效输入：期望 数字，实际接收 空值（null）')
  })
})
