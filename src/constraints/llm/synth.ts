import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { cachedComplete, cacheKey, type CacheOptions } from '../../llm/cache.js';
import { LlmError, type LlmProvider } from '../../llm/types.js';
import { anchorOf, parseSource, programPath, statementAtLine, type Anchor } from '../../constraint-lang/anchor.js';
import { placeAt } from '../../constraint-lang/check.js';
import type { SourceFile } from '../sources.js';
import { checkExpr } from '../../constraint-lang/validate-expr.js';
import { constraintMessages, reasoningMessages, replySchema, REPLY_SCHEMA, type LlmReply, type PromptFacts } from './prompt.js';

const MAX_TOKENS = 2000;

/**
 * Two phases, as in WEDGE: the model first reasons in words about what makes the code slow (from
 * the source annotated with per-line hits of a slow and a typical input), then turns that into
 * constraints in a JSON schema. Both replies go through the cache; the second is checked with zod
 * whatever the server promised about structured output.
 */
export async function askForConstraints(provider: LlmProvider, cache: CacheOptions, facts: PromptFacts): Promise<{ reasoning: string; reply: LlmReply; cacheKeys: string[] }> {
  const first = { messages: reasoningMessages(facts), maxTokens: MAX_TOKENS, temperature: 0 };
  const reasoning = await cachedComplete(provider, first, cache);
  const second = { messages: constraintMessages(facts, reasoning), schema: REPLY_SCHEMA, maxTokens: MAX_TOKENS, temperature: 0 };
  const text = await cachedComplete(provider, second, cache);
  // Recorded in the constraints file so a dataset row can name the exact replies behind it.
  const cacheKeys = [first, second].map((r) => cacheKey(provider.provider, provider.model, r, cache.promptVersion));
  return { reasoning, reply: parseReply(text, `${provider.provider}:${provider.model}`), cacheKeys };
}

/** JSON.parse and the schema; a fenced block (```json ... ```) is unwrapped first. */
export function parseReply(text: string, who: string): LlmReply {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  let json: unknown;
  try {
    json = JSON.parse(fenced ? fenced[1]! : text);
  } catch (e) {
    throw new LlmError('reply', `${who}: the reply is not JSON (${(e as Error).message})`);
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `field "${i.path.join('.') || '(root)'}" ${i.message}`);
    throw new LlmError('reply', `${who}: the reply does not match the schema: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** One proposed constraint, placed at its anchor or refused with the reason. */
export interface PlacedProposal {
  file: string;
  line: number;
  expr: string;
  rationale: string;
  anchor?: Anchor;
  /** Why it was refused before running anything (unsafe, unbound name, no statement there). */
  rejected?: string;
}

/** Maps each proposal's file and line to an anchor and checks its expression there. */
export function placeProposals(reply: LlmReply, sources: SourceFile[]): PlacedProposal[] {
  const programs = new Map<string, NodePath<t.Program>>();
  return reply.constraints.map((c) => {
    const base = { file: c.file, line: c.line, expr: c.expr, rationale: c.rationale };
    const src = sources.find((s) => s.rel === c.file) ?? (sources.length === 1 ? sources[0] : sources.find((s) => path.basename(s.rel) === path.basename(c.file)));
    if (!src) return { ...base, rejected: `no instrumented file "${c.file}"` };
    let program = programs.get(src.rel);
    if (!program) programs.set(src.rel, (program = programPath(parseSource(src.code, src.rel))));
    const stmt = statementAtLine(program, c.line);
    if (!stmt) return { ...base, file: src.rel, rejected: `no statement starts at line ${c.line} of ${src.rel}` };
    const anchor = anchorOf(stmt, src.code, src.rel);
    const parsed = checkExpr(c.expr);
    if (!parsed.ok) return { ...base, file: src.rel, anchor, rejected: `unsafe expression: ${parsed.reason}` };
    const placed = placeAt(stmt, parsed);
    if (!placed.ok) return { ...base, file: src.rel, anchor, rejected: placed.reason };
    return { ...base, file: src.rel, anchor };
  });
}
