/**
 * Copy of a JSON-like input handed to the target, so a target that mutates its argument cannot
 * corrupt the corpus. Hand-written: structuredClone costs microseconds on small arrays. Copies
 * are shallow first (slice, spread: fast paths in V8), then only object slots recurse.
 */
export function cloneInput<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = value.slice();
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (typeof v === 'object' && v !== null) out[i] = cloneInput(v);
    }
    return out as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k in out) {
    const v = out[k];
    if (typeof v === 'object' && v !== null) out[k] = cloneInput(v);
  }
  return out as T;
}

/**
 * Rebuilds a generated value out of fresh literals. fast-check builds some records with a null
 * prototype or in V8's slow dictionary mode; everything mutated from such a sample would inherit it and every copy and
 * property read on the hot path would be several times slower.
 */
export function rebuildValue<T>(value: T): T {
  if (typeof value === 'number') return smallIntOrSelf(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    // Pushed one by one, not mapped: map() makes a holey array, and pushes of small integers
    // keep V8's fastest elements kind (fast-check hands out integer arrays stored as doubles).
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(rebuildValue(value[i]));
    return out as T;
  }
  // Null-prototype records (fast-check makes some) become plain: a JSON replay of the corpus
  // could not reproduce them either.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = rebuildValue((value as Record<string, unknown>)[k]);
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
    else out[k] = v;
  }
  return out as T;
}

/**
 * An integer that fits 32 bits (and is not -0): V8 stores such numbers, and arrays holding only
 * them, as small integers, while one double among them turns the whole array, and later arrays
 * made at the same place in the code, into slower double storage.
 */
export function isSmallInt(x: number): boolean {
  return x === (x | 0) && !Object.is(x, -0);
}

/** The same value, as a small integer when it is one (see isSmallInt). */
export function smallIntOrSelf(x: number): number {
  return isSmallInt(x) ? x | 0 : x;
}
