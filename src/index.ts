export { defineTarget } from './target/define.js';
export type { TargetSpec } from './target/define.js';
export { TargetError, type Target, type TargetRef } from './target/load.js';

// The pipeline: each stage a typed function taking the same options the CLI's flags map onto.
export {
  synthesize,
  fuzz,
  verify,
  report,
  gate,
  exportTests,
  exportDataset,
  run,
  type SynthesizeOptions,
  type FuzzOptions,
  type FuzzResult,
  type VerifyOptions,
  type VerifyResult,
  type ReportOptions,
  type ReportResult,
  type GateOptions,
  type GateSearchOptions,
  type GateResult,
  type ExportTestsOptions,
  type ExportTestsResult,
  type Framework,
  type ExportDatasetOptions,
  type ExportDatasetResult,
  type RunOptions,
  type RunResult,
  type PhaseTime,
  type Phase,
} from './pipeline/index.js';
export type { SynthResult } from './constraints/synth.js';
export type { EnsureResult } from './constraints/ensure.js';
export type { Constraint, ConstraintsFile } from './constraints/format.js';
export { GateInputError } from './export/gate.js';
export type { GateRow } from './export/gate-compare.js';

// The data the stages hand on: a search's status and result, report.json, verified findings.
export type { CampaignStatus, CampaignResult, Kept } from './fuzz/campaign-types.js';
export type { SearchMode } from './fuzz/engine-types.js';
export type { FindingFile, FindingKind } from './fuzz/findings.js';
export type { FuzzReport } from './report/fuzz-report.js';
export type { StoredReport } from './report/report-file.js';
export type { CostedInput } from './core/costed-input.js';
export type { SearchLimits } from './core/search-limits.js';
export type { Candidate } from './measure/select.js';
export type { VerifiedSection, VerifiedFinding } from './measure/types.js';
export type { TimingOptions } from './measure/protocol.js';

// Every tunable with its default, unit and doc line; an option out of range throws OptionError.
export { OPTIONS, OptionError, type Tunable } from './core/options.js';

// Replays findings through the instrumentation: what `wedge export tests` files import.
export { openReplay, measureWork, Replay, REPLAY_TIMING } from './export/replay.js';
export type { ReplayWork, ReplayTime } from './export/replay.js';
