/** Milliseconds per duration unit. */
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

export type DurationUnit = keyof typeof UNIT_MS;

/**
 * A duration with its unit ("500ms", "30s", "2m", "1h") in milliseconds, or undefined when the
 * text is not one. Durations are written with their unit; a bare number is the older form, read
 * in `bareUnit` (seconds on the command line, ms in WEDGE_LLM_TIMEOUT) and reported to `onBare`
 * so the caller can say how to write it.
 */
export function durationMs(text: string, bareUnit: DurationUnit, onBare?: (ms: number) => void): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[(m[2] as DurationUnit | undefined) ?? bareUnit];
  if (m[2] === undefined) onBare?.(ms);
  return ms;
}

/** A duration as written back to a user: "2s", "500ms", "1.5m". */
export function formatMs(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0 && ms >= 1000) return `${ms / 1000}s`;
  return `${ms}ms`;
}
