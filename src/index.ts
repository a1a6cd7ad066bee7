export { defineTarget } from './target/define.js';
export type { TargetSpec } from './target/define.js';
// Replays findings through the instrumentation: what `wedge export tests` files import.
export { openReplay, measureWork, Replay, REPLAY_TIMING } from './export/replay.js';
export type { ReplayWork, ReplayTime, TargetRef } from './export/replay.js';
