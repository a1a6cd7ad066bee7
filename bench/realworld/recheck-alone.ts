// The static peer: every regular expression in the files the call loads, checked by recheck;
// each vulnerable one's attack, pumped to the budget, is what recheck alone would hand over.
import { check, type Diagnostics } from 'recheck';
import { loadedFiles } from './loaded-files.js';
import { regexesIn, type FoundRegex } from './regexes.js';
import type { RealworldTarget } from './config.js';

export interface VulnerableRegex extends FoundRegex {
  complexity: string;
  /** Sort key: exponential above every polynomial, polynomials by degree. */
  rank: number;
  attack: string;
}

export interface RecheckScan {
  files: string[];
  filesHow: 'loaded' | 'all-files';
  regexes: number;
  checked: number;
  status: Record<string, number>;
  vulnerable: VulnerableRegex[];
}

type Attack = Extract<Diagnostics, { status: 'vulnerable' }>['attack'];

/** prefix₁ pump₁ⁿ¹ … prefixₖ pumpₖⁿᵏ suffix, the budget left by prefixes and suffix split evenly among the pumps. */
export function pumpTo(attack: Attack, L: number): string | undefined {
  const fixed = attack.pumps.reduce((n, p) => n + p.prefix.length, 0) + attack.suffix.length;
  const share = Math.floor((L - fixed) / Math.max(1, attack.pumps.length));
  if (share < 1) return undefined;
  const s = attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.floor(share / Math.max(1, p.pump.length)))).join('') + attack.suffix;
  return s.length <= L ? s : undefined;
}

/** Runs `check` over the items, `concurrency` at a time. */
async function checkAll(items: FoundRegex[], concurrency: number): Promise<Diagnostics[]> {
  const out: Diagnostics[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      const r = items[i]!;
      try {
        out[i] = await check(r.pattern, r.flags, { timeout: 10_000 });
      } catch (e) {
        out[i] = { source: r.pattern, flags: r.flags, status: 'unknown', error: { kind: 'unexpected', message: String(e) } };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

export async function recheckScan(cache: string, t: RealworldTarget, concurrency = 2): Promise<RecheckScan> {
  const { files, how } = loadedFiles(cache, t);
  const all = files.flatMap(regexesIn);
  // One check per distinct pattern and flags (the first place it is written is kept).
  const distinct = [...new Map(all.map((r) => [`${r.flags}/${r.pattern}`, r])).values()];
  const results = await checkAll(distinct, concurrency);
  const status: Record<string, number> = {};
  const vulnerable: VulnerableRegex[] = [];
  results.forEach((d, i) => {
    status[d.status] = (status[d.status] ?? 0) + 1;
    if (d.status !== 'vulnerable') return;
    const attack = pumpTo(d.attack, t.L);
    if (attack === undefined) return;
    const c = d.complexity;
    const rank = c.type === 'exponential' ? 1000 : c.degree;
    vulnerable.push({ ...distinct[i]!, complexity: c.type === 'exponential' ? 'exponential' : `polynomial ${c.degree}`, rank, attack });
  });
  vulnerable.sort((a, b) => b.rank - a.rank);
  return { files, filesHow: how, regexes: all.length, checked: distinct.length, status, vulnerable };
}
