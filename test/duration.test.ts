import test from 'ava';
import { durationMs, formatMs } from '../src/core/duration.js';
import { llmConfig } from '../src/llm/config.js';

test('durations are read with their unit; a bare number is the older form, read in the unit given and reported', (t) => {
  t.is(durationMs('500ms', 's'), 500);
  t.is(durationMs('30s', 'ms'), 30_000);
  t.is(durationMs('2m', 's'), 120_000);
  t.is(durationMs('1.5h', 's'), 5_400_000);
  t.is(durationMs('soon', 's'), undefined);
  const bare: number[] = [];
  t.is(durationMs('30', 's', (ms) => bare.push(ms)), 30_000);
  t.is(durationMs('30', 'ms', (ms) => bare.push(ms)), 30);
  t.deepEqual(bare, [30_000, 30], 'only bare numbers are reported');
  t.is(formatMs(2000), '2s');
  t.is(formatMs(120_000), '2m');
  t.is(formatMs(250), '250ms');
});

test('WEDGE_LLM_TIMEOUT takes a unit; a bare number stays milliseconds, as before', (t) => {
  const env = { OPENAI_API_KEY: 'k' };
  t.is(llmConfig('openai:m', { ...env, WEDGE_LLM_TIMEOUT: '90s' }).timeoutMs, 90_000);
  t.is(llmConfig('openai:m', { ...env, WEDGE_LLM_TIMEOUT: '1500' }).timeoutMs, 1500);
  t.throws(() => llmConfig('openai:m', { ...env, WEDGE_LLM_TIMEOUT: 'a while' }), { message: /WEDGE_LLM_TIMEOUT="a while" is not a duration/ });
});
