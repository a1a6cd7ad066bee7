import { performance } from 'node:perf_hooks';
import { runCampaign } from '../src/fuzz/campaign.js';
import { medianRound } from './median-round.js';
import { loadTarget } from '../src/target/load.js';

export interface ThroughputRound {
  engineExecsPerSec: number;
  plainCallsPerSec: number;
  ratio: number;
}

export interface Throughput extends ThroughputRound {
  /** Every round; the headline figures are those of the round with the median ratio. */
  rounds: ThroughputRound[];
}

/**
 * Executions per second of the instrumented target inside the engine (mutation, checks and
 * feedback included; the worker's start-up left out) vs calls per second of the plain function
 * on a uniform sample of the inputs the engine executed. Engine and plain alternate over a few
 * rounds and the median ratio is reported, so a burst of load on a shared machine moves one
 * round, not the result.
 */
export async function measureThroughput(root: string, timeMs: number, roundCount = 3): Promise<Throughput> {
  const target = await loadTarget('insertion-sort');
  const fn = target.fn;
  const rounds: ThroughputRound[] = [];
  for (let k = 0; k < roundCount; k++) {
    const r = await runCampaign({ target, mode: 'wedge', seed: k + 1, timeMs: Math.max(2000, timeMs / 2), root, useCorpus: false, timeFeedback: true, reservoir: 2000 });
    const inputs = r.executedSample ?? [];
    if (inputs.length === 0) throw new Error('the engine returned no sample of executed inputs');
    let calls = 0;
    let sink = 0;
    const t0 = performance.now();
    const end = t0 + 2000;
    while (performance.now() < end) {
      for (let i = 0; i < inputs.length; i++) {
        const out = fn(inputs[i]) as unknown[];
        sink += out.length;
      }
      calls += inputs.length;
    }
    const plain = (calls * 1000) / (performance.now() - t0);
    if (sink < 0) throw new Error('unreachable');
    rounds.push({ engineExecsPerSec: Math.round(r.searchExecsPerSec), plainCallsPerSec: Math.round(plain), ratio: r.searchExecsPerSec / plain });
  }
  return { ...medianRound(rounds, (r) => r.ratio), rounds };
}
