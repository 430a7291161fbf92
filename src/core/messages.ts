/** What the core says itself: files the action refuses to touch, and the log's level names. */
import { speakerOf, type Message } from './message.js'

const en = {
  outsideRoot: (file: string) => `${file} is outside the project root`,
  linkOut: (file: string, to: string) =>
    `${file} leads outside the project root through a symbolic link (to ${to})`,
  isLink: (file: string) => `${file} is a symbolic link`,
  notRegular: (file: string) => `${file} is not a regular file`,
  projectFileFix:
    'replace the link with a regular file or folder inside the project (the action reads and writes only those)',
  refusedFile: (problem: Message, fix: Message) => `${problem.en}: ${fix.en}`,
  durationHint: "a duration such as '90s', '10m', '1h30m' or a whole number of seconds",
  positiveDurationHint:
    "a positive duration such as '90s', '10m', '1h30m' or a whole number of seconds",
  /** A problem in the log, and on the next line what to do about it. */
  withFix: (problem: Message, fix: Message) => `${problem.en}\n  fix: ${fix.en}`,
  fixLine: (fix: Message) => `fix: ${fix.en}`,
  /** How the terminal marks a line of each level. */
  level: { warning: 'warning: ', error: 'error: ', debug: 'debug: ' }
}

const zh: typeof en = {
  outsideRoot: file => `${file} 在项目根目录之外`,
  linkOut: (file, to) => `${file} 经由符号链接指向项目根目录之外（指向 ${to}）`,
  isLink: file => `${file} 是符号链接`,
  notRegular: file => `${file} 不是普通文件`,
  projectFileFix: '把链接换成项目之内的普通文件或文件夹（本 action 只读写这些）',
  refusedFile: (problem, fix) => `${problem.zh}：${fix.zh}`,
  durationHint: '时长，例如「90s」「10m」「1h30m」或整数秒数',
  positiveDurationHint: '大于零的时长，例如「90s」「10m」「1h30m」或整数秒数',
  withFix: (problem, fix) => `${problem.zh}\n  修复：${fix.zh}`,
  fixLine: fix => `修复：${fix.zh}`,
  level: { warning: '警告：', error: '错误：', debug: '调试：' }
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
