import { InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';

/** "30s", "2m", "500ms", "1h" or plain seconds → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`"${text}" is not a duration (e.g. 500ms, 30s, 2m)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!;
}

export function parseCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${text}" is not a whole number`);
  return n;
}

export function parseMode<T extends string>(allowed: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(allowed as readonly string[]).includes(text)) throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}`);
    return text as T;
  };
}

/** "10%" or "10" → 10 (percent): thresholds and tolerances are said in percent. */
export function parsePercent(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`"${text}" is not a percentage (e.g. 10%)`);
  return Number(m[1]);
}

/** A positive number such as 3 or 2.5. */
export function parseFactor(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${text}" is not a positive number`);
  return n;
}

/**
 * The shortest --exec-timeout: the watchdog checks workers every few milliseconds and a worker
 * reports its execution in batches, so below this a healthy execution would be taken for a hang.
 */
export const MIN_EXEC_TIMEOUT_MS = 50;
/** The smallest --memory: below it V8 cannot start a worker's heap, or every input looks like an OOM. */
export const MIN_MEMORY_MB = 64;
/** --workers above this many per core only slow each other down (and a typo such as 1000 starts that many threads). */
export const WORKERS_PER_CORE = 4;

export function maxWorkers(): number {
  return WORKERS_PER_CORE * availableParallelism();
}

/** --time, --fuzz: a search of no time at all is a mistake, not a request. */
export function parsePositiveDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms <= 0) throw new InvalidArgumentError(`must be more than 0 (e.g. 30s)`);
  return ms;
}

/** --execs, --fuzz-execs. */
export function parsePositiveCount(text: string): number {
  const n = parseCount(text);
  if (n === 0) throw new InvalidArgumentError('must be at least 1');
  return n;
}

export function parseExecTimeout(text: string): number {
  const ms = parseDuration(text);
  if (ms < MIN_EXEC_TIMEOUT_MS) throw new InvalidArgumentError(`"${text}" is below the minimum of ${MIN_EXEC_TIMEOUT_MS}ms (shorter executions cannot be told from hangs)`);
  return ms;
}

export function parseWorkers(text: string): number {
  const n = parseCount(text);
  const max = maxWorkers();
  if (n < 1) throw new InvalidArgumentError('must be at least 1');
  if (n > max) throw new InvalidArgumentError(`${n} is more than ${max} (${WORKERS_PER_CORE} per core on this machine); more threads only slow each other down`);
  return n;
}

export function parseMemory(text: string): number {
  const n = parseCount(text);
  if (n < MIN_MEMORY_MB) throw new InvalidArgumentError(`${n} MB is below the minimum of ${MIN_MEMORY_MB} MB (a worker's heap cannot start in less)`);
  return n;
}

/**
 * An option whose default is shown once, in the words the README uses ("2s", "2048 MB", "the
 * number of cores") rather than as the parsed value commander would print (2000, 2048, 8).
 */
export function optionWithDefault<T>(flags: string, description: string, parse: (text: string) => T, value: T, shown: string): Option {
  return new Option(flags, description).argParser((text: string) => parse(text)).default(value, shown);
}
