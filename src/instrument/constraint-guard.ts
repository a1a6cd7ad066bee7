import type { types as BabelTypes } from '@babel/core';
import { types as utilTypes } from 'node:util';

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

// ---------------------------------------------------------------------------------------------
// Runtime
// ---------------------------------------------------------------------------------------------

/** Thrown when a constraint would run program code: a plain frozen value, so no Error is built. */
const REFUSED = Object.freeze({ refused: 'a constraint may only read' });
/** An array element that is not there at all (a hole with nothing inherited at its index). */
const ABSENT = Object.freeze({});

const { isProxy, isMap, isSet, isWeakMap, isWeakSet, isTypedArray, isRegExp } = utilTypes;
const ReflectApply = Reflect.apply;
const getOwn = Object.getOwnPropertyDescriptor;
const getProto = Object.getPrototypeOf;
const hasOwn = Object.hasOwn;
const defineProperty = Object.defineProperty;
const freeze = Object.freeze;
const isArray = Array.isArray;
const mathMax = Math.max;
const mathMin = Math.min;
const mathTrunc = Math.trunc;

/** `fn` called with an explicit receiver, immune to later changes of Function.prototype.call. */
type Uncurried = (self: unknown, ...args: unknown[]) => unknown;
const uncurry = (fn: unknown): Uncurried => Function.prototype.call.bind(fn as (...a: unknown[]) => unknown) as Uncurried;
const getter = (proto: object, key: PropertyKey): Uncurried => uncurry(getOwn(proto, key)!.get);

const TypedArrayProto = getProto(Uint8Array.prototype) as object;
const typedArrayLength = getter(TypedArrayProto, 'length');
const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const regexExec = uncurry(RegExp.prototype.exec);

function table<V>(entries: [string, V][]): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (let i = 0; i < entries.length; i++) out[entries[i]![0]] = entries[i]![1];
  return freeze(out);
}

const STRING_METHODS = table(
  ['includes', 'indexOf', 'lastIndexOf', 'at', 'startsWith', 'endsWith', 'charCodeAt', 'charAt', 'codePointAt', 'slice', 'substring', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase'].map(
    (name) => [name, (String.prototype as unknown as Record<string, unknown>)[name]] as [string, unknown],
  ),
);

