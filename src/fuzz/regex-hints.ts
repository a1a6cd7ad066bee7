/**
 * Regular expressions, caught where they run: the workers report every pattern the
 * instrumented code compiles (literals at load, `new RegExp` at run time), and this module
 * analyses each once with recheck (the ReDoS checker) off the search threads. A vulnerable
 * pattern's attack (prefixes, pumps, suffix) goes back to the workers as a hint: tokens for
 * the mutators and pumped candidates; the search supplies the context that carries it to the
 * regex. Each verdict is kept for the report.
 */
import type { SourceRegex } from '../instrument/probe-kinds.js';

/** The key a pattern is known by across threads (see regex-taps). */
export function regexKey(h: { source: string; flags: string }): string {
  return h.flags + '/' + h.source;
}

/** An attack in recheck's form: `prefix₁ pump₁ⁿ prefix₂ pump₂ⁿ … suffix`. */
export interface RegexHint {
  source: string;
  flags: string;
  pumps: { prefix: string; pump: string }[];
  suffix: string;
  /** 'exponential', or the degree of a polynomial (2 = quadratic). */
  complexity: 'exponential' | number;
}

export interface RegexVerdict {
  source: string;
  flags: string;
  file?: string;
  line: number;
  fn: string;
  dynamic: boolean;
  status: 'safe' | 'vulnerable' | 'unknown' | 'skipped';
  /** recheck's summary ("2nd degree polynomial", "exponential") or why it gave no verdict. */
  detail: string;
  attack?: string;
  /** For the patterns whose attacks the search placed (vulnerable, or global with a retry attack): whether an execution ran it. */
  reached?: boolean;
}

/** Patterns analysed per campaign at most (a user-agent parser holds hundreds). */
const MAX_PATTERNS = 2000;
/** Per-pattern analysis limit: most answer in milliseconds, a few would take minutes. */
const CHECK_TIMEOUT_MS = 3000;

type CheckFn = (source: string, flags: string, params: Record<string, unknown>) => Promise<{
  status: string;
  complexity?: { type: string; degree?: number; summary?: string };
  attack?: { pumps: { prefix: string; pump: string }[]; suffix: string; pattern: string };
  error?: { kind: string; message?: string };
}>;

export class RegexAnalyzer {
  readonly verdicts: RegexVerdict[] = [];
  readonly hints: RegexHint[] = [];
  private readonly seen = new Set<string>();
  private queue: SourceRegex[] = [];
  private running = false;
  private checkFn?: Promise<CheckFn | undefined>;
  private stopped = false;

  constructor(
    private readonly onHint: (hint: RegexHint) => void,
    private readonly warn: (message: string) => void,
  ) {}

  add(regexes: SourceRegex[]): void {
    for (const r of regexes) {
      const key = r.flags + '/' + r.source;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      if (this.seen.size > MAX_PATTERNS) {
        this.verdicts.push(verdict(r, 'skipped', `more than ${MAX_PATTERNS} patterns`));
        continue;
      }
      // A global pattern retries at every position: a run of its opening text, never completed,
      // costs quadratic time in `replace` or `matchAll` whatever the checker says of one match.
      // That needs no checker, so it goes out at once (a slow or missing checker delays nothing).
      const retry = retryHint(r.source, r.flags);
      if (retry) {
        this.hints.push(retry);
        this.onHint(retry);
      }
      this.queue.push(r);
    }
    if (!this.running) void this.drain();
  }

  /** The verdicts, with whether the search ran each pattern it had an attack for. */
  withReach(reached: ReadonlySet<string>): RegexVerdict[] {
    const attacked = new Set(this.hints.map(regexKey));
    return this.verdicts.map((v) => (attacked.has(regexKey(v)) ? { ...v, reached: reached.has(regexKey(v)) } : v));
  }

  /** Ends analysis: patterns still queued are reported as not analysed. */
  stop(): void {
    this.stopped = true;
    for (const r of this.queue.splice(0)) this.verdicts.push(verdict(r, 'skipped', 'the campaign ended first'));
  }

