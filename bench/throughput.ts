import { performance } from 'node:perf_hooks';
import { runCampaign } from '../src/fuzz/campaign.js';
import { loadTarget } from '../src/target/load.js';

export interface Throughput {
  engineExecsPerSec: number;
  plainCallsPerSec: number;
  ratio: number;
}

/**
 * Executions per second of the instrumented target inside the engine (mutation, checks and
 * feedback included) vs calls per second of the plain function on a uniform sample of the
 * inputs the engine executed.
 */
export async function measureThroughput(root: string, timeMs: number): Promise<Throughput> {
  const target = await loadTarget('insertion-sort');
  const r = await runCampaign({ target, mode: 'wedge', seed: 1, timeMs, root, useCorpus: false, timeFeedback: true, reservoir: 2000 });
  const inputs = r.executedSample ?? [];
  if (inputs.length === 0) throw new Error('the engine returned no sample of executed inputs');
  const fn = target.fn;
  let calls = 0;
  let sink = 0;
  const t0 = performance.now();
  const end = t0 + Math.min(timeMs, 3000);
  while (performance.now() < end) {
    for (let i = 0; i < inputs.length; i++) {
      const out = fn(inputs[i]) as unknown[];
      sink += out.length;
    }
    calls += inputs.length;
  }
  const plain = (calls * 1000) / (performance.now() - t0);
  if (sink < 0) throw new Error('unreachable');
  return { engineExecsPerSec: Math.round(r.execsPerSec), plainCallsPerSec: Math.round(plain), ratio: r.execsPerSec / plain };
}
