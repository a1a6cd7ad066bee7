import { z } from 'zod';
import type { ChatMessage, ReplySchema } from '../../llm/types.js';
import { METERS } from '../../constraint-lang/meters.js';

/** Part of every cache key: bump it whenever the prompts or the schema change. */
export const PROMPT_VERSION = 'wedge-constraints-2phase-1';

export const MAX_LLM_CONSTRAINTS = 12;

const SYSTEM = [
  'You are a performance engineer. You find performance-characterizing constraints: conditions at a',
  'place in the source that hold when the code does far more work than it does for a typical input',
  'of the same size. A fuzzer counts how often each condition is true and searches for inputs that',
  'make it true more often, so good conditions are true much more often on slow inputs than on',
  'typical ones, and point at the cause of the slowness rather than at a symptom.',
].join(' ');

export interface PromptFacts {
  targetId: string;
  description: string;
  maxSize: number;
  /** Each source file annotated with per-line hit counts (slow vs typical). */
  files: { name: string; annotated: string }[];
  slow: { work: number; preview: string };
  typical: { work: number; preview: string };
}

/** Phase 1: reason in words about what makes the code slow. */
export function reasoningMessages(f: PromptFacts): ChatMessage[] {
  const user = [
    `Target "${f.targetId}": ${f.description || '(no description)'}`,
    `The input size is bounded (budget ${f.maxSize}); work = total executions of instrumented code points.`,
    '',
    'Source files, each line with how often it ran for a slow input and for a typical input of about the same size.',
    'Counters sit on function entries, branch arms and loop bodies: a blank cell means the line is not counted',
    '(it ran as often as the counted line of its block, or never).',
    ...f.files.flatMap((x) => ['', `=== ${x.name}`, x.annotated]),
    '',
    `Slow input (work ${f.slow.work}): ${f.slow.preview}`,
    `Typical input (work ${f.typical.work}): ${f.typical.preview}`,
    '',
    'Explain in words, step by step, what makes this code slow: which loops, recursion or built-in calls do the',
    'extra work on the slow input, and which conditions on program variables (at which lines) lead there.',
    'Do not write any code or JSON yet.',
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}

/** Phase 2: the reasoning so far, then a request for constraints in the schema. */
export function constraintMessages(f: PromptFacts, reasoning: string): ChatMessage[] {
  const meters = Object.entries(METERS).map(([k, v]) => `  ${k}: ${v}`);
  const user = [
    `Now write at most ${MAX_LLM_CONSTRAINTS} constraints as JSON: {"constraints": [{"file", "line", "expr", "rationale"}]}.`,
    `- file: one of ${f.files.map((x) => JSON.stringify(x.name)).join(', ')}.`,
    '- line: a line where a statement starts (not a block brace, not a function header); the constraint is',
    '  evaluated just before that statement runs, each time it runs.',
    '- expr: ONE side-effect-free JavaScript boolean expression over variables in scope at that point.',
    '  Allowed: variables, literals, property reads (a.length, a[i], o.k), arithmetic, comparisons, ! && || ?:,',
    '  Math.* (not Math.random), Number.isInteger/isFinite/isNaN, Array.isArray, and the read-only methods',
    '  includes indexOf lastIndexOf at startsWith endsWith charCodeAt charAt slice substring trim has get.',
    '  Not allowed: assignment, ++ or --, delete, new, function or arrow expressions, calls of any other',
    '  function or method (push, sort, ...), await, yield, comma sequences, tagged templates.',
    '  Besides program variables you may read these meters:',
    ...meters,
    '  Prefer thresholds relative to $size (e.g. $trips > 0.5 * $size) over constants taken from one input.',
    '- rationale: one sentence on why the condition means more work.',
  ].join('\n');
  return [
    ...reasoningMessages(f),
    { role: 'assistant', content: reasoning },
    { role: 'user', content: user },
  ];
}

/** The reply of phase 2, checked whatever the server promised. */
export const replySchema = z
  .object({
    constraints: z
      .array(
        z
          .object({
            file: z.string(),
            line: z.number().int().positive(),
            expr: z.string().min(1),
            rationale: z.string(),
          })
          .strict(),
      )
      .max(MAX_LLM_CONSTRAINTS * 2),
  })
  .strict();

export type LlmReply = z.infer<typeof replySchema>;

/** The same shape as a JSON Schema for structured output / a forced tool call. */
export const REPLY_SCHEMA: ReplySchema = {
  name: 'performance_constraints',
  description: 'Performance-characterizing constraints: where each is evaluated and the boolean expression.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['constraints'],
    properties: {
      constraints: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['file', 'line', 'expr', 'rationale'],
          properties: {
            file: { type: 'string', description: 'source file name as shown' },
            line: { type: 'integer', description: 'line where the statement the constraint precedes starts' },
            expr: { type: 'string', description: 'side-effect-free JavaScript boolean expression' },
            rationale: { type: 'string', description: 'why it means more work' },
          },
        },
      },
    },
  },
};