  private loadChecker(): Promise<CheckFn | undefined> {
    this.checkFn ??= import('recheck').then(
      (m) => (m as unknown as { check: CheckFn }).check,
      (e: Error) => {
        this.warn(`regular expressions are not analysed: recheck could not be loaded (${e.message})`);
        return undefined;
      },
    );
    return this.checkFn;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      const check = await this.loadChecker();
      while (!this.stopped && this.queue.length > 0) {
        const r = this.queue.shift()!;
        if (!check) {
          this.verdicts.push(verdict(r, 'skipped', 'recheck unavailable'));
          continue;
        }
        await this.analyse(check, r);
      }
    } finally {
      this.running = false;
    }
  }

  private async analyse(check: CheckFn, r: SourceRegex): Promise<void> {
    let d: Awaited<ReturnType<CheckFn>>;
    try {
      // Bounded repeats up to these sizes are analysed exactly rather than sampled by fuzzing.
      d = await check(r.source, r.flags, { timeout: CHECK_TIMEOUT_MS, maxRepeatCount: 200, maxSimpleRepeatCount: 200, maxNFASize: 100_000, randomSeed: 1 });
    } catch (e) {
      this.verdicts.push(verdict(r, 'unknown', (e as Error).message));
      return;
    }
    if (this.stopped) {
      this.verdicts.push(verdict(r, 'skipped', 'the campaign ended first'));
      return;
    }
    if (d.status === 'vulnerable' && d.attack && d.complexity) {
      const complexity = d.complexity.type === 'exponential' ? 'exponential' : (d.complexity.degree ?? 2);
      const hint: RegexHint = { source: r.source, flags: r.flags, pumps: d.attack.pumps.map((p) => ({ prefix: p.prefix, pump: p.pump })), suffix: d.attack.suffix, complexity };
      this.hints.push(hint);
      this.verdicts.push({ ...verdict(r, 'vulnerable', d.complexity.summary ?? String(complexity)), attack: d.attack.pattern });
      this.onHint(hint);
    } else if (d.status === 'safe') {
      this.verdicts.push(verdict(r, 'safe', d.complexity?.summary ?? 'safe'));
    } else {
      this.verdicts.push(verdict(r, 'unknown', d.error?.kind ?? 'no verdict'));
    }
  }
}

function verdict(r: SourceRegex, status: RegexVerdict['status'], detail: string): RegexVerdict {
  return { source: r.source, flags: r.flags, file: r.file, line: r.line, fn: r.fn, dynamic: r.dynamic === true, status, detail };
}

/**
 * The attack with every pump repeated so the whole is `length` long (or as close as the
 * pumps allow), the budget shared evenly among the pumps.
 */
export function pumpAttack(h: RegexHint, length: number): string {
  const fixed = h.pumps.reduce((n, p) => n + p.prefix.length, 0) + h.suffix.length;
  const perPump = Math.max(0, Math.floor((length - fixed) / Math.max(1, h.pumps.length)));
  let out = '';
  for (const p of h.pumps) out += p.prefix + (p.pump.length > 0 ? p.pump.repeat(Math.max(1, Math.floor(perPump / p.pump.length))) : '');
  return (out + h.suffix).slice(0, Math.max(length, 0));
}

/** Characters with a meaning of their own in a pattern (outside a class). */
const SPECIAL = new Set([...'^$\\.*+?()[]{}|/']);

/**
 * For a global pattern that opens with literal text and goes on to an unbounded repeat
 * (`<!--.*?-->`, `&[a-z]+;`): that text repeated, never completed. Each position starts a
 * match that scans to the end of the input before failing.
 */
export function retryHint(source: string, flags: string): RegexHint | undefined {
  if (!flags.includes('g') || flags.includes('y')) return undefined;
  let lit = '';
  let i = 0;
  for (; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      // An escaped punctuation mark is itself; `\d`, `\s`, `\x41`… end the literal text.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      lit += next;
      i++;
      continue;
    }
    if (SPECIAL.has(c)) break;
    lit += c;
  }
  const rest = source.slice(i);
  // A quantifier right after the text applies to its last character only.
  if (/^[*+?{]/.test(rest)) lit = lit.slice(0, -1);
  if (lit.length === 0 || !/(?<!\\)[*+]|\{\d+,\}/.test(rest)) return undefined;
  return { source, flags, pumps: [{ prefix: '', pump: lit }], suffix: '', complexity: 2 };
}
