import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Target } from '../target/load.js';

const run = promisify(execFile);
const ENTRY = fileURLToPath(new URL('./child-entry.mjs', import.meta.url));

let checked: Promise<{ available: boolean; reason?: string }> | undefined;

/** Reads the instruction count from `perf stat -x,` output; undefined when not counted. */
export function parseInstructions(stderr: string): number | undefined {
  for (const line of stderr.split('\n')) {
    const [value, , event] = line.split(',');
    if (event?.startsWith('instructions')) {
      const n = Number(value);
      return Number.isFinite(n) && value !== '' ? n : undefined;
    }
  }
  return undefined;
}

/** Whether `perf stat -e instructions` counts on this machine; asked once per process. */
export function instructionCounter(): Promise<{ available: boolean; reason?: string }> {
  checked ??= run('perf', ['stat', '-x,', '-e', 'instructions', '--', 'true'])
    .then(({ stderr }) => {
      const n = parseInstructions(stderr);
      return n !== undefined && n > 0
        ? { available: true }
        : { available: false, reason: `perf stat could not count instructions (${stderr.trim().split('\n').pop() ?? 'no output'})` };
    })
    .catch((e: Error & { code?: string }) => ({
      available: false,
      reason: e.code === 'ENOENT' ? 'perf is not installed' : `perf stat failed: ${e.message.split('\n')[0]}`,
    }));
  return checked;
}

/**
 * Instructions per call of `input`: a fresh process runs it `calls` times under perf, a second
 * one runs it zero times, and the difference is divided by `calls`, so start-up cancels out.
 */
export async function instructionsPerCall(target: Target, input: unknown, calls = 200): Promise<number | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-perf-'));
  try {
    const count = async (n: number) => {
      const job = path.join(dir, `job-${n}.json`);
      writeFileSync(job, JSON.stringify({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, input, calls: n }));
      const { stderr } = await run('perf', ['stat', '-x,', '-e', 'instructions', '--', process.execPath, ENTRY], {
        env: { ...process.env, WEDGE_MEASURE_ONESHOT: job },
        maxBuffer: 1 << 24,
      });
      return parseInstructions(stderr);
    };
    const [withCalls, without] = [await count(calls), await count(0)];
    if (withCalls === undefined || without === undefined) return undefined;
    return Math.max(0, (withCalls - without) / calls);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
