import test from 'ava';
import { OPTIONS } from '../src/core/options.js';
import { MIN_SEARCH_SHARE, SEARCH_OVERHEAD_MS, SEARCH_WRAP_UP_MS, SYNTH_SEARCH_SHARE, VERIFY_SHARE, describePlan, planRun, searchPhase, searchTime } from '../src/core/time-plan.js';
import { DEFAULT_GROWTH, GROWTH_FIXED_MS, GROWTH_INPUT_MS, MIN_GROWTH_STEPS, MIN_GROWTH_TYPICAL, growthWithin } from '../src/measure/growth.js';
import { MIN_MINIMIZE_MS, MINIMIZE_SHARE, minimizeDeadline } from '../src/measure/refine.js';
import { DEFAULT_TIMING, MIN_INPUT_MS, REFINE_SHARE, VERIFY_OVERHEAD_MS, fitTiming } from '../src/measure/timing.js';

const s = (ms: number) => `${ms / 1000}s`;

test('--time is the whole run: verification takes its share, the search what synthesis and loading leave', (t) => {
  const plan = planRun({ totalMs: 30_000 });
  t.is(plan.verifyMs, VERIFY_SHARE * 30_000);
  t.false(plan.verifyOwnTime);
  // Nothing spent yet: the search ends where verification's share begins, less loading.
  t.is(searchTime(plan, 0), 30_000 - plan.verifyMs - SEARCH_OVERHEAD_MS);
  t.is(searchTime(plan, 0) + SEARCH_OVERHEAD_MS + plan.verifyMs, plan.totalMs, 'the phases add up to --time');
  // After a synthesis of 5 s the search is 5 s shorter...
  t.is(searchTime(plan, 5000), searchTime(plan, 0) - 5000);
  // ...but never shorter than a quarter of --time.
  t.is(searchTime(plan, 60_000), MIN_SEARCH_SHARE * 30_000);
});

test('the search phase, loading included, ends where verification begins; the search stops before its wrap-up', (t) => {
  const plan = planRun({ totalMs: 30_000 });
  const { phaseMs, stopAfterMs } = searchPhase(plan, 2000);
  t.is(2000 + phaseMs + plan.verifyMs, plan.totalMs, 'what went before, the search phase and verification add up to --time');
  t.is(stopAfterMs, phaseMs - SEARCH_WRAP_UP_MS);
  t.is(searchPhase(plan, 2000).searchMs, searchTime(plan, 2000), 'the search once loaded, as announced');
  t.true(SEARCH_WRAP_UP_MS < SEARCH_OVERHEAD_MS, 'the wrap-up is part of the overhead, the rest is loading');
  // The least share still holds after a long synthesis.
  t.is(searchPhase(plan, 60_000).phaseMs, MIN_SEARCH_SHARE * 30_000 + SEARCH_OVERHEAD_MS);
});

test('synthesis profiles for at most a tenth of --time, never more than its own default', (t) => {
  t.is(SYNTH_SEARCH_SHARE, 0.1);
  t.is(planRun({ totalMs: 10_000 }).synthSearchMs, SYNTH_SEARCH_SHARE * 10_000);
  t.is(planRun({ totalMs: 30_000 }).synthSearchMs, 3000, 'a 30 s run profiles for 3 s at most');
  t.true(SYNTH_SEARCH_SHARE * 600_000 > OPTIONS.profileSearchTime.default);
  t.is(planRun({ totalMs: 600_000 }).synthSearchMs, OPTIONS.profileSearchTime.default);
});

test('--verify-time gives verification time of its own, on top of --time', (t) => {
  const plan = planRun({ totalMs: 30_000, verifyMs: 60_000 });
  t.true(plan.verifyOwnTime);
  t.is(plan.verifyMs, 60_000);
  t.is(searchTime(plan, 0), 30_000 - SEARCH_OVERHEAD_MS);
  t.regex(describePlan(plan, false, s), /^plan: about 90s in all: the search until about 30s, then verification 60s \(--verify-time, on top\)$/);
});

test('the announced plan names synthesis only when it runs', (t) => {
  const plan = planRun({ totalMs: 10_000 });
  t.is(describePlan(plan, true, s), 'plan: about 10s in all: constraint synthesis first (once; its profiling search at most 1s; usually 10–40 s, taken from the search), then the search until about 6s, then verification 4s (--verify-time gives it time of its own)');
  t.notRegex(describePlan(plan, false, s), /synthesis/);
});

