/**
 * Every name the outside world sees, defined once: action inputs and outputs, OpenLogos paths and
 * markers, and the size limits of the places we write to.
 */

export const INPUT = {
  environment: 'environment',
  dryRun: 'dry-run',
  mode: 'mode',
  proposal: 'proposal',
  plan: 'plan',
  targets: 'targets',
  version: 'version',
  workingDirectory: 'working-directory',
  githubToken: 'github-token',
  requireApproval: 'require-approval',
  rollbackOnFailure: 'rollback-on-failure',
  allowNoRollback: 'allow-no-rollback',
  stepTimeout: 'step-timeout',
  reportPath: 'report-path',
  writeMarkers: 'write-markers',
  comment: 'comment',
  prNumber: 'pr-number',
  requireDistinctApprover: 'require-distinct-approver',
  githubDeployment: 'github-deployment',
  redeploy: 'redeploy'
} as const

export type InputName = (typeof INPUT)[keyof typeof INPUT]

export const OUTPUT = {
  status: 'status',
  deploymentId: 'deployment-id',
  deployUrl: 'deploy-url',
  version: 'version',
  previousVersion: 'previous-version',
  reportPath: 'report-path',
  result: 'result'
} as const

/** Paths inside an OpenLogos project, relative to its root. */
export const OPENLOGOS = {
  logosDir: 'logos',
  guardFile: 'logos/.openlogos-guard',
  configFile: 'logos/logos.config.json',
  projectFile: 'logos/logos-project.yaml',
  changesDir: 'logos/changes',
  archiveDirName: 'archive',
  planDir: 'logos/resources/prd/3-technical-plan/3-deployment',
  /** A proposal's own copy of a changed plan, relative to the proposal folder. */
  planDeltaDir: 'deltas/prd/3-technical-plan/3-deployment',
  smokeDir: 'logos/resources/test/smoke',
  defaultReportPath: 'logos/resources/verify/deployment-report.md',
  defaultModule: 'core',
  changeBranchPrefix: 'change/'
} as const

/** The hidden marker that finds this action's PR comment for an environment. */
export function commentMarker(environment: string): string {
  return `<!-- deploy-executor:${environment} -->`
}

export const MARKER = {
  verifyPass: 'VERIFY_PASS',
  verifyFail: 'VERIFY_FAIL',
  deployDone: 'DEPLOY_DONE',
  smokePass: 'SMOKE_PASS',
  smokeFail: 'SMOKE_FAIL',
  specMerged: 'SPEC_MERGED',
  legacyMerged: 'MERGED'
} as const

/** The front matter key that makes a deployment plan executable, and the format it declares. */
export const PLAN_FORMAT_KEY = 'deploy-executor'
export const PLAN_FORMAT_VERSION = 1

export const LIMITS = {
  /** GitHub refuses a step summary above 1 MiB; keep a margin for what the runner adds. */
  summaryBytes: 1024 * 1024 - 16 * 1024,
  /** GitHub answers 422 to an issue comment body above 65,536 characters. */
  commentChars: 65_000,
  /** Output kept per step for the report: enough for a stack trace, bounded whatever a step prints. */
  stepOutputTailBytes: 64 * 1024,
  /** Lines of a failing step's output shown in the report. */
  failureExcerptLines: 30,
  /** A plan larger than this is not a plan someone reviewed: refuse it before parsing. */
  planFileBytes: 2 * 1024 * 1024
} as const
