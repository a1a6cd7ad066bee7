export { defineTarget } from './target/define.js';
export type { TargetSpec } from './target/define.js';