test('verification timing fits its time: the fixed costs and the share for minimization and growth first, the rest shared by the inputs', (t) => {
  // 12 s for 30 inputs: 3 s kept for minimization and growth, 5 s of fixed costs, 4 s left: about 133 ms each, a sixth of it warming up.
  const fit = fitTiming(12_000, 30);
  const share = ((1 - REFINE_SHARE) * 12_000 - VERIFY_OVERHEAD_MS) / 30;
  t.true(share > MIN_INPUT_MS);
  t.is(fit.warmupMs + fit.minTotalMs, Math.round(share));
  t.is(fit.warmupMs, Math.round(share / 6));
  t.is(fit.minRuns, DEFAULT_TIMING.minRuns, 'as many runs as ever');
  t.is(fit.runMs, DEFAULT_TIMING.runMs);
  // With neither minimization nor growth to follow, timing has all but the fixed costs.
  const all = fitTiming(12_000, 30, DEFAULT_TIMING, 0);
  t.is(all.warmupMs + all.minTotalMs, Math.round((12_000 - VERIFY_OVERHEAD_MS) / 30));
});

test('minimization stops at its share of what the timing step left, at least its floor', (t) => {
  t.is(minimizeDeadline(1000, 5000), 1000 + MINIMIZE_SHARE * 5000);
  t.is(minimizeDeadline(1000, 100), 1000 + MIN_MINIMIZE_MS, 'little left: the floor');
  t.is(minimizeDeadline(1000, -2000), 1000 + MIN_MINIMIZE_MS, 'an overrun: still the floor');
  t.true(MINIMIZE_SHARE < 1, 'growth gets the rest');
});

test('growth fits what minimization left: fewer random inputs per size first, then fewer sizes, never under the floor', (t) => {
  const base = { steps: DEFAULT_GROWTH.steps, typicalPerSize: DEFAULT_GROWTH.typicalPerSize };
  const cost = (g: { steps: number; typicalPerSize: number }) => GROWTH_FIXED_MS + g.steps * (g.typicalPerSize + 1) * GROWTH_INPUT_MS;
  t.deepEqual(growthWithin(60_000, base), base, 'plenty of time: the defaults');
  t.deepEqual(growthWithin(cost(base), base), base, 'exactly the defaults’ cost: the defaults');
  // Less time: the same sizes, fewer random inputs at each, within the time.
  const fewer = growthWithin(0.75 * cost(base), base);
  t.is(fewer.steps, base.steps);
  t.true(fewer.typicalPerSize < base.typicalPerSize && fewer.typicalPerSize >= MIN_GROWTH_TYPICAL);
  t.true(cost(fewer) <= 0.75 * cost(base));
  // Less still: the floor of random inputs, fewer sizes.
  const floorBoth = { steps: MIN_GROWTH_STEPS, typicalPerSize: MIN_GROWTH_TYPICAL };
  const between = growthWithin((cost(floorBoth) + cost({ steps: base.steps, typicalPerSize: MIN_GROWTH_TYPICAL })) / 2, base);
  t.is(between.typicalPerSize, MIN_GROWTH_TYPICAL);
  t.true(between.steps > MIN_GROWTH_STEPS && between.steps < base.steps);
  // No time at all: the floor, a curve of 5 sizes with 5 random inputs each.
  t.deepEqual(growthWithin(0, base), floorBoth);
  t.deepEqual(growthWithin(-5000, base), floorBoth);
  // A smaller base than the floor is kept as it is.
  t.deepEqual(growthWithin(0, { steps: 3, typicalPerSize: 2 }), { steps: 3, typicalPerSize: 2 });
});

test('verification timing is never more than asked for, nor less than a floor', (t) => {
  t.deepEqual(fitTiming(600_000, 30), DEFAULT_TIMING, 'plenty of time: the full default');
  const asked = { ...DEFAULT_TIMING, warmupMs: 5, minTotalMs: 20 };
  t.deepEqual(fitTiming(600_000, 30, asked), asked, '--min-time 20ms stays 20 ms');
  const tight = fitTiming(1000, 50);
  t.is(tight.warmupMs + tight.minTotalMs, MIN_INPUT_MS);
  t.true(tight.warmupMs >= 10);
});
