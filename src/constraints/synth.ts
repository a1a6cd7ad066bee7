import path from 'node:path';
import type { ExecReport } from '../fuzz/protocol.js';
import type { ExtraProbe } from '../instrument/constraint-probes.js';
import { fileKey } from '../instrument/match.js';
import { parseCacheMode } from '../llm/cache.js';
import { llmConfig } from '../llm/config.js';
import { maskCredentials } from '../llm/types.js';
import { createProvider } from '../llm/provider.js';
import { median } from '../core/stats.js';
import type { Target } from '../target/load.js';
import { CONSTRAINTS_VERSION, writeConstraintsFile, type Constraint, type ConstraintsFile } from './format.js';
import { judge, onlyGrowsWith, type Verdict } from './judge.js';
import { annotateSource, preview } from './llm/annotate.js';
import { PROMPT_VERSION, type PromptFacts } from './llm/prompt.js';
import { askForConstraints, placeProposals, type PlacedProposal } from './llm/synth.js';
import { collectInputs, DEFAULT_BUDGET, runWithProbes, type ProfileBudget } from './profile.js';
import { targetSources, type SourceFile } from './sources.js';
import { findCandidates, type Candidate } from './static/candidates.js';
import { measureExpr, thresholdVariants, type Observed, type Variant } from './static/thresholds.js';

/** A loop line must run this much more often on slow inputs (median) to be a candidate. */
const HOT_RATIO = 1.05;
/** Timed runs per input when a candidate's cost is wall time. */
const TIME_REPEATS = 5;

export interface SynthOptions {
  /** Project root: constraints/ lives under it. */
  root: string;
  /** "provider:model" to add LLM constraints to the static ones; undefined = static only. */
  llm?: string;
  budget?: Partial<ProfileBudget>;
  /** Environment for LLM settings (keys are read, never stored). */
  env?: NodeJS.ProcessEnv;
  llmTimeoutMs?: number;
  llmRetries?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  warn?: (message: string) => void;
}

export interface SynthResult {
  path: string;
  file: ConstraintsFile;
  /** Constraints proposed in all (kept + dropped + LLM proposals refused without an anchor). */
  proposed: number;
  /** LLM proposals that could not even be placed (no such file or line): not in the file. */
  unplaced: PlacedProposal[];
  warnings: string[];
}

/**
 * Synthesizes a target's constraints and writes constraints/<id>.json: profile typical and slow
 * inputs, propose static candidates (and LLM constraints when asked), learn the static
 * thresholds from measured values, run every proposal as a probe on the same inputs, and keep
 * only what separates slow inputs from typical ones, writing why next to each dropped one.
 */
