import path from 'node:path';
import { ArbitraryWriter, measuredField, quote, typeText } from './arbitrary.js';
import type { Kind } from './arbitrary.js';
import type { Signature } from './signature.js';

/** Default budgets by what the size measures: characters are cheap, elements and magnitudes less so. */
const DEFAULT_MAX_SIZE: Record<string, number> = { string: 1000, array: 100, number: 1000, json: 1000 };

export interface RenderOptions {
  id: string;
  /** The module under test and the folder the target is written to (absolute or both relative to one base). */
  modulePath: string;
  targetsDir: string;
  maxSize?: number;
}

export interface Rendered {
  source: string;
  todos: string[];
  maxSize: number;
}

/** A relative specifier from the targets folder, with forward slashes and a leading ./ when needed. */
function relative(from: string, to: string): string {
  const r = path.relative(from, to).split(path.sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

const identifier = (name: string, fallback: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(name) && !['default', 'input', 'fc', 'defineTarget'].includes(name) ? name : fallback;

/** How one value of a kind is measured, as an expression over `v`; undefined when it has no length. */
function lengthOf(kind: Kind, v: string): string | undefined {
  return kind === 'string' || kind === 'array' ? `${v}.length` : undefined;
}

/**
 * The text of `targets/<id>.target.ts` for a signature: the input derived from the parameter
 * types, the size measure and budget chosen from the input's shape, and `instrument` pointing at
 * the module.
 */
export function renderTarget(sig: Signature, opts: RenderOptions): Rendered {
  const w = new ArbitraryWriter(sig.decls);
  const notes: string[] = [];
  const fnName = sig.exportName === 'default' ? identifier(sig.localName ?? '', '') || identifier(path.basename(opts.modulePath).replace(/\..*$/, '').replace(/[^\w$]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()), 'target') : identifier(sig.exportName, 'target');
  const importLine = sig.exportName === 'default'
    ? `import ${fnName} from '${relative(opts.targetsDir, opts.modulePath)}';`
    : fnName === sig.exportName
      ? `import { ${fnName} } from '${relative(opts.targetsDir, opts.modulePath)}';`
      : `import { ${quote(sig.exportName)} as ${fnName} } from '${relative(opts.targetsDir, opts.modulePath)}';`;

  let input: string;
  let fn: string;
  let size: string;
  let measure: keyof typeof DEFAULT_MAX_SIZE;
  const params = sig.params;
  const argNames = params.map((p, i) => identifier(p.name, `arg${i}`));
  const unique = argNames.map((n, i) => (argNames.indexOf(n) === i && n !== fnName ? n : `arg${i}`));

  if (!sig.typed) {
    notes.push(
      params.length === 0
        ? `${fnName} takes no declared parameters: the input is a string it is called with; adjust`
        : `${path.basename(opts.modulePath)} has no type annotations: each parameter is a string; adjust`,
    );
  }
  const maxFor = (m: keyof typeof DEFAULT_MAX_SIZE) => opts.maxSize ?? DEFAULT_MAX_SIZE[m]!;

  if (params.length <= 1) {
    const p = params[0];
    const v = p ? unique[0]! : 'input';
    const call = p?.rest ? `${fnName}(...${v})` : `${fnName}(${v})`;
    fn = `(${v}) => ${call}`;
    const type = p?.type;
    if (!type) {
      measure = 'string';
      input = `fc.string({ maxLength: ${maxFor(measure)} })`;
      size = `(${v}) => ${v}.length`;
    } else {
      const kind = w.kindOf(type);
      const fields = kind === 'record' ? w.fields(type) : undefined;
      const field = fields ? measuredField(w, fields) : undefined;
      if (kind === 'string' || kind === 'array') {
        measure = kind;
        input = w.arbitrary(type, maxFor(measure), p.name);
        size = `(${v}) => ${v}.length`;
      } else if (kind === 'number') {
        measure = 'number';
        input = w.arbitrary(type, maxFor(measure), p.name);
        size = `(${v}) => Math.abs(${v})`;
      } else if (field) {
        measure = w.kindOf(field.type) as 'string' | 'array';
        input = w.arbitrary(type, maxFor(measure), p.name);
        const access = /^[A-Za-z_$][\w$]*$/.test(field.name) ? `${v}.${field.name}` : `${v}[${quote(field.name)}]`;
        size = field.optional ? `(${v}) => (${access} ?? ${measure === 'string' ? "''" : '[]'}).length` : `(${v}) => ${access}.length`;
      } else {
        measure = 'json';
        input = w.arbitrary(type, undefined, p.name);
        size = `(${v}) => JSON.stringify(${v}).length`;
        notes.push(`the size is the input's length as JSON: measure what makes ${fnName}'s work grow instead`);
      }
    }
  } else {
    // Several parameters: the input is a tuple of them, spread into the call.
    const kinds = params.map((p) => (p.type ? w.kindOf(p.type) : 'string'));
    const sized = kinds.map((k, i) => (lengthOf(k, unique[i]!) ? i : -1)).filter((i) => i >= 0);
    measure = sized.length === 0 ? 'json' : sized.every((i) => kinds[i] === 'string') ? 'string' : 'array';
    const total = maxFor(measure);
    // Each length-measured parameter gets an equal share of the budget, so their sum stays within it.
    const share = sized.length > 0 ? Math.max(1, Math.floor(total / sized.length)) : total;
    const arbs = params.map((p, i) =>
      p.type ? w.arbitrary(p.type, sized.includes(i) ? share : undefined, p.name) : `fc.string({ maxLength: ${share} })`,
    );
    input = `fc.tuple(${arbs.join(', ')})`;
    const lastRest = params[params.length - 1]!.rest;
    const args = unique.map((n, i) => (i === params.length - 1 && lastRest ? `...${n}` : n));
    fn = `([${unique.join(', ')}]) => ${fnName}(${args.join(', ')})`;
    if (sized.length > 0) {
      // Only the measured parameters are named: `([, needle]) => needle.length`.
      const pattern = unique.slice(0, sized[sized.length - 1]! + 1).map((n, i) => (sized.includes(i) ? n : '')).join(', ');
      size = `([${pattern}]) => ${sized.map((i) => lengthOf(kinds[i]!, unique[i]!)).join(' + ')}`;
    } else {
      size = `(args) => JSON.stringify(args).length`;
      notes.push(`the size is the arguments' length as JSON: measure what makes ${fnName}'s work grow instead`);
    }
  }
  const maxSize = maxFor(measure);

  const todos = [...w.todos];
  const typesLine = params.map((p) => `${p.rest ? '...' : ''}${p.name}: ${p.type ? typeText(p.type) : 'untyped'}`).join(', ');
  const lines = [
    `import fc from 'fast-check';`,
    `import { defineTarget } from 'wedge';`,
    importLine,
    '',
    `// Written by \`wedge init\` from the parameter types of ${sig.exportName === 'default' ? `the default export of ${relative(opts.targetsDir, opts.modulePath)}, ${fnName}` : `${fnName} in ${relative(opts.targetsDir, opts.modulePath)}`}:`,
    `//   (${typesLine})`,
    `// Adjust the input, the size measure and the budget to the inputs that matter.`,
    `export default defineTarget({`,
    `  id: ${quote(opts.id)},`,
    `  fn: ${fn},`,
    ...[...notes, ...todos].map((n) => `  // ${n.startsWith('could not') ? 'TODO: ' : ''}${n}`),
    `  input: ${input},`,
    `  size: ${size},`,
    `  maxSize: ${maxSize},`,
    `  instrument: [${quote(relative(opts.targetsDir, opts.modulePath))}],`,
    `});`,
    '',
  ];
  return { source: lines.join('\n'), todos, maxSize };
}
