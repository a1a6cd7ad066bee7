import test from 'ava';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureConstraints, staleness } from '../src/constraints/ensure.js';
import { readConstraintsFile } from '../src/constraints/format.js';
import { targetSources } from '../src/constraints/sources.js';
import { synthesize } from '../src/constraints/synth.js';
import { loadTarget } from '../src/target/load.js';
import { GOOD, REASONING } from './fixtures/llm-replies.js';
import { fakeLlmServer } from './helpers/fake-llm.js';

// Small budgets: these tests check the pipeline, not the quality of the constraints. The search
// is bounded by executions (reproducible: replay asks the same prompt); its time cap only guards
// against a stuck run, so a busy machine cannot cut it short.
const budget = { samples: 600, typical: 60, searchExecs: 3000, searchTimeMs: 60_000, slow: 15 };
const quiet = { log: () => {}, warn: () => {} };
const tmpRoot = () => mkdtempSync(path.join(tmpdir(), 'wedge-synth-'));

test.serial('static synthesis writes a checked constraints file; ensureConstraints reuses it until the sources change', async (t) => {
  const target = await loadTarget('insertion-sort');
  const root = tmpRoot();
  const first = await ensureConstraints(target, { root, budget, ...quiet });
  t.true(first.synthesized);
  t.is(first.reason, 'no constraints file');
  const file = readConstraintsFile(root, 'insertion-sort')!;
  t.deepEqual(file, first.file);
  t.is(file.synthesizer.kind, 'static');
  t.true(file.constraints.length > 0);
  for (const c of file.constraints) {
    t.is(c.origin, 'static');
    if (c.status === 'dropped') t.truthy(c.reason);
  }
  const again = await ensureConstraints(target, { root, budget, ...quiet });
  t.false(again.synthesized);
  const sources = targetSources(target);
  t.is(staleness(file, sources), undefined);
  t.regex(staleness({ ...file, sources: { 'insertion-sort.ts': '000000000000' } }, sources)!, /sources changed since synthesis: insertion-sort.ts/);
});

test.serial('LLM constraints join the static ones; the replies replay with no server', async (t) => {
  const target = await loadTarget('insertion-sort');
  const root = tmpRoot();
  const server = await fakeLlmServer('openai', (req) => (req.wantsSchema ? { kind: 'json', value: GOOD } : { kind: 'text', text: REASONING }));
  let recorded;
  try {
    const env = { WEDGE_LLM_BASE_URL: server.baseURL, WEDGE_LLM_CACHE: 'record' };
    recorded = await synthesize(target, { root, budget, llm: 'openai:fake-model', env, ...quiet });
  } finally {
    await server.close();
  }
  t.deepEqual(recorded.warnings, []);
  const { cacheKeys, ...synthesizer } = recorded.file.synthesizer;
  t.deepEqual(synthesizer, { kind: 'llm', model: 'openai:fake-model' });
  // The two replies (reasoning, then constraints) are named by their cache keys, each a stored reply.
  t.is(cacheKeys?.length, 2);
  for (const k of cacheKeys ?? []) t.true(existsSync(path.join(root, 'constraints', '.cache', `${k.slice(0, 32)}.json`)), `reply ${k} is cached`);
  const llm = recorded.file.constraints.filter((c) => c.origin === 'llm');
  t.deepEqual(llm.map((c) => c.expr), GOOD.constraints.map((c) => c.expr));
  for (const c of llm) {
    t.is(c.model, 'openai:fake-model');
    t.truthy(c.evidence, 'validated on inputs');
  }
  t.true(recorded.file.constraints.some((c) => c.origin === 'static'));
  // Same profiling (same seed), same prompt: replay needs neither server nor key.
  const replayed = await synthesize(target, { root, budget, llm: 'openai:fake-model', env: { WEDGE_LLM_CACHE: 'replay' }, ...quiet });
  t.deepEqual(replayed.warnings, []);
  t.deepEqual(replayed.file.synthesizer.cacheKeys, cacheKeys, 'replay reads the same replies');
  t.deepEqual(
    replayed.file.constraints.filter((c) => c.origin === 'llm').map((c) => c.expr),
    llm.map((c) => c.expr),
  );
});

test.serial('an LLM that hangs falls back to static constraints with a warning', async (t) => {
  const target = await loadTarget('insertion-sort');
  const root = tmpRoot();
  const server = await fakeLlmServer('anthropic', () => ({ kind: 'hang' }));
  const warnings: string[] = [];
  try {
    const r = await synthesize(target, {
      root,
      budget,
      llm: 'anthropic:fake-model',
      env: { WEDGE_LLM_BASE_URL: server.baseURL, WEDGE_LLM_CACHE: 'off' },
      llmTimeoutMs: 300,
      llmRetries: 0,
      log: () => {},
      warn: (m) => warnings.push(m),
    });
    t.is(r.file.synthesizer.kind, 'static');
    t.true(r.file.constraints.every((c) => c.origin === 'static'));
  } finally {
    await server.close();
  }
  t.is(warnings.length, 1);
  t.regex(warnings[0]!, /LLM synthesis failed: anthropic:fake-model at http:\/\/127\.0\.0\.1:\d+: no reply within 300 ms.*using static constraints only/);
});