export async function synthesize(target: Target, o: SynthOptions): Promise<SynthResult> {
  const log = o.log ?? (() => {});
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    (o.warn ?? ((x: string) => process.stderr.write(`warning: ${x}\n`)))(m);
  };
  const budget = { ...DEFAULT_BUDGET, ...o.budget };
  const sources = targetSources(target);
  if (sources.length === 0) throw new Error(`${target.file}: field "instrument" matched no source file (globs: ${target.instrument.join(', ')})`);

  log(`profiling ${target.id}: ${budget.samples} random samples, a search of ${budget.searchExecs} executions for slow inputs`);
  const inputs = await collectInputs(target, o.root, budget);
  const validation = [...inputs.typical, ...inputs.slow];
  const nTypical = inputs.typical.length;
  const sizes = validation.map((x) => target.size(x));

  // Stage 1: measure each static candidate's quantity on typical and slow inputs.
  const found = sources.flatMap(findCandidates);
  const measures: ExtraProbe[] = found.map((c, i) => ({ id: `m${i}`, kind: 'measure', anchor: c.anchor, expr: measureExpr(c) }));
  log(`${found.length} static candidates; measuring them on ${validation.length} inputs (${nTypical} typical, ${inputs.slow.length} slow)`);
  const measured = await runWithProbes(target, validation, measures, sources);
  // Loop candidates only where the per-line hits contrast: a loop that runs as often on slow
  // inputs as on typical ones of the same size is not where they spend their work.
  // The hit count of a loop candidate's anchor (the first statement of the loop body) is the
  // number of passes; its measure counts them exactly.
  const cold = found.map((c, i) => {
    if (c.loopLine === undefined) return undefined;
    const hits = (r: ExecReport) => r.measures?.[`m${i}`]?.n ?? 0;
    const slow = median(measured.slice(nTypical).map(hits));
    const typical = median(measured.slice(0, nTypical).map(hits));
    return slow > HOT_RATIO * typical ? undefined : `line ${c.anchor.line} runs no more often on slow inputs than on typical ones (median ${slow} vs ${typical} times)`;
  });
  const allVariants: Variant[][] = found.map((c, i) =>
    thresholdVariants(
      c,
      measured.slice(0, nTypical).map((r, j): Observed => {
        const m = r.measures?.[`m${i}`];
        return { max: m?.max ?? 0, mean: m?.mean ?? 0, n: m?.n ?? 0, size: sizes[j]! };
      }),
    ),
  );
  // Cold loops are reported, not run: only the others' variants go on to validation.
  const candidates = found.filter((_, i) => !cold[i]);
  const variants = allVariants.filter((_, i) => !cold[i]);

  // LLM proposals, when asked; any failure falls back to the static constraints alone.
  let llmPlaced: PlacedProposal[] = [];
  let model: string | undefined;
  let cacheKeys: string[] = [];
  if (o.llm) {
    try {
      const env = o.env ?? process.env;
      const mode = parseCacheMode(env.WEDGE_LLM_CACHE);
      const config = llmConfig(o.llm, env, { timeoutMs: o.llmTimeoutMs, maxRetries: o.llmRetries }, mode !== 'replay');
      const provider = createProvider(config);
      model = `${config.provider}:${config.model}`;
      log(`asking ${model} (cache: ${mode})`);
      const asked = await askForConstraints(provider, { dir: path.join(o.root, 'constraints', '.cache'), mode, promptVersion: PROMPT_VERSION }, promptFacts(target, sources, validation, measured, nTypical));
      llmPlaced = placeProposals(asked.reply, sources);
      cacheKeys = asked.cacheKeys;
    } catch (e) {
      warn(`LLM synthesis failed: ${maskCredentials((e as Error).message)}; using static constraints only`);
      model = undefined;
    }
  }

  // Stage 2: every static variant and every placed LLM proposal, as constraint probes.
  const probes: ExtraProbe[] = [];
  variants.forEach((vs, i) => vs.forEach((v, j) => probes.push({ id: `v${i}-${j}`, kind: 'constraint', anchor: candidates[i]!.anchor, expr: v.expr })));
  llmPlaced.forEach((p, i) => {
    if (p.anchor && !p.rejected) probes.push({ id: `l${i}`, kind: 'constraint', anchor: p.anchor, expr: p.expr });
  });
  // A cost inside a built-in shows in wall time only: time the inputs when a candidate says so.
  const timed = candidates.some((c) => c.cost === 'time');
  log(`validating ${probes.length} constraint probes on the same inputs${timed ? ', timed' : ''}`);
  const judged = probes.length ? await runWithProbes(target, validation, probes, sources, timed ? TIME_REPEATS : 0) : [];

  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let k = 2; ids.has(id); k++) id = `${base}-${k}`;
    ids.add(id);
    return id;
  };
  const constraints: Constraint[] = [];
  found.forEach((c, i) => {
    const why = cold[i];
    if (!why) return;
    const v = allVariants[i]![0];
    constraints.push({
      id: uniqueId(`${c.kind}-${c.anchor.line}`),
      target: target.id,
      location: c.anchor,
      expr: v?.expr ?? `${c.measure} > 0`,
      rationale: c.rationale.replace('{K}', v?.threshold ?? '0'),
      origin: 'static',
      status: 'dropped',
      reason: `not where slow inputs spend their work: ${why}`,
    });
  });
  /** The validation probe behind each judged constraint, and how well it separates slow inputs. */
  const probeOf = new Map<Constraint, { probe: string; separation: number }>();
  candidates.forEach((c, i) => {
    const judgedVariants = variants[i]!.map((v, j) => ({ v, probe: `v${i}-${j}`, verdict: judge(`v${i}-${j}`, judged, nTypical, sizes, c.cost ?? 'work') }));
    const best = pickVariant(judgedVariants);
    const constraint = staticConstraint(target.id, uniqueId(`${c.kind}-${c.anchor.line}`), c, best);
    if (best) probeOf.set(constraint, { probe: best.probe, separation: best.verdict.separation });
    constraints.push(constraint);
  });
  const unplaced: PlacedProposal[] = [];
  llmPlaced.forEach((p, i) => {
    if (!p.anchor) {
      unplaced.push(p);
      return;
    }
    const base = { id: uniqueId(`llm-${p.anchor.line}`), target: target.id, location: p.anchor, expr: p.expr, rationale: p.rationale, origin: 'llm' as const, model: model! };
    if (p.rejected) {
      constraints.push({ ...base, status: 'dropped', reason: `rejected: ${p.rejected}` });
      return;
    }
    const v = judge(`l${i}`, judged, nTypical, sizes);
    const constraint: Constraint = { ...base, status: v.status, ...(v.reason ? { reason: v.reason } : {}), evidence: v.evidence };
    probeOf.set(constraint, { probe: `l${i}`, separation: v.separation });
    constraints.push(constraint);
  });
  dropDuplicates(constraints, probeOf, judged);
  for (const u of unplaced) warn(`LLM constraint "${u.expr}" at ${u.file}:${u.line} left out: ${u.rejected}`);
  // In source order, so the file reads alongside the code.
  constraints.sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line);

  const file: ConstraintsFile = {
    version: CONSTRAINTS_VERSION,
    target: target.id,
    synthesizer: model ? { kind: 'llm', model, cacheKeys } : { kind: 'static' },
    sources: Object.fromEntries(sources.map((s) => [s.rel, s.hash])),
    createdAt: new Date().toISOString(),
    constraints,
  };
  const written = writeConstraintsFile(o.root, file);
  return { path: path.relative(o.root, written), file, proposed: constraints.length + unplaced.length, unplaced, warnings };
}

