import type { Target } from '../target/load.js';
import { MeasureSession, RunTimeout } from './session.js';

/**
 * Runs each input once in a fresh process, stopped at its limit: the time of the run, or
 * undefined when it ran past the limit. Hang findings are probed this way before they are timed
 * like the others, so one that never returns cannot stall verification; a process stopped at a
 * limit is replaced for the next input.
 */
export async function probeWithin(target: Target, inputs: { input: unknown; limitMs: number }[]): Promise<(number | undefined)[]> {
  const out: (number | undefined)[] = [];
  let session: MeasureSession | undefined;
  try {
    for (const { input, limitMs } of inputs) {
      session ??= await MeasureSession.start(target);
      try {
        out.push((await session.workWithin(input, limitMs)).timeMs);
      } catch (e) {
        if (!(e instanceof RunTimeout)) throw e;
        out.push(undefined);
        session = undefined; // ended by the timeout
      }
    }
  } finally {
    session?.close();
  }
  return out;
}
