/** Where things are in an OpenLogos project, and the names of its marker files (openlogos.md). */

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

export const MARKER = {
  verifyPass: 'VERIFY_PASS',
  verifyFail: 'VERIFY_FAIL',
  deployDone: 'DEPLOY_DONE',
  smokePass: 'SMOKE_PASS',
  smokeFail: 'SMOKE_FAIL',
  specMerged: 'SPEC_MERGED',
  legacyMerged: 'MERGED'
} as const
