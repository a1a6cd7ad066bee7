import type { Command } from 'commander';
import { synthesize } from '../pipeline/synthesize.js';
import type { Constraint } from '../constraints/format.js';
import { parseCount } from './parse.js';
import { OPTIONS } from '../core/options.js';

interface SynthFlags {
  llm?: string;
  seed: number;
  searchExecs?: number;
  json?: boolean;
}

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('synthesize performance-characterizing constraints into constraints/<id>.json (static; with --llm also from a model)')
    .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file')
    .option('--llm <provider:model>', 'also ask an LLM, e.g. openai:gpt-4o-mini or anthropic:claude-sonnet-4-5 (default: $WEDGE_LLM)')
    .option('--seed <n>', 'random seed of the profiling run', parseCount, OPTIONS.seed.default)
    .option('--search-execs <n>', 'executions of the short search for slow inputs', parseCount)
    .option('--json', 'print the constraints file as JSON')
    .action(async (ref: string, flags: SynthFlags) => {
      const log = flags.json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
      const result = await synthesize(ref, {
        ...(flags.llm !== undefined ? { llm: flags.llm } : {}),
        seed: flags.seed,
        ...(flags.searchExecs !== undefined ? { searchExecs: flags.searchExecs } : {}),
        ...(log ? { log } : {}),
      });
      const { target } = result;
      if (flags.json) {
        process.stdout.write(JSON.stringify(result.file, null, 2) + '\n');
        return;
      }
      const kept = result.file.constraints.filter((c) => c.status === 'kept');
      const dropped = result.file.constraints.filter((c) => c.status === 'dropped');
      const out = [
        `${target.id}: ${result.proposed} proposed, ${kept.length} kept, ${dropped.length + result.unplaced.length} dropped (${result.file.synthesizer.kind === 'llm' ? `static + ${result.file.synthesizer.model}` : 'static'}) → ${result.path}`,
        ...kept.map((c) => `  kept     ${describe(c)}${c.evidence ? `\n           ${evidence(c.evidence)}` : ''}`),
        ...dropped.map((c) => `  dropped  ${describe(c)}\n           ${c.reason}`),
        ...result.unplaced.map((u) => `  dropped  ${u.file}:${u.line}  ${u.expr}\n           ${u.rejected}`),
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
}

function evidence(e: NonNullable<Constraint['evidence']>): string {
  const cost =
    e.medianTimeMsSatisfying != null
      ? `median time ${e.medianTimeMsSatisfying} ms when true vs ${e.medianTimeMsOther ?? '—'} ms when not`
      : `median work ${e.medianWorkSatisfying} when true vs ${e.medianWorkOther ?? '—'} when not`;
  return `true on ${e.satisfying}/${e.inputs} inputs; ${cost}`;
}

function describe(c: Constraint): string {
  return `${c.id}  ${c.location.file}:${c.location.line}  ${c.expr}  [${c.origin}]`;
}
