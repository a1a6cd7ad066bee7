import path from 'node:path';
import { ensureConstraints, type EnsureResult } from '../constraints/ensure.js';
import { constraintsPath } from '../constraints/format.js';
import { synthesize as synthesizeConstraints, type SynthResult } from '../constraints/synth.js';
import { OPTIONS } from '../core/options.js';
import { parseLlmSpec } from '../llm/config.js';
import { formatDuration } from '../report/status-line.js';
import { resolveTarget, type Target, type TargetRef } from '../target/load.js';

/** Options of {@link synthesize}. Every field is optional; each says its default. */
export interface SynthesizeOptions {
  /** Project root: `constraints/<id>.json` is written under it. Default: `process.cwd()`. */
  root?: string;
  /** "provider:model" (e.g. openai:gpt-4o-mini) to add a model's constraints to the static ones. Default: `WEDGE_LLM` from `env`, else static only. */
  llm?: string;
  /** Seed of the profiling run. Default: 1. */
  seed?: number;
  /** Executions of the short search for slow inputs. Default: 20 000. */
  searchExecs?: number;
  /** Environment for LLM settings (keys are read, never stored). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
  /** Warnings (an LLM reply refused, a proposal left out). Default: printed to stderr. */
  warn?: (message: string) => void;
}

/** The settings synthesis runs with, after defaults; a malformed model spec is an error now, not after profiling. */
function synthSettings(o: SynthesizeOptions) {
  const env = o.env ?? process.env;
  const llm = o.llm ?? (env.WEDGE_LLM?.trim() || undefined);
  if (llm) parseLlmSpec(llm);
  return {
    root: o.root ?? process.cwd(),
    env,
    llm,
    budget: { seed: o.seed ?? OPTIONS.seed.default, ...(o.searchExecs !== undefined ? { searchExecs: o.searchExecs } : {}) },
    ...(o.log ? { log: o.log } : {}),
    ...(o.warn ? { warn: o.warn } : {}),
  };
}

/**
 * Synthesizes performance-characterizing constraints into `constraints/<id>.json`: profiles
 * typical and slow inputs, proposes static candidates (and a model's, with `llm`), and keeps
 * only what separates slow inputs from typical ones, with the reason next to each dropped one.
 */
export async function synthesize(target: TargetRef, options: SynthesizeOptions = {}): Promise<SynthResult & { target: Target }> {
  const s = synthSettings(options);
  const t = await resolveTarget(target, s.root);
  return { ...(await synthesizeConstraints(t, s)), target: t };
}

/** How often a silent synthesis says it is still working. */
const HEARTBEAT_MS = 10_000;

/**
 * The target's constraints, synthesized first when constraints/<id>.json is missing or stale:
 * announced before it starts (it profiles the target, which takes a while), with its steps and a
 * heartbeat while it works, and the file it writes into the project named when written.
 */
export async function ensureConstraintsAnnounced(t: Target, options: { root: string; log: (line: string) => void; searchTimeMs?: number }): Promise<EnsureResult> {
  // Static synthesis only: a model is asked by `synthesize` (wedge synth), never on the way to a search.
  // A run's time plan caps the profiling search (searchTimeMs); otherwise its own default applies.
  const s = { root: options.root, ...(options.searchTimeMs !== undefined ? { budget: { searchTimeMs: options.searchTimeMs } } : {}) };
  const rel = path.relative(s.root, constraintsPath(s.root, t.id));
  const t0 = Date.now();
  const say = (m: string) => options.log(`[${formatDuration(Date.now() - t0)}] constraints: ${m}`);
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    say(`${rel} is missing or stale: synthesizing constraints first (a profiling search, then each candidate checked on slow and typical inputs; usually 10–40 s; --no-constraints skips this)`);
  };
  let last = Date.now();
  const heartbeat = setInterval(() => {
    if (announced && Date.now() - last >= HEARTBEAT_MS) {
      last = Date.now();
      say(`still synthesizing (${formatDuration(Date.now() - t0)} so far)`);
    }
  }, 1000);
  try {
    const ensured = await ensureConstraints(t, {
      ...s,
      log: (line) => {
        announce();
        last = Date.now();
        say(line);
      },
    });
    if (ensured.synthesized) {
      announce();
      say(`wrote ${rel} (${ensured.file.constraints.filter((c) => c.status === 'kept').length} kept; ${ensured.reason}) in ${formatDuration(Date.now() - t0)}; commit it to make campaigns reproducible`);
    }
    return ensured;
  } finally {
    clearInterval(heartbeat);
  }
}
