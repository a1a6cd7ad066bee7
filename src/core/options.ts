import { availableParallelism } from 'node:os';

/**
 * Every tunable a user can set, once: its default, the unit it is counted in, and what it does.
 * The command line, the library functions and the modules that apply them all read these
 * defaults from here, so a default is changed in one place and documented in one place.
 */
export interface Tunable {
  readonly default: number;
  readonly unit: 'ms' | 'MB' | 'percent' | 'count';
  readonly doc: string;
}

export const OPTIONS = {
  /** `--time`: search time when no execution budget is given. */
  time: { default: 30_000, unit: 'ms', doc: 'how long to search when no execution budget is given' },
  /** `--exec-timeout`. */
  execTimeout: { default: 2000, unit: 'ms', doc: 'one execution longer than this is a hang finding' },
  /** The shortest exec timeout: below it, a healthy execution reported in a batch looks like a hang. */
  minExecTimeout: { default: 50, unit: 'ms', doc: 'the shortest exec timeout the watchdog can tell from a hang' },
  /** `--memory`. */
  memory: { default: 2048, unit: 'MB', doc: 'heap limit per worker; exceeding it is an oom finding' },
  /** The smallest heap limit: below it V8 cannot start a worker, or every input looks like an OOM. */
  minMemory: { default: 64, unit: 'MB', doc: 'the smallest heap limit a worker can start with' },
  /** More worker threads per core than this only slow each other down. */
  workersPerCore: { default: 4, unit: 'count', doc: 'most worker threads per core' },
  /** `--seed`. */
  seed: { default: 1, unit: 'count', doc: 'random seed of the search, the profiling run and the baseline inputs' },
  /** Kept inputs replayed after a search to count each constraint's guard errors. */
  guardCheckInputs: { default: 500, unit: 'count', doc: 'kept inputs replayed to count constraint errors (the most recent)' },
  /** `--top` of verify and run. */
  verifyTop: { default: 10, unit: 'count', doc: 'findings re-measured by verification' },
  /** `wedge verify --time`: verification run alone (`wedge run` takes its share of `--time` instead, see core/time-plan.ts). */
  verifyTime: { default: 15_000, unit: 'ms', doc: 'verification\'s time in all; the measured time per input is fitted to it, at most --min-time' },
  /** `--min-time`. */
  minTime: { default: 1000, unit: 'ms', doc: 'measured time per input, at least' },
  minRuns: { default: 10, unit: 'count', doc: 'timed runs per input, at least' },
  warmup: { default: 200, unit: 'ms', doc: 'warm-up time per input before it is timed' },
  runTime: { default: 2, unit: 'ms', doc: 'calls are batched until one timed run takes about this long' },
  /** `--baseline`. */
  baselineInputs: { default: 20, unit: 'count', doc: 'random inputs of the same size behind each typical time' },
  sizeGroups: { default: 2, unit: 'count', doc: 'size groups of verified findings at most, each with its own baseline' },
  minimizeTop: { default: 3, unit: 'count', doc: 'slowest findings minimized by verification' },
  /** `wedge gate --threshold`. */
  threshold: { default: 10, unit: 'percent', doc: 'a gated finding fails when its work grows by more than this' },
  /** `wedge gate --top`. */
  gateTop: { default: 10, unit: 'count', doc: 'findings kept per target by a baseline update' },
  /** `wedge export tests --tolerance`. */
  tolerance: { default: 10, unit: 'percent', doc: 'an exported test\'s work budget is the recorded work plus this much' },
  /** `wedge export tests --top`. */
  exportTop: { default: 10, unit: 'count', doc: 'findings that become exported tests' },
  /** Constraint synthesis profiles the target on random inputs and a short search for slow ones. */
  profileSamples: { default: 3000, unit: 'count', doc: 'random inputs drawn to profile the target for constraint synthesis' },
  profileTypical: { default: 100, unit: 'count', doc: 'typical inputs constraints are judged on' },
  profileSlow: { default: 30, unit: 'count', doc: 'slow inputs constraints are judged on' },
  /** `wedge synth --search-execs`. */
  profileSearchExecs: { default: 20_000, unit: 'count', doc: 'executions of the short search for slow inputs (execution-bounded: reproducible)' },
  profileSearchTime: { default: 8000, unit: 'ms', doc: 'wall-time cap on that search' },
  /** Growth: the best finding cut to several sizes, each timed lightly against random inputs. */
  growthSteps: { default: 8, unit: 'count', doc: 'sizes the growth curve is measured at' },
  growthTypical: { default: 15, unit: 'count', doc: 'random inputs behind each typical point of the growth curve' },
  growthMinRuns: { default: 5, unit: 'count', doc: 'timed runs per growth point, at least' },
  growthMinTime: { default: 10, unit: 'ms', doc: 'measured time per growth point, at least' },
  /** WEDGE_LLM_TIMEOUT. */
  llmTimeout: { default: 60_000, unit: 'ms', doc: 'how long one LLM request may take' },
  /** WEDGE_LLM_RETRIES. */
  llmRetries: { default: 3, unit: 'count', doc: 'retries of a failed LLM request' },
  /** `wedge fleet start --time`. */
  fleetTime: { default: 3_600_000, unit: 'ms', doc: 'search time of each target across the fleet' },
  /** `wedge fleet start --slice`: the most a dead host costs. */
  fleetSlice: { default: 300_000, unit: 'ms', doc: 'search time of one job; a target\'s time is cut into slices' },
  /** `wedge fleet worker --lock-duration`. */
  fleetLock: { default: 30_000, unit: 'ms', doc: 'a job whose host has not renewed its lock for this long is taken up by another host' },
  /** `wedge fleet worker --stalled-interval`. */
  fleetStalledCheck: { default: 30_000, unit: 'ms', doc: 'how often a host looks for jobs whose host stopped' },
  /** `wedge fleet worker --offline-limit`. */
  fleetOfflineLimit: { default: 300_000, unit: 'ms', doc: 'how long a host searches on without Redis before its job stops' },
} as const satisfies Record<string, Tunable>;

/** The default worker count: one per core (`--workers`). */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The most worker threads this machine takes (`--workers` above it is refused). */
export function maxWorkers(): number {
  return OPTIONS.workersPerCore.default * availableParallelism();
}

/** An option out of its range: names the option and says what it takes. */
export class OptionError extends Error {
  constructor(readonly option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'OptionError';
  }
}

/** Checks an exec timeout in ms; the message names `option` (a flag or a field). */
export function checkExecTimeout(ms: number, option = 'execTimeoutMs'): number {
  if (!(ms >= OPTIONS.minExecTimeout.default)) throw new OptionError(option, `${ms}ms is below the minimum of ${OPTIONS.minExecTimeout.default}ms (shorter executions cannot be told from hangs)`);
  return ms;
}

/** Checks a heap limit in MB. */
export function checkMemory(mb: number, option = 'memoryMb'): number {
  if (!Number.isInteger(mb) || mb < OPTIONS.minMemory.default) throw new OptionError(option, `${mb} MB is below the minimum of ${OPTIONS.minMemory.default} MB (a worker's heap cannot start in less)`);
  return mb;
}

/** Checks a worker count against this machine. */
export function checkWorkers(n: number, option = 'workers'): number {
  const max = maxWorkers();
  if (!Number.isInteger(n) || n < 1) throw new OptionError(option, 'must be at least 1');
  if (n > max) throw new OptionError(option, `${n} is more than ${max} (${OPTIONS.workersPerCore.default} per core on this machine); more threads only slow each other down`);
  return n;
}