const TYPED_ARRAY_CTORS = table(
  [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map(
    (C) => [C.name, C] as [string, unknown],
  ),
);
const typedArraySearch = table(['includes', 'indexOf', 'lastIndexOf'].map((name) => [name, uncurry((TypedArrayProto as Record<string, unknown>)[name])] as [string, Uncurried]));
const typedArrayAt = uncurry((TypedArrayProto as Record<string, unknown>).at);

const mapGet = uncurry(Map.prototype.get);
const mapHas = uncurry(Map.prototype.has);
const setHas = uncurry(Set.prototype.has);
const weakMapGet = uncurry(WeakMap.prototype.get);
const weakMapHas = uncurry(WeakMap.prototype.has);
const weakSetHas = uncurry(WeakSet.prototype.has);

/** Pure static functions (see PURE_STATICS in validate-expr.ts); `coerce`: arguments are converted to numbers. */
const STATICS = table<{ fn: unknown; coerce: boolean }>([
  ...['abs', 'min', 'max', 'floor', 'ceil', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'log', 'log2', 'log10', 'log1p', 'exp', 'pow', 'hypot'].map(
    (name) => [`Math.${name}`, { fn: (Math as unknown as Record<string, unknown>)[name], coerce: true }] as [string, { fn: unknown; coerce: boolean }],
  ),
  ...['isInteger', 'isFinite', 'isNaN', 'isSafeInteger'].map((name) => [`Number.${name}`, { fn: (Number as unknown as Record<string, unknown>)[name], coerce: false }] as [string, { fn: unknown; coerce: boolean }]),
  ['Array.isArray', { fn: Array.isArray, coerce: false }],
  ['Object.is', { fn: Object.is, coerce: false }],
]);

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

// ---------------------------------------------------------------------------------------------
// Rewriting an expression (instrumentation time)
// ---------------------------------------------------------------------------------------------

const GLOBALS_CAPTURED = new Set(['Math', 'Number', 'Array', 'Object']);
const NO_COERCION_OPERATORS = new Set(['===', '!==']);

/**
 * Rewrites a checked constraint expression (validate-expr.ts) so that every read, call and
 * conversion goes through the guard. Meter names ($trips, $size, $depth) are left for the meter
 * rewriting that follows; they are numbers kept by the instrumentation.
 */
export function guardExpr(t: typeof BabelTypes, expr: BabelTypes.Expression): BabelTypes.Expression {
  const g = (name: string) => t.memberExpression(t.identifier(GUARD_LOCAL), t.identifier(name));
  const guardCall = (name: string, args: BabelTypes.Expression[]) => t.callExpression(g(name), args);
  const prim = (e: BabelTypes.Expression) => (isPrimitive(e) ? e : guardCall('p', [e]));

  const isPrimitive = (n: BabelTypes.Node): boolean => {
    switch (n.type) {
      case 'NumericLiteral':
      case 'StringLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'BigIntLiteral':
      case 'TemplateLiteral':
      case 'UnaryExpression':
      case 'BinaryExpression':
        return true;
      case 'Identifier':
        return n.name.startsWith('$') || n.name === 'undefined' || n.name === 'NaN' || n.name === 'Infinity';
      case 'LogicalExpression':
        return isPrimitive(n.left) && isPrimitive(n.right);
      case 'ConditionalExpression':
        return isPrimitive(n.consequent) && isPrimitive(n.alternate);
      case 'CallExpression':
        // Results of the guard's static calls and of `p` are numbers and booleans.
        return t.isMemberExpression(n.callee) && t.isIdentifier(n.callee.object, { name: GUARD_LOCAL }) && t.isIdentifier(n.callee.property) && (n.callee.property.name === 's' || n.callee.property.name === 'p' || n.callee.property.name === 'eq');
      default:
        return false;
    }
  };

  const isNullish = (n: BabelTypes.Node) => n.type === 'NullLiteral' || (n.type === 'UnaryExpression' && n.operator === 'void');

  const keyOf = (m: BabelTypes.MemberExpression | BabelTypes.OptionalMemberExpression): BabelTypes.Expression => {
    if (m.computed) return lower(m.property as BabelTypes.Expression);
    return t.stringLiteral((m.property as BabelTypes.Identifier).name);
  };

  /** A call whose callee is `obj.name` (checked by validate-expr), with its object already lowered. */
  const lowerCall = (callee: BabelTypes.MemberExpression | BabelTypes.OptionalMemberExpression, object: BabelTypes.Expression | undefined, args: BabelTypes.Node[]): BabelTypes.Expression => {
    const name = (callee.property as BabelTypes.Identifier).name;
    const loweredArgs = args.map((a) => lower(a as BabelTypes.Expression));
    if (object === undefined && t.isIdentifier(callee.object) && GLOBALS_CAPTURED.has(callee.object.name)) {
      return guardCall('s', [t.stringLiteral(`${callee.object.name}.${name}`), ...loweredArgs]);
    }
    return guardCall('m', [object ?? lower(callee.object), t.stringLiteral(name), ...loweredArgs]);
  };

  /**
   * An optional chain (`a?.b.c`, `a?.f(x)`): the value of the whole chain and the parts whose
   * nullishness ends it early. Repeating a part in the test is safe: lowered reads have no effects.
   */
  const lowerChain = (n: BabelTypes.Node): { value: BabelTypes.Expression; ends: BabelTypes.Expression[] } => {
    if (n.type === 'OptionalMemberExpression' || n.type === 'OptionalCallExpression') {
      if (n.type === 'OptionalMemberExpression') {
        const inner = lowerChain(n.object);
        const ends = n.optional ? [...inner.ends, inner.value] : inner.ends;
        return { value: guardCall('r', [inner.value, keyOf(n)]), ends };
      }
      const callee = n.callee as BabelTypes.MemberExpression | BabelTypes.OptionalMemberExpression;
      const inner = lowerChain(callee.object);
      // `a.f?.(x)`: the method is always a built-in read-only one, so only `a?.f(x)` can end here.
      const ends = callee.type === 'OptionalMemberExpression' && callee.optional ? [...inner.ends, inner.value] : inner.ends;
      return { value: lowerCall(callee, inner.value, n.arguments), ends };
    }
    if (n.type === 'MemberExpression') return { value: guardCall('r', [lowerChainValue(n.object), keyOf(n)]), ends: [] };
    return { value: lower(n as BabelTypes.Expression), ends: [] };
  };
  const lowerChainValue = (n: BabelTypes.Node): BabelTypes.Expression => {
    const c = lowerChain(n);
    if (c.ends.length === 0) return c.value;
    const [first, ...rest] = c.ends.map((e): BabelTypes.Expression => t.binaryExpression('==', t.cloneNode(e, true), t.nullLiteral()));
    const test = rest.reduce((a, b) => t.logicalExpression('||', a, b), first!);
    return t.conditionalExpression(test, t.unaryExpression('void', t.numericLiteral(0)), c.value);
  };

  const lower = (n: BabelTypes.Expression): BabelTypes.Expression => {
    switch (n.type) {
      case 'Identifier':
        if (GLOBALS_CAPTURED.has(n.name)) return g(n.name);
        if (n.name === 'undefined') return t.unaryExpression('void', t.numericLiteral(0));
        if (n.name === 'NaN') return t.binaryExpression('/', t.numericLiteral(0), t.numericLiteral(0));
        if (n.name === 'Infinity') return t.binaryExpression('/', t.numericLiteral(1), t.numericLiteral(0));
        return n;
      case 'MemberExpression':
        return guardCall('r', [lower(n.object), keyOf(n)]);
      case 'OptionalMemberExpression':
      case 'OptionalCallExpression':
        return lowerChainValue(n);
      case 'CallExpression': {
        return lowerCall(n.callee as BabelTypes.MemberExpression, undefined, n.arguments);
      }
      case 'UnaryExpression':
        if (n.operator === '-' || n.operator === '+' || n.operator === '~') return t.unaryExpression(n.operator, prim(lower(n.argument)));
        return t.unaryExpression(n.operator, lower(n.argument));
      case 'BinaryExpression': {
        const left = lower(n.left as BabelTypes.Expression);
        const right = lower(n.right);
        if (NO_COERCION_OPERATORS.has(n.operator)) return t.binaryExpression(n.operator, left, right);
        if (n.operator === '==' || n.operator === '!=') {
          // `x == null` never converts x; nor does `==` between primitives.
          const plain = (isPrimitive(left) && isPrimitive(right)) || isNullish(left) || isNullish(right);
          const eq = plain ? t.binaryExpression('==', left, right) : guardCall('eq', [left, right]);
          return n.operator === '==' ? eq : t.unaryExpression('!', eq);
        }
        return t.binaryExpression(n.operator, prim(left), prim(right));
      }
      case 'LogicalExpression':
        return t.logicalExpression(n.operator, lower(n.left), lower(n.right));
      case 'ConditionalExpression':
        return t.conditionalExpression(lower(n.test), lower(n.consequent), lower(n.alternate));
      case 'TemplateLiteral':
        return t.templateLiteral(n.quasis, n.expressions.map((e) => prim(lower(e as BabelTypes.Expression))));
      case 'ArrayExpression':
        return t.arrayExpression(n.elements.map((e) => (e === null ? null : lower(e as BabelTypes.Expression))));
      default:
        // Literals, `this`, regular expression literals: nothing to guard.
        return n;
    }
  };

  return lower(expr);
}

/** A guarded value for a measure (`+expr`): converted to a number only when it is a primitive. */
export function guardNumber(t: typeof BabelTypes, expr: BabelTypes.Expression): BabelTypes.Expression {
  const lowered = guardExpr(t, expr);
  return t.unaryExpression('+', t.callExpression(t.memberExpression(t.identifier(GUARD_LOCAL), t.identifier('p')), [lowered]));
}

/** `const __wedge_g = globalThis.__wedge_guard;` for the top of an instrumented file. */
export function guardDeclaration(t: typeof BabelTypes): BabelTypes.Statement {
  return t.variableDeclaration('const', [
    t.variableDeclarator(t.identifier(GUARD_LOCAL), t.memberExpression(t.identifier('globalThis'), t.identifier(GUARD_GLOBAL))),
  ]);
}
