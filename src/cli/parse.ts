import { InvalidArgumentError, Option } from 'commander';
import { durationMs, formatMs } from '../core/duration.js';
import { checkExecTimeout, checkMemory, checkWorkers, defaultWorkers, maxWorkers, OPTIONS, OptionError } from '../core/options.js';

export { maxWorkers };

/**
 * "30s", "2m", "500ms", "1h" → milliseconds. A bare number, the older form, is still read as
 * seconds, with a note saying how to write it.
 */
export function parseDuration(text: string): number {
  const ms = durationMs(text, 's', (v) => process.stderr.write(`warning: "${text.trim()}" read as ${formatMs(v)}; write durations with their unit (e.g. 500ms, 30s, 2m)\n`));
  if (ms === undefined) throw new InvalidArgumentError(`"${text}" is not a duration (e.g. 500ms, 30s, 2m)`);
  return ms;
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
export const MIN_EXEC_TIMEOUT_MS = OPTIONS.minExecTimeout.default;
/** The smallest --memory: below it V8 cannot start a worker's heap, or every input looks like an OOM. */
export const MIN_MEMORY_MB = OPTIONS.minMemory.default;
/** --workers above this many per core only slow each other down (and a typo such as 1000 starts that many threads). */
export const WORKERS_PER_CORE = OPTIONS.workersPerCore.default;

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

/** The range checks live with the options (core/options.ts); here their message becomes commander's. */
function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof OptionError) throw new InvalidArgumentError(e.message.slice(e.option.length + 2));
    throw e;
  }
}

export function parseExecTimeout(text: string): number {
  const ms = parseDuration(text);
  return checked(() => checkExecTimeout(ms));
}

export function parseWorkers(text: string): number {
  const n = parseCount(text);
  return checked(() => checkWorkers(n));
}

export function parseMemory(text: string): number {
  const n = parseCount(text);
  return checked(() => checkMemory(n));
}

/**
 * An option whose default is shown once, in the words the README uses ("2s", "2048 MB", "the
 * number of cores") rather than as the parsed value commander would print (2000, 2048, 8).
 */
export function optionWithDefault<T>(flags: string, description: string, parse: (text: string) => T, value: T, shown: string): Option {
  return new Option(flags, description).argParser((text: string) => parse(text)).default(value, shown);
}

/** `--exec-timeout`, with its default from the options model. */
export function execTimeoutOption(description: string): Option {
  return optionWithDefault('--exec-timeout <duration>', description, parseExecTimeout, OPTIONS.execTimeout.default, formatMs(OPTIONS.execTimeout.default));
}

/** `--memory`, with its default from the options model. */
export function memoryOption(description: string): Option {
  return optionWithDefault('--memory <mb>', description, parseMemory, OPTIONS.memory.default, `${OPTIONS.memory.default} MB`);
}

/** `--workers`: one per core by default. */
export function workersOption(description: string): Option {
  const n = defaultWorkers();
  return optionWithDefault('--workers <n>', description, parseWorkers, n, `the number of cores, ${n} here`);
}
