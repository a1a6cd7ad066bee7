import {
  REFUSED, ABSENT, isProxy, isMap, isSet, isWeakMap, isWeakSet, isTypedArray, isRegExp,
  ReflectApply, getOwn, getProto, hasOwn, defineProperty, freeze, isArray, mathMax, mathMin,
  mathTrunc, typedArrayLength, typedArrayTag, mapSize, setSize, regexExec, STRING_METHODS,
  TYPED_ARRAY_CTORS, typedArraySearch, typedArrayAt, mapGet, mapHas, setHas, weakMapGet,
  weakMapHas, weakSetHas, STATICS,
} from './guard-intrinsics.js';

/**
 * The runtime guard of constraint and measure probes: a constraint may only read.
 *
 * The allowlist in validate-expr.ts says what an expression may be made of, but not what the
 * values it touches are: `cache.get(k)` on a program's LRU cache, `o.x` through a getter, a
 * Proxy's traps, `a > k` on an object with `valueOf`, all run program code. So every read, call
 * and coercion of a constraint is rewritten at instrumentation time into a call of this guard,
 * which refuses (throws, and the probe's catch counts an error) whatever could run program code:
 *
 * - reads go through Object.getOwnPropertyDescriptor up the prototype chain and return data
 *   properties only; a getter or a Proxy anywhere on the way is refused;
 * - methods run only on real built-ins of the kind they belong to (strings; arrays and typed
 *   arrays; Map, Set, WeakMap, WeakSet; RegExp literals), always the built-in itself as captured
 *   when this module loaded, never an override or a program's replacement of it; array methods
 *   read elements the same way reads do;
 * - operands that would be converted to primitives (arithmetic, comparisons, `==`, template
 *   literals, method arguments that are converted) must already be primitives.
 *
 * Everything here runs in the realm of the instrumented program, which may have replaced any
 * global or prototype method by the time a probe runs: the guard uses only functions captured
 * at load, and no iteration protocol (no spread, no for-of), no inherited lookups.
 */

/** The global instrumented code reaches the guard through. */
export const GUARD_GLOBAL = '__wedge_guard';
/** The local each instrumented file with constraint or measure probes binds the guard to. */
export const GUARD_LOCAL = '__wedge_g';

// The runtime guard, installed on globalThis; the rewrite that calls it is in guard-rewrite.ts,
// and the built-ins it runs with, captured at load, in guard-intrinsics.ts.

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

/** A value that converting to a primitive cannot run code on: a primitive. */
function primitive<T>(v: T): T {
  if (isObject(v)) throw REFUSED;
  return v;
}

/** A property key: converting an object to one would call its toString. */
function key(k: unknown): PropertyKey {
  if (isObject(k)) throw REFUSED;
  return k as PropertyKey;
}

/** The data property `k` found from `start` up the prototype chain, or ABSENT; accessors and Proxies refused. */
function lookup(start: unknown, k: PropertyKey): unknown {
  let cur = start;
  for (;;) {
    if (isObject(cur) && isProxy(cur)) throw REFUSED;
    const d = getOwn(cur, k);
    if (d !== undefined) {
      if (hasOwn(d, 'value')) return d.value;
      throw REFUSED;
    }
    cur = getProto(cur);
    if (cur === null) return ABSENT;
  }
}

/** `o[k]` reading data properties only. */
function read(o: unknown, k: unknown): unknown {
  if (o === null || o === undefined) throw REFUSED;
  const p = key(k);
  if (typeof o === 'string') {
    if (p === 'length') return o.length;
  } else if (isObject(o)) {
    if (isProxy(o)) throw REFUSED;
    // Built-in accessors that only report internal state: the built-in getter, never an override.
    if (p === 'length') {
      if (isArray(o)) return (o as unknown[]).length;
      if (isTypedArray(o)) return typedArrayLength(o);
    } else if (p === 'size') {
      if (isMap(o)) return mapSize(o);
      if (isSet(o)) return setSize(o);
    }
  }
  const v = lookup(o, p);
  return v === ABSENT ? undefined : v;
}

/** Element `i` of a real array (no Proxy), or ABSENT for a hole with nothing inherited. */
function element(a: unknown[], i: number): unknown {
  const d = getOwn(a, i);
  if (d === undefined) {
    const proto = getProto(a);
    return proto === null ? ABSENT : lookup(proto, i);
  }
  if (hasOwn(d, 'value')) return d.value;
  throw REFUSED;
}

/** ToIntegerOrInfinity of a primitive. */
function integer(v: unknown, absent: number): number {
  if (v === undefined) return absent;
  const n = +(primitive(v) as number);
  return n !== n ? 0 : mathTrunc(n);
}

/** A relative index (slice's start and end) clamped to [0, len]. */
function relative(v: unknown, len: number, absent: number): number {
  const n = integer(v, absent);
  return n < 0 ? mathMax(len + n, 0) : mathMin(n, len);
}

