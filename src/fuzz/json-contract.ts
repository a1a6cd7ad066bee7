/**
 * Inputs are JSON values by contract: they are stored in the corpus as JSON, sent between threads
 * and replayed from files. A value JSON alters (a Date becomes a string, a Map `{}`, NaN `null`,
 * -0 `0`) would be searched as one input and replayed as another, and BigInt, functions and
 * cyclic values cannot be stored at all. The arbitrary's samples are checked before the search.
 */

/** Where in the input the first non-JSON value sits, what it is, and what to generate instead. */
export interface NotJson {
  path: string;
  what: string;
  instead: string;
}

const INSTEAD_OF_CLASS: Record<string, { what: string; instead: string }> = {
  Date: { what: 'fc.date() gives Date objects, which are stored as strings', instead: 'generate an ISO string or a number and convert inside fn' },
  Map: { what: 'a Map, which is stored as {}', instead: 'generate an array of [key, value] pairs and build the Map inside fn' },
  Set: { what: 'a Set, which is stored as {}', instead: 'generate an array (fc.uniqueArray) and build the Set inside fn' },
  RegExp: { what: 'a RegExp, which is stored as {}', instead: 'generate its source as a string and compile it inside fn' },
};

function describeNumber(x: number): NotJson | undefined {
  if (Number.isNaN(x)) return { path: '', what: 'NaN, which is stored as null', instead: 'use fc.double({ noNaN: true }) or fc.integer()' };
  if (!Number.isFinite(x)) return { path: '', what: `${x}, which is stored as null`, instead: 'use fc.double({ noDefaultInfinity: true, noNaN: true }) or fc.integer()' };
  if (Object.is(x, -0)) return { path: '', what: '-0, which is stored as 0', instead: 'use fc.integer(), or map -0 to 0 (x === 0 ? 0 : x)' };
  return undefined;
}

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The first place where `value` does not survive a JSON round trip unchanged, if any. */
export function firstNotJson(value: unknown, path = 'input', open: Set<object> = new Set()): NotJson | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number': {
      const d = describeNumber(value);
      return d && { ...d, path };
    }
    case 'undefined':
      return { path, what: 'undefined, which is stored as null (or left out of a record)', instead: 'use null (fc.option(x, { nil: null })) or leave the key out' };
    case 'bigint':
      return { path, what: 'a BigInt, which JSON cannot store', instead: 'generate a decimal string or a number and convert with BigInt() inside fn' };
    case 'function':
    case 'symbol':
      return { path, what: `a ${typeof value}, which JSON cannot store`, instead: 'generate data that names what to use and look it up inside fn' };
  }
  if (value === null) return undefined;
  const obj = value as object;
  if (open.has(obj)) return { path, what: 'a cyclic value (it contains itself), which JSON cannot store', instead: 'generate a tree, or an edge list, and link it inside fn' };
  open.add(obj);
  try {
    if (Array.isArray(obj)) {
      for (let i = 0; i < obj.length; i++) {
        if (!(i in obj)) return { path: at(path, i), what: 'a hole in a sparse array, which is stored as null', instead: 'fill every index' };
        const inner = firstNotJson(obj[i], at(path, i), open);
        if (inner) return inner;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(obj) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto.constructor as { name?: string } | undefined)?.name ?? 'an object';
      const known = INSTEAD_OF_CLASS[name];
      if (known) return { path, ...known };
      if (ArrayBuffer.isView(obj)) return { path, what: `a ${name}, which is stored as a record of indices`, instead: 'generate an array of numbers and build the typed array inside fn' };
      return { path, what: `an instance of ${name}, which is stored as a plain record without its methods`, instead: `generate plain data and construct the ${name} inside fn` };
    }
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') return { path, what: 'a record with a toJSON method, which is stored as what toJSON returns', instead: 'generate plain data' };
    for (const key of Object.keys(obj)) {
      const inner = firstNotJson((obj as Record<string, unknown>)[key], at(path, key), open);
      if (inner) return inner;
    }
    return undefined;
  } finally {
    open.delete(obj);
  }
}

/** Throws, naming the first sample that is not a JSON value, where in it, and what to use. */
export function checkJsonInputs(samples: unknown[], targetId: string): void {
  for (const sample of samples) {
    const bad = firstNotJson(sample);
    if (bad) {
      throw new Error(`target ${targetId}: inputs must be JSON values (they are stored as JSON), but the arbitrary generated one that is not: at ${bad.path}, ${bad.what}; ${bad.instead}`);
    }
  }
}
