import { types as utilTypes } from 'node:util';

/**
 * What the constraint guard runs with: the built-ins it may call and the checks it makes,
 * captured when this module loads, before any target code runs, so that a program that later
 * replaces a global or a prototype method cannot change what the guard does.
 */

/** Thrown when a constraint would run program code: a plain frozen value, so no Error is built. */
export const REFUSED = Object.freeze({ refused: 'a constraint may only read' });
/** An array element that is not there at all (a hole with nothing inherited at its index). */
export const ABSENT = Object.freeze({});

export const { isProxy, isMap, isSet, isWeakMap, isWeakSet, isTypedArray, isRegExp } = utilTypes;
export const ReflectApply = Reflect.apply;
export const getOwn = Object.getOwnPropertyDescriptor;
export const getProto = Object.getPrototypeOf;
export const hasOwn = Object.hasOwn;
export const defineProperty = Object.defineProperty;
export const freeze = Object.freeze;
export const isArray = Array.isArray;
export const mathMax = Math.max;
export const mathMin = Math.min;
export const mathTrunc = Math.trunc;

/** `fn` called with an explicit receiver, immune to later changes of Function.prototype.call. */
export type Uncurried = (self: unknown, ...args: unknown[]) => unknown;
export const uncurry = (fn: unknown): Uncurried => Function.prototype.call.bind(fn as (...a: unknown[]) => unknown) as Uncurried;
export const getter = (proto: object, key: PropertyKey): Uncurried => uncurry(getOwn(proto, key)!.get);

export const TypedArrayProto = getProto(Uint8Array.prototype) as object;
export const typedArrayLength = getter(TypedArrayProto, 'length');
export const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
export const mapSize = getter(Map.prototype, 'size');
export const setSize = getter(Set.prototype, 'size');
export const regexExec = uncurry(RegExp.prototype.exec);

export function table<V>(entries: [string, V][]): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (let i = 0; i < entries.length; i++) out[entries[i]![0]] = entries[i]![1];
  return freeze(out);
}

export const STRING_METHODS = table(
  ['includes', 'indexOf', 'lastIndexOf', 'at', 'startsWith', 'endsWith', 'charCodeAt', 'charAt', 'codePointAt', 'slice', 'substring', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase'].map(
    (name) => [name, (String.prototype as unknown as Record<string, unknown>)[name]] as [string, unknown],
  ),
);

export const TYPED_ARRAY_CTORS = table(
  [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map(
    (C) => [C.name, C] as [string, unknown],
  ),
);
export const typedArraySearch = table(['includes', 'indexOf', 'lastIndexOf'].map((name) => [name, uncurry((TypedArrayProto as Record<string, unknown>)[name])] as [string, Uncurried]));
export const typedArrayAt = uncurry((TypedArrayProto as Record<string, unknown>).at);

export const mapGet = uncurry(Map.prototype.get);
export const mapHas = uncurry(Map.prototype.has);
export const setHas = uncurry(Set.prototype.has);
export const weakMapGet = uncurry(WeakMap.prototype.get);
export const weakMapHas = uncurry(WeakMap.prototype.has);
export const weakSetHas = uncurry(WeakSet.prototype.has);

/** Pure static functions (see PURE_STATICS in validate-expr.ts); `coerce`: arguments are converted to numbers. */
export const STATICS = table<{ fn: unknown; coerce: boolean }>([
  ...['abs', 'min', 'max', 'floor', 'ceil', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'log', 'log2', 'log10', 'log1p', 'exp', 'pow', 'hypot'].map(
    (name) => [`Math.${name}`, { fn: (Math as unknown as Record<string, unknown>)[name], coerce: true }] as [string, { fn: unknown; coerce: boolean }],
  ),
  ...['isInteger', 'isFinite', 'isNaN', 'isSafeInteger'].map((name) => [`Number.${name}`, { fn: (Number as unknown as Record<string, unknown>)[name], coerce: false }] as [string, { fn: unknown; coerce: boolean }]),
  ['Array.isArray', { fn: Array.isArray, coerce: false }],
  ['Object.is', { fn: Object.is, coerce: false }],
]);
