import { parse } from '@babel/parser';
import type * as t from '@babel/types';

/** One parameter of the function under test, with its declared type when the source has one. */
export interface Param {
  name: string;
  type?: t.TSType;
  /** `...rest: T[]`: the caller spreads an array into it. */
  rest: boolean;
}

export interface Signature {
  /** The export the target imports: a name, or 'default' (also `module.exports = f`). */
  exportName: string;
  params: Param[];
  /** Interfaces and type aliases declared in the module, by name: the types that can be resolved. */
  decls: Map<string, t.TSInterfaceDeclaration | t.TSTypeAliasDeclaration>;
  /** The function's own name when it has one (a default export's local name), for the generated import. */
  localName?: string;
  /** False for a source without type annotations (plain JavaScript). */
  typed: boolean;
}

type Fn = t.FunctionDeclaration | t.FunctionExpression | t.ArrowFunctionExpression | t.TSDeclareFunction;

const isFn = (n: t.Node | null | undefined): n is Fn =>
  !!n && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'TSDeclareFunction');

/** Strips `as`, `satisfies` and parentheses around an exported expression. */
function unwrap(n: t.Node | null | undefined): t.Node | null | undefined {
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'ParenthesizedExpression' || n.type === 'TSNonNullExpression')) n = n.expression;
  return n;
}

const keyName = (k: t.Node): string | undefined => (k.type === 'Identifier' ? k.name : k.type === 'StringLiteral' ? k.value : undefined);

/** `module.exports` or `exports`, optionally followed by `.name`: the export name, or 'default' for the module itself. */
function cjsTarget(left: t.Node): string | undefined {
  if (left.type !== 'MemberExpression' || left.computed) {
    return undefined;
  }
  const prop = keyName(left.property);
  if (left.object.type === 'Identifier' && left.object.name === 'module' && prop === 'exports') return 'default';
  if (left.object.type === 'Identifier' && left.object.name === 'exports' && prop) return prop;
  const inner = left.object;
  if (inner.type === 'MemberExpression' && !inner.computed && inner.object.type === 'Identifier' && inner.object.name === 'module' && keyName(inner.property) === 'exports' && prop) return prop;
  return undefined;
}

/**
 * Finds the exported functions of a module's source: ES exports (named, default, `export const f
 * = () =>`, `export { f as g }`) and CommonJS assignments (`module.exports = f`,
 * `module.exports = { f }`, `exports.f =`). Values are the functions, or undefined when an export
 * is something other than a function this file defines.
 */
