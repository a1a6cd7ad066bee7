/** Rebuilds a JSON value with its numbers and strings passed through `f` (structure kept). */
export function mapJson(value: unknown, f: { number?: (n: number) => number; string?: (s: string) => string }): unknown {
  if (typeof value === 'number') return f.number ? f.number(value) : value;
  if (typeof value === 'string') return f.string ? f.string(value) : value;
  if (Array.isArray(value)) return value.map((v) => mapJson(v, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapJson(v, f);
    return out;
  }
  return value;
}

/** Every number and every string value of a JSON value, in document order. */
export function jsonLeaves(value: unknown): { numbers: number[]; strings: string[] } {
  const numbers: number[] = [];
  const strings: string[] = [];
  mapJson(value, {
    number: (n) => (numbers.push(n), n),
    string: (s) => (strings.push(s), s),
  });
  return { numbers, strings };
}

/** Distinct numbers plus distinct characters: the "how many different things" a reader must hold. */
export function distinctSymbols(value: unknown): { values: number; chars: number } {
  const { numbers, strings } = jsonLeaves(value);
  const chars = new Set<string>();
  for (const s of strings) for (const c of s) chars.add(c);
  return { values: new Set(numbers).size, chars: chars.size };
}
