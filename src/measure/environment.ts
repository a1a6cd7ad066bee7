import { availableParallelism, cpus, platform, release } from 'node:os';
import { instructionCounter } from './perf-instructions.js';
import type { Environment } from './types.js';

/** The machine the figures were measured on, as a report states it. */
export async function environment(): Promise<Environment> {
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    platform: `${platform()} ${release()}`,
    instructions: await instructionCounter(),
  };
}
