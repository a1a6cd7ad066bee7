/** What bounds one search: when it ends, its seed and threads, and what one execution may take. */
export interface SearchLimits {
  /** Search time in ms. Default: 30 000 ms when `execs` is not given, otherwise no time limit. */
  timeMs?: number;
  /** Stop after this many executions. With `workers: 1` and a fixed `seed` the search is the same on every run (wall-time feedback is left out). Default: no limit. */
  execs?: number;
  /** Random seed. Default: 1. */
  seed?: number;
  /** Worker threads, each with its own instrumented copy of the target. Default: the number of cores. */
  workers?: number;
  /** One execution longer than this many ms is a `hang` finding. Default: 2000 ms; at least 50 ms. */
  execTimeoutMs?: number;
  /** Heap limit per worker in MB; exceeding it is an `oom` finding. Default: 2048 MB; at least 64 MB. */
  memoryMb?: number;
}

/** The limits after defaults: what a search runs with. */
export interface SettledSearchLimits {
  timeMs?: number;
  execs?: number;
  seed: number;
  workers: number;
  execTimeoutMs: number;
  memoryMb: number;
}
