// The constraints stage: synthesis (static, optionally an LLM), validation, the file format.
export { ensureConstraints, activeConstraints, constraintSetInfo, staleness, type EnsureResult } from './ensure.js';
export { synthesize, type SynthOptions, type SynthResult } from './synth.js';
export { readConstraintsFile, writeConstraintsFile, constraintsPath, type Constraint, type ConstraintsFile } from './format.js';