/**
 * Among kept constraints, drops one whose count only grows with another kept one's on every
 * validation input: its first hits and new maxima come with the other's, so it would cost time
 * and guide nowhere new. The better separating (then the shorter, cheaper) one stays.
 */
function dropDuplicates(constraints: Constraint[], probeOf: Map<Constraint, { probe: string; separation: number }>, reports: ExecReport[]): void {
  const hits = (c: Constraint) => reports.map((r) => r.constraints?.[probeOf.get(c)!.probe]?.hits ?? 0);
  const kept = constraints
    .filter((c) => c.status === 'kept' && probeOf.has(c))
    .sort((a, b) => probeOf.get(b)!.separation - probeOf.get(a)!.separation || a.expr.length - b.expr.length);
  const stay: { c: Constraint; hits: number[] }[] = [];
  for (const c of kept) {
    const h = hits(c);
    const twin = stay.find((s) => onlyGrowsWith(h, s.hits));
    if (!twin) {
      stay.push({ c, hits: h });
      continue;
    }
    c.status = 'dropped';
    c.reason = `adds no feedback: on every validation input its count only grows with that of ${twin.c.id} (${twin.c.expr}), which is kept`;
  }
}

/** The kept variant that best ranks slow inputs above typical ones; else the best dropped one. */
function pickVariant<J extends { v: Variant; verdict: Verdict }>(judged: J[]): J | undefined {
  const order = (a: { verdict: Verdict }, b: { verdict: Verdict }) => b.verdict.separation - a.verdict.separation;
  const kept = judged.filter((x) => x.verdict.status === 'kept').sort(order);
  if (kept.length) return kept[0];
  return [...judged].sort(order)[0];
}

function staticConstraint(targetId: string, id: string, c: Candidate, best: { v: Variant; verdict: Verdict } | undefined): Constraint {
  const base = { id, target: targetId, location: c.anchor, origin: 'static' as const };
  if (!best) {
    return { ...base, expr: `${c.guard ? `${c.guard} && ` : ''}${c.measure} > 0`, rationale: c.rationale.replace('{K}', '0'), status: 'dropped', reason: 'its measure was never observed (the anchor never ran on the profiling inputs)' };
  }
  const { v, verdict } = best;
  return {
    ...base,
    expr: v.expr,
    rationale: c.rationale.replace('{K}', v.threshold),
    status: verdict.status,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    evidence: verdict.evidence,
  };
}

/** What the LLM is shown: sources annotated with the hits of the slowest input and a median typical one. */
function promptFacts(target: Target, sources: SourceFile[], inputs: unknown[], reports: ExecReport[], nTypical: number): PromptFacts {
  const typicalReports = reports.slice(0, nTypical);
  const slowIndex = reports.reduce((best, r, i) => (r.work > reports[best]!.work ? i : best), 0);
  const medianWork = median(typicalReports.map((r) => r.work));
  const typicalIndex = typicalReports.reduce((best, r, i) => (Math.abs(r.work - medianWork) < Math.abs(typicalReports[best]!.work - medianWork) ? i : best), 0);
  const slow = reports[slowIndex]!;
  const typical = reports[typicalIndex]!;
  return {
    targetId: target.id,
    description: target.description,
    maxSize: target.maxSize,
    files: sources.map((s) => ({ name: s.rel, annotated: annotateSource(s.code, fileKey(s.abs), slow.lines, typical.lines) })),
    slow: { work: slow.work, preview: preview(inputs[slowIndex]) },
    typical: { work: typical.work, preview: preview(inputs[typicalIndex]) },
  };
}
