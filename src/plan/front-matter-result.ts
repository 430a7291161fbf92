/** What reading a plan's front matter found: nothing, a refused language, errors with lines, or data. */

export interface FrontMatterIssue {
  message: string
  line?: number
}

export type FrontMatter =
  | { kind: 'none' }
  | { kind: 'refused'; language: string }
  | { kind: 'invalid'; issues: FrontMatterIssue[] }
  | {
      kind: 'parsed'
      data: unknown
      locate: (path: readonly PropertyKey[]) => Promise<number | undefined>
    }
