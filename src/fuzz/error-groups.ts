/** Distinct error groups kept, and the length of a group's message: messages that quote the input would make one group per input. */
const MAX_ERROR_GROUPS = 200;
const MAX_ERROR_KEY = 500;
export const OTHER_ERRORS = '(other errors: more distinct messages than are kept)';

function errorGroupKey(error: unknown, known: Record<string, number>, groups: number): string {
  let key: string;
  try {
    key = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    key = '(an error that cannot be shown)';
  }
  if (key.length > MAX_ERROR_KEY) key = key.slice(0, MAX_ERROR_KEY) + '…';
  return groups >= MAX_ERROR_GROUPS && !(key in known) ? OTHER_ERRORS : key;
}

/** The errors one engine saw, grouped by message, with how often each came. */
export class ErrorGroups {
  readonly groups: Record<string, number> = {};
  private count = 0;

  /** Counts an error in its group; returns the group's key when this is its first error. */
  add(error: unknown): string | undefined {
    const key = errorGroupKey(error, this.groups, this.count);
    const seen = this.groups[key] ?? 0;
    if (seen === 0) this.count++;
    this.groups[key] = seen + 1;
    return seen === 0 ? key : undefined;
  }
}

/** Workers each keep their own groups; merged, the report keeps the most frequent and sums the rest. */
export function boundErrorGroups(groups: Record<string, number>, max = 200): void {
  const keys = Object.keys(groups);
  if (keys.length <= max) return;
  keys.sort((a, b) => groups[b]! - groups[a]!);
  let rest = 0;
  for (const k of keys.slice(max - 1)) {
    rest += groups[k]!;
    delete groups[k];
  }
  groups[OTHER_ERRORS] = (groups[OTHER_ERRORS] ?? 0) + rest;
}
