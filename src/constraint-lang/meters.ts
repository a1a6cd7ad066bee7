/**
 * Meters: read-only names a constraint may use beside the program's own variables, for
 * quantities no program variable holds. Instrumentation keeps them in a scratch array of its
 * own (never the program's objects, never the work counters), so they change nothing the
 * program can observe:
 *
 * - `$trips`: passes of the innermost loop around the anchor so far, in that loop's current run
 *   (a local set to 0 just before the loop starts, +1 at the top of each pass; 1 during the
 *   first pass; a recursive call running the same loop has its own).
 * - `$depth`: calls of the function around the anchor that are running now, this one included
 *   (+1 on entry, -1 before each return and at the end; 1 when it is not recursing).
 * - `$size`: the target's size measure of the current input.
 */
export const METERS = {
  $trips: 'passes of the innermost loop around the anchor so far, in its current run (1 in the first pass)',
  $depth: 'calls of the function around the anchor running now, this one included (1 = not recursing)',
  $size: 'the size of the current input (the target\'s size measure)',
} as const;

export type MeterName = keyof typeof METERS;
