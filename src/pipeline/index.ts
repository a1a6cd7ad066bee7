// The pipeline as a library: each stage a typed function, `run` the stages in order.
export { synthesize, type SynthesizeOptions } from './synthesize.js';
export { fuzz, type FuzzOptions, type FuzzResult } from './fuzz.js';
export { verify, type VerifyOptions, type VerifyResult } from './verify.js';
export { report, type ReportOptions, type ReportResult } from './report.js';
export { gate, type GateOptions, type GateSearchOptions, type GateResult } from './gate.js';
export { exportTests, type ExportTestsOptions, type ExportTestsResult, type Framework } from './export-tests.js';
export { exportDataset, type ExportDatasetOptions, type ExportDatasetResult } from './export-dataset.js';
export { run, type RunOptions, type RunResult, type PhaseTime, type Phase } from './run.js';
export { reportCandidates, searchCandidates, hangCandidates } from './candidates.js';