export function exportedFunctions(source: string, file: string): { fns: Map<string, Fn>; ast: t.File } {
  const ts = /\.[cm]?tsx?$/.test(file);
  const ast = parse(source, {
    sourceType: 'unambiguous',
    plugins: ts ? ['typescript', ...(file.endsWith('x') ? (['jsx'] as const) : [])] : ['jsx'],
    errorRecovery: true,
  });
  const locals = new Map<string, Fn>();
  for (const s of ast.program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (!d) continue;
    if (d.type === 'FunctionDeclaration' && d.id) {
      locals.set(d.id.name, d);
    } else if (d.type === 'TSDeclareFunction' && d.id && !locals.has(d.id.name)) {
      locals.set(d.id.name, d);
    } else if (d.type === 'VariableDeclaration') {
      for (const v of d.declarations) {
        const init = unwrap(v.init);
        if (v.id.type === 'Identifier' && isFn(init)) locals.set(v.id.name, init);
      }
    }
  }
  const fns = new Map<string, Fn>();
  const byRef = (n: t.Node | null | undefined): Fn | undefined => {
    const u = unwrap(n);
    if (isFn(u)) return u;
    if (u?.type === 'Identifier') return locals.get(u.name);
    return undefined;
  };
  for (const s of ast.program.body) {
    if (s.type === 'ExportNamedDeclaration') {
      const d = s.declaration;
      if (d && (d.type === 'FunctionDeclaration' || d.type === 'TSDeclareFunction') && d.id) fns.set(d.id.name, locals.get(d.id.name) ?? d);
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier' && locals.has(v.id.name)) fns.set(v.id.name, locals.get(v.id.name)!);
      }
      if (!s.source) {
        for (const sp of s.specifiers) {
          if (sp.type !== 'ExportSpecifier') continue;
          const f = locals.get(sp.local.name);
          if (f) fns.set(keyName(sp.exported) ?? sp.local.name, f);
        }
      }
    } else if (s.type === 'ExportDefaultDeclaration') {
      const f = byRef(s.declaration);
      if (f) fns.set('default', f);
    } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && s.expression.operator === '=') {
      const name = cjsTarget(s.expression.left);
      if (!name) continue;
      const right = unwrap(s.expression.right);
      if (name === 'default' && right?.type === 'ObjectExpression') {
        // module.exports = { f, g: h }: each property is a named export.
        for (const p of right.properties) {
          if (p.type === 'ObjectProperty' && !p.computed) {
            const f = byRef(p.value);
            const k = keyName(p.key);
            if (f && k) fns.set(k, f);
          } else if (p.type === 'ObjectMethod' && !p.computed) {
            const k = keyName(p.key);
            if (k) fns.set(k, { ...p, type: 'FunctionExpression', id: null } as unknown as t.FunctionExpression);
          }
        }
      } else {
        const f = byRef(right);
        if (f) fns.set(name, f);
      }
    }
  }
  return { fns, ast };
}

function paramOf(p: t.Node, i: number): Param {
  if (p.type === 'TSParameterProperty') return paramOf(p.parameter, i);
  if (p.type === 'AssignmentPattern') return { ...paramOf(p.left, i), rest: false };
  if (p.type === 'RestElement') {
    const inner = paramOf(p.argument, i);
    const ann = p.typeAnnotation?.type === 'TSTypeAnnotation' ? p.typeAnnotation.typeAnnotation : inner.type;
    return { name: inner.name, type: ann, rest: true };
  }
  const name = p.type === 'Identifier' ? p.name : `arg${i}`;
  const ta = 'typeAnnotation' in p ? p.typeAnnotation : undefined;
  return { name, type: ta && ta.type === 'TSTypeAnnotation' ? ta.typeAnnotation : undefined, rest: false };
}

/**
 * The signature of `exportName` in the module's source (the only exported function, or the
 * default export, when no name is given). Throws with the exports found when there is no such
 * function.
 */
export function readSignature(source: string, file: string, exportName?: string): Signature {
  const { fns, ast } = exportedFunctions(source, file);
  const names = [...fns.keys()];
  let name = exportName;
  if (!name) {
    if (fns.has('default')) name = 'default';
    else if (names.length === 1) name = names[0]!;
    else if (names.length === 0) throw new Error(`${file}: found no exported function`);
    else throw new Error(`${file} exports several functions (${names.join(', ')}): name the one to fuzz`);
  }
  const fn = fns.get(name);
  if (!fn) throw new Error(`${file}: found no exported function "${name}"${names.length ? ` (exported functions: ${names.join(', ')})` : ''}`);
  const decls = new Map<string, t.TSInterfaceDeclaration | t.TSTypeAliasDeclaration>();
  for (const s of ast.program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (d && (d.type === 'TSInterfaceDeclaration' || d.type === 'TSTypeAliasDeclaration')) decls.set(d.id.name, d);
  }
  const params = fn.params.map((p, i) => paramOf(p, i));
  // A generic function's own type parameters are not types this file declares: they stay unresolved.
  for (const tp of fn.typeParameters?.type === 'TSTypeParameterDeclaration' ? fn.typeParameters.params : []) decls.delete(tp.name);
  const localName = (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression' || fn.type === 'TSDeclareFunction') && fn.id ? fn.id.name : undefined;
  return { exportName: name, localName, params, decls, typed: params.some((p) => p.type !== undefined) };
}
