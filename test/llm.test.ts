import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { annotateSource } from '../src/constraints/llm/annotate.js';
import { PROMPT_VERSION, type PromptFacts } from '../src/constraints/llm/prompt.js';
import { askForConstraints, placeProposals } from '../src/constraints/llm/synth.js';
import { targetSources } from '../src/constraints/sources.js';
import type { CacheMode, CacheOptions } from '../src/llm/cache.js';
import { llmConfig } from '../src/llm/config.js';
import { createProvider } from '../src/llm/provider.js';
import { LlmError } from '../src/llm/types.js';
import { GOOD, MALFORMED, REASONING, SCHEMA_VIOLATION, SIDE_EFFECTS } from './fixtures/llm-replies.js';
import { fakeLlmServer, type FakeAction, type FakeRequest } from './helpers/fake-llm.js';

const sources = targetSources({ dir: path.resolve('targets'), instrument: ['./insertion-sort.ts'] });
const facts: PromptFacts = {
  targetId: 'insertion-sort',
  description: 'insertion sort of an int[]',
  maxSize: 64,
  files: sources.map((s) => ({ name: s.rel, annotated: annotateSource(s.code, 'targets/insertion-sort.ts', [], []) })),
  slow: { work: 4000, preview: '[64,63,62]' },
  typical: { work: 2000, preview: '[3,1,2]' },
};
const SECRET = 'sk-test-secret-do-not-store';

/** Phase 1 gets the reasoning, phase 2 whatever `second` says. */
const twoPhase = (second: FakeAction) => (req: FakeRequest): FakeAction => (req.wantsSchema ? second : { kind: 'text', text: REASONING });

function cache(mode: CacheMode = 'off'): CacheOptions {
  return { dir: mkdtempSync(path.join(tmpdir(), 'wedge-llm-cache-')), mode, promptVersion: PROMPT_VERSION };
}

function provider(kind: 'openai' | 'anthropic', baseURL: string, o: { timeoutMs?: number; maxRetries?: number } = {}) {
  const keyVar = kind === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  return createProvider(llmConfig(`${kind}:fake-model`, { WEDGE_LLM_BASE_URL: baseURL, [keyVar]: SECRET }, { timeoutMs: o.timeoutMs ?? 5000, maxRetries: o.maxRetries ?? 0 }));
}