function setElement(out: unknown[], i: number, v: unknown): void {
  // A null-prototype descriptor: an inherited `get` or `value` on Object.prototype is not read.
  defineProperty(out, i, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}

function arrayMethod(a: unknown[], name: string, args: unknown[]): unknown {
  const len = a.length;
  const x = args[0];
  switch (name) {
    case 'includes': {
      const n = integer(args[1], 0);
      for (let k = n >= 0 ? n : mathMax(len + n, 0); k < len; k++) {
        const e = element(a, k);
        const v = e === ABSENT ? undefined : e;
        if (v === x || (v !== v && x !== x)) return true;
      }
      return false;
    }
    case 'indexOf': {
      const n = integer(args[1], 0);
      for (let k = n >= 0 ? n : mathMax(len + n, 0); k < len; k++) if (element(a, k) === x) return k;
      return -1;
    }
    case 'lastIndexOf': {
      const n = integer(args[1], len - 1);
      for (let k = n >= 0 ? mathMin(n, len - 1) : len + n; k >= 0; k--) if (element(a, k) === x) return k;
      return -1;
    }
    case 'at': {
      const n = integer(x, 0);
      const k = n >= 0 ? n : len + n;
      if (k < 0 || k >= len) return undefined;
      const e = element(a, k);
      return e === ABSENT ? undefined : e;
    }
    case 'slice': {
      const from = relative(x, len, 0);
      const to = relative(args[1], len, len);
      const out: unknown[] = [];
      let n = 0;
      for (let k = from; k < to; k++, n++) {
        const e = element(a, k);
        if (e !== ABSENT) setElement(out, n, e);
      }
      out.length = mathMax(to - from, 0);
      return out;
    }
  }
  throw REFUSED;
}

function typedArrayMethod(a: ArrayLike<unknown>, name: string, args: unknown[]): unknown {
  const search = typedArraySearch[name];
  // The element searched for is compared, never converted; the start index is converted.
  if (search) return args.length > 1 ? search(a, args[0], primitive(args[1])) : search(a, args[0]);
  if (name === 'at') return typedArrayAt(a, primitive(args[0]));
  if (name === 'slice') {
    // Built by hand: the built-in slice looks up `constructor` (species) on the receiver.
    const len = typedArrayLength(a) as number;
    const from = relative(args[0], len, 0);
    const to = relative(args[1], len, len);
    const C = TYPED_ARRAY_CTORS[typedArrayTag(a) as string] as new (n: number) => Record<number, unknown>;
    const out = new C(mathMax(to - from, 0));
    for (let k = from, n = 0; k < to; k++, n++) out[n] = (a as Record<number, unknown>)[k];
    return out;
  }
  throw REFUSED;
}

/** `o.name(...args)` for the read-only methods of built-ins only. */
function call(o: unknown, name: string, ...args: unknown[]): unknown {
  if (typeof o === 'string') {
    const method = STRING_METHODS[name];
    if (method === undefined) throw REFUSED;
    for (let i = 0; i < args.length; i++) primitive(args[i]);
    return ReflectApply(method as (...a: unknown[]) => unknown, o, args);
  }
  if (!isObject(o) || isProxy(o)) throw REFUSED;
  if (isArray(o)) return arrayMethod(o as unknown[], name, args);
  if (isTypedArray(o)) return typedArrayMethod(o as ArrayLike<unknown>, name, args);
  if (isMap(o)) {
    if (name === 'get') return mapGet(o, args[0]);
    if (name === 'has') return mapHas(o, args[0]);
  } else if (isSet(o)) {
    if (name === 'has') return setHas(o, args[0]);
  } else if (isWeakMap(o)) {
    if (name === 'get') return weakMapGet(o, args[0]);
    if (name === 'has') return weakMapHas(o, args[0]);
  } else if (isWeakSet(o)) {
    if (name === 'has') return weakSetHas(o, args[0]);
  } else if (isRegExp(o)) {
    // Only literals reach here (validate-expr.ts), without g or y: exec leaves no state.
    const s = primitive(args[0]);
    if (name === 'test') return regexExec(o, s) !== null;
    if (name === 'exec') return regexExec(o, s);
  }
  throw REFUSED;
}

/** `Math.max(...)`, `Number.isInteger(...)`...: the functions captured at load. */
function staticCall(name: string, ...args: unknown[]): unknown {
  const s = STATICS[name];
  if (s === undefined) throw REFUSED;
  if (s.coerce) for (let i = 0; i < args.length; i++) primitive(args[i]);
  return ReflectApply(s.fn as (...a: unknown[]) => unknown, undefined, args);
}

/** `a == b` without converting an object (which would call its valueOf or toString). */
function looseEquals(a: unknown, b: unknown): boolean {
  const oa = isObject(a);
  const ob = isObject(b);
  if (oa && ob) return a === b;
  if (oa || ob) {
    const other = oa ? b : a;
    if (other === null || other === undefined) return false;
    throw REFUSED;
  }
  return a == b;
}

export interface ConstraintGuard {
  r: typeof read;
  m: typeof call;
  s: typeof staticCall;
  p: typeof primitive;
  eq: typeof looseEquals;
  Math: Math;
  Number: NumberConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
}

export const constraintGuard: ConstraintGuard = freeze({
  r: read,
  m: call,
  s: staticCall,
  p: primitive,
  eq: looseEquals,
  Math,
  Number,
  Array,
  Object,
});

/** Whether a thrown value is the guard's refusal (for tests and diagnostics). */
export function isRefusal(e: unknown): boolean {
  return e === REFUSED;
}

// Installed once per realm, when instrumentation is loaded (before any target code runs), and
// fixed there: a program cannot swap it for another object.
if (!hasOwn(globalThis, GUARD_GLOBAL)) {
  defineProperty(globalThis, GUARD_GLOBAL, { value: constraintGuard, writable: false, enumerable: false, configurable: false });
}
