import test from 'ava';
import { OPTIONS } from '../src/core/options.js';
import { MIN_SEARCH_SHARE, SEARCH_OVERHEAD_MS, SEARCH_WRAP_UP_MS, SYNTH_SEARCH_SHARE, VERIFY_SHARE, describePlan, planRun, searchPhase, searchTime } from '../src/core/time-plan.js';
import { DEFAULT_TIMING, MIN_INPUT_MS, VERIFY_OVERHEAD_MS, fitTiming } from '../src/measure/timing.js';

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

test('verification timing fits its time: the overhead first, the rest shared by the inputs', (t) => {
  // 12 s for 30 inputs: 5 s left, about 167 ms each, a sixth of it warming up.
  const fit = fitTiming(12_000, 30);
  const share = (12_000 - VERIFY_OVERHEAD_MS) / 30;
  t.is(fit.warmupMs + fit.minTotalMs, Math.round(share));
  t.is(fit.warmupMs, Math.round(share / 6));
  t.is(fit.minRuns, DEFAULT_TIMING.minRuns, 'as many runs as ever');
  t.is(fit.runMs, DEFAULT_TIMING.runMs);
});

test('verification timing is never more than asked for, nor less than a floor', (t) => {
  t.deepEqual(fitTiming(600_000, 30), DEFAULT_TIMING, 'plenty of time: the full default');
  const asked = { ...DEFAULT_TIMING, warmupMs: 5, minTotalMs: 20 };
  t.deepEqual(fitTiming(600_000, 30, asked), asked, '--min-time 20ms stays 20 ms');
  const tight = fitTiming(1000, 50);
  t.is(tight.warmupMs + tight.minTotalMs, MIN_INPUT_MS);
  t.true(tight.warmupMs >= 10);
});