for (const kind of ['openai', 'anthropic'] as const) {
  test(`${kind}: a good reply becomes placed constraints, with structured output asked for`, async (t) => {
    const server = await fakeLlmServer(kind, twoPhase({ kind: 'json', value: GOOD }));
    try {
      const { reasoning, reply } = await askForConstraints(provider(kind, server.baseURL), cache(), facts);
      t.is(reasoning, REASONING);
      const placed = placeProposals(reply, sources);
      t.deepEqual(placed.map((p) => p.rejected), [undefined, undefined]);
      t.deepEqual(placed.map((p) => p.anchor?.statement.kind), ['ExpressionStatement', 'ExpressionStatement']);
      t.is(server.requests.length, 2);
      const [first, second] = server.requests;
      t.false(first!.wantsSchema, 'phase 1 is free text');
      if (kind === 'openai') {
        const rf = second!.body.response_format as { type: string; json_schema: { strict: boolean } };
        t.is(rf.type, 'json_schema');
        t.true(rf.json_schema.strict);
      } else {
        t.deepEqual(second!.body.tool_choice, { type: 'tool', name: 'performance_constraints' });
      }
      // Phase 2 carries phase 1's reasoning.
      t.true(JSON.stringify(second!.body.messages).includes('inner while loop'));
    } finally {
      await server.close();
    }
  });

  test(`${kind}: a schema violation is rejected`, async (t) => {
    const server = await fakeLlmServer(kind, twoPhase({ kind: 'json', value: SCHEMA_VIOLATION }));
    try {
      const e = await t.throwsAsync(askForConstraints(provider(kind, server.baseURL), cache(), facts), { instanceOf: LlmError });
      t.regex(e!.message, /does not match the schema/);
      t.regex(e!.message, /constraints\.0\.line/);
    } finally {
      await server.close();
    }
  });

  test(`${kind}: expressions with side effects and unbound names are rejected, the rest kept`, async (t) => {
    const server = await fakeLlmServer(kind, twoPhase({ kind: 'json', value: SIDE_EFFECTS }));
    try {
      const { reply } = await askForConstraints(provider(kind, server.baseURL), cache(), facts);
      const placed = placeProposals(reply, sources);
      const reasons = placed.map((p) => p.rejected ?? 'ok');
      t.regex(reasons[0]!, /push.*changes its receiver/);
      t.regex(reasons[1]!, /assignment/);
      t.regex(reasons[2]!, /function|call/);
      t.regex(reasons[3]!, /delete/);
      t.regex(reasons[4]!, /sort.*changes its receiver/);
      t.regex(reasons[5]!, /"unknownName" is not bound/);
      t.is(reasons[6], 'ok');
    } finally {
      await server.close();
    }
  });

  test(`${kind}: an enormous reply is rejected cleanly`, async (t) => {
    const huge = { constraints: [{ file: 'insertion-sort.ts', line: 8, expr: 'j > 0', rationale: 'x'.repeat(3_000_000) }] };
    const server = await fakeLlmServer(kind, twoPhase({ kind: 'json', value: huge }));
    try {
      const e = await t.throwsAsync(askForConstraints(provider(kind, server.baseURL), cache(), facts), { instanceOf: LlmError });
      t.regex(e!.message, /reply too large/);
    } finally {
      await server.close();
    }
  });

  test(`${kind}: a server that hangs times out`, async (t) => {
    const server = await fakeLlmServer(kind, () => ({ kind: 'hang' }));
    try {
      const e = await t.throwsAsync(askForConstraints(provider(kind, server.baseURL, { timeoutMs: 300, maxRetries: 1 }), cache(), facts), { instanceOf: LlmError });
      t.is((e as LlmError).kind, 'timeout');
      t.regex(e!.message, /no reply within 300 ms \(tried 2 times\)/);
      t.is(server.requests.length, 2, 'a timeout is retried');
    } finally {
      await server.close();
    }
  });

  test(`${kind}: 429 then success is retried`, async (t) => {
    const server = await fakeLlmServer(kind, (req, n) =>
      n === 1 ? { kind: 'raw', status: 429, body: '{"error":{"message":"slow down"}}', headers: { 'retry-after-ms': '10' } } : twoPhase({ kind: 'json', value: GOOD })(req),
    );
    try {
      const { reply } = await askForConstraints(provider(kind, server.baseURL, { maxRetries: 2 }), cache(), facts);
      t.is(reply.constraints.length, 2);
      t.is(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  test(`${kind}: replies are recorded without credentials and replayed with no server`, async (t) => {
    const server = await fakeLlmServer(kind, twoPhase({ kind: 'json', value: GOOD }));
    const recorded = cache('record');
    let first;
    try {
      first = await askForConstraints(provider(kind, server.baseURL), recorded, facts);
    } finally {
      await server.close();
    }
    const files = readdirSync(recorded.dir);
    t.is(files.length, 2);
    for (const f of files) t.false(readFileSync(path.join(recorded.dir, f), 'utf8').includes(SECRET), 'no key on disk');
    // Replay: no server, no key.
    const offline = createProvider(llmConfig(`${kind}:fake-model`, {}, {}, false));
    const again = await askForConstraints(offline, { ...recorded, mode: 'replay' }, facts);
    t.deepEqual(again, first);
    // A miss in replay mode is an error.
    const e = await t.throwsAsync(askForConstraints(offline, { ...cache('replay') }, facts), { instanceOf: LlmError });
    t.regex(e!.message, /no recorded reply/);
  });
}

test('openai: malformed JSON is rejected', async (t) => {
  const server = await fakeLlmServer('openai', twoPhase({ kind: 'text', text: MALFORMED }));
  try {
    const e = await t.throwsAsync(askForConstraints(provider('openai', server.baseURL), cache(), facts), { instanceOf: LlmError });
    t.regex(e!.message, /not JSON/);
  } finally {
    await server.close();
  }
});

test('anthropic: a reply without the forced tool call, or with a broken body, is rejected', async (t) => {
  const server = await fakeLlmServer('anthropic', (req) => (req.wantsSchema ? { kind: 'raw', status: 200, body: MALFORMED } : { kind: 'text', text: REASONING }));
  try {
    await t.throwsAsync(askForConstraints(provider('anthropic', server.baseURL), cache(), facts), { instanceOf: LlmError });
  } finally {
    await server.close();
  }
  const textOnly = await fakeLlmServer('anthropic', () => ({ kind: 'text', text: MALFORMED }));
  try {
    const e = await t.throwsAsync(askForConstraints(provider('anthropic', textOnly.baseURL), cache(), facts), { instanceOf: LlmError });
    t.regex(e!.message, /no call of the tool/);
  } finally {
    await textOnly.close();
  }
});

test('a missing key or an unreachable server gives a clear error', async (t) => {
  t.throws(() => llmConfig('openai:gpt-4o-mini', {}), { message: /OPENAI_API_KEY is not set/ });
  t.throws(() => llmConfig('anthropic:claude-sonnet-4-5', {}), { message: /ANTHROPIC_API_KEY is not set/ });
  t.throws(() => llmConfig('gpt-4o', {}), { message: /not provider:model/ });
  const server = await fakeLlmServer('openai', () => ({ kind: 'hang' }));
  const url = server.baseURL;
  await server.close();
  const e = await t.throwsAsync(askForConstraints(provider('openai', url), cache(), facts), { instanceOf: LlmError });
  t.is((e as LlmError).kind, 'network');
  t.regex(e!.message, /cannot reach the server/);
});
