// A target that keeps state between calls cannot be replayed to the same cost: verification says so.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCampaign } from '../src/fuzz/campaign.js';
import { DEFAULT_VERIFY, verifyFindings } from '../src/measure/verify.js';
import { verifySummary } from '../src/report/verify-summary.js';
import { loadTarget } from '../src/target/load.js';
import { repo } from './helpers/fixture-project.js';

const verifyQuick = { ...DEFAULT_VERIFY, top: 3, timing: { ...DEFAULT_VERIFY.timing, minTotalMs: 20 }, baselineInputs: 3, minimizeTop: 0, growth: false };

test('findings of a target that keeps state are reported as changed on replay', async (t) => {
  const target = await loadTarget(path.join(repo, 'test/fixtures/remember.target.ts'));
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-remember-'));
  const r = await runCampaign({ target, mode: 'wedge', seed: 1, execs: 1500, root, useCorpus: false, timeFeedback: false });
  const candidates = [...r.kept].sort((a, b) => b.work - a.work).slice(0, 3).map((k) => ({ hash: k.hash, input: k.input, work: k.work, timeMs: k.timeMs }));
  const v = await verifyFindings(target, candidates, verifyQuick);
  t.truthy(v.replayChanged?.length, 'a log of 1,500 calls makes the search see more work than a fresh process');
  for (const c of v.replayChanged!) t.not(c.replayWork, c.searchWork);
  t.true(verifySummary('remember', v).some((l) => /not deterministic/.test(l)));
});

test('a deterministic target replays to the same work', async (t) => {
  const target = await loadTarget(path.join(repo, 'test/fixtures/linear-scan.target.ts'));
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-linear-'));
  const r = await runCampaign({ target, mode: 'wedge', seed: 1, execs: 1500, root, useCorpus: false, timeFeedback: false });
  const candidates = [...r.kept].sort((a, b) => b.work - a.work).slice(0, 3).map((k) => ({ hash: k.hash, input: k.input, work: k.work, timeMs: k.timeMs }));
  const v = await verifyFindings(target, candidates, verifyQuick);
  t.is(v.replayChanged, undefined);
});

test('verification of an input that calls process.exit reports it as a throwing finding, not a lost process', async (t) => {
  const target = await loadTarget(path.join(repo, 'test/fixtures/quitter.target.ts'));
  const v = await verifyFindings(target, [{ input: 95, work: 1, timeMs: 0 }, { input: 50, work: 1, timeMs: 0 }], verifyQuick);
  const quit = v.findings.find((f) => f.input === 95);
  t.truthy(quit, 'the exiting input was measured');
  t.regex(quit!.error ?? '', /TargetExit|process\.exit\(3\)/);
  t.is(v.findings.find((f) => f.input === 50)?.error, undefined);
});
