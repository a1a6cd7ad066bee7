import { createHash } from 'node:crypto';
import { parse } from '@babel/parser';
import traverseModule, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

// @babel/traverse is CommonJS: under ESM its function arrives as the module or under `default`.
type TraverseFn = (typeof traverseModule)['default'];
const traverse: TraverseFn = ((traverseModule as unknown as { default?: TraverseFn }).default ?? traverseModule) as TraverseFn;

/**
 * Where a constraint is evaluated: just before one statement. The statement is named by the
 * function around it, its kind, its key path inside that function and a hash of its source, so
 * edits to other functions never move it, and an edit earlier in the same function is followed
 * by searching the function for the same statement (same kind, same hash). `line` is for display
 * only and is recomputed whenever the anchor is resolved.
 */
export interface Anchor {
  /** Source file, relative to the target file's folder. */
  file: string;
  /** Name of the enclosing function ('' at module level), as probe sites name it. */
  function: string;
  statement: {
    /** Babel node type of the statement, e.g. "WhileStatement". */
    kind: string;
    /** Key path from the function node, e.g. "body.body.1.body.body.0". */
    path: string;
    /** First 12 hex digits of sha256 of the statement's source, whitespace collapsed. */
    hash: string;
  };
  line: number;
}

const TS_FILE = /\.(c|m)?tsx?$/;

/** Parses a source file the way instrumentation does (TypeScript syntax kept, types and all). */
export function parseSource(code: string, filename: string): t.File {
  return parse(code, {
    sourceType: 'unambiguous',
    sourceFilename: filename,
    plugins: TS_FILE.test(filename) ? ['typescript'] : [],
  });
}

/** Runs `visit` over the file's paths (with scopes), from the program down. */
export function programPath(ast: t.File): NodePath<t.Program> {
  let found: NodePath<t.Program> | undefined;
  traverse(ast, {
    Program(p) {
      found = p;
      p.stop();
    },
  });
  if (!found) throw new Error('no program node');
  return found;
}

export function statementHash(code: string, node: t.Node): string {
  const text = code.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The name probe sites give a function: its own name, or the name it is bound to. */
export function functionName(fn: NodePath): string {
  const node = fn.node as t.Function & { id?: t.Identifier | null; key?: t.Node };
  if (node.id && node.id.type === 'Identifier') return node.id.name;
  if ('key' in node && node.key && node.key.type === 'Identifier') return node.key.name;
  const parent = fn.parentPath;
  if (parent?.isVariableDeclarator() && parent.node.id.type === 'Identifier') return parent.node.id.name;
  if (parent?.isObjectProperty() && parent.node.key.type === 'Identifier') return parent.node.key.name;
  if (parent?.isAssignmentExpression() && parent.node.left.type === 'MemberExpression' && parent.node.left.property.type === 'Identifier') {
    return parent.node.left.property.name;
  }
  return '<anonymous>';
}

/** The function (or program) a statement belongs to. */
export function ownerOf(path: NodePath): NodePath {
  return path.getFunctionParent() ?? (path.findParent((p) => p.isProgram()) as NodePath);
}

/** The anchor of a statement: function name, key path from the function, source hash. */
export function anchorOf(path: NodePath<t.Statement>, code: string, file: string): Anchor {
  const owner = ownerOf(path);
  const keys: string[] = [];
  for (let p: NodePath | null = path; p && p !== owner; p = p.parentPath) {
    keys.unshift(p.listKey !== undefined ? `${p.listKey}.${String(p.key)}` : String(p.key));
  }
  return {
    file,
    function: owner.isProgram() ? '' : functionName(owner),
    statement: { kind: path.node.type, path: keys.join('.'), hash: statementHash(code, path.node) },
    line: path.node.loc?.start.line ?? 0,
  };
}

function owners(program: NodePath<t.Program>, name: string): NodePath[] {
  if (name === '') return [program];
  const out: NodePath[] = [];
  program.traverse({
    Function(p) {
      if (functionName(p) === name) out.push(p);
    },
  });
  return out;
}

const sameStatement = (p: NodePath | undefined, a: Anchor, code: string): p is NodePath<t.Statement> =>
  !!p && !Array.isArray(p) && !!p.node && p.node.type === a.statement.kind && statementHash(code, p.node) === a.statement.hash;

/**
 * Finds the statement an anchor names: first by its key path, then (the function was edited
 * before it) by kind and hash anywhere in the function. An error says what is missing.
 */
export function resolveAnchor(program: NodePath<t.Program>, code: string, a: Anchor): { path: NodePath<t.Statement> } | { error: string } {
  const fns = owners(program, a.function);
  const where = a.function === '' ? 'module level' : `function ${a.function}`;
  if (fns.length === 0) return { error: `${a.file}: no ${where} (the source changed?)` };
  for (const fn of fns) {
    let p: NodePath | NodePath[] | undefined;
    try {
      p = fn.get(a.statement.path) as NodePath | NodePath[];
    } catch {
      p = undefined;
    }
    if (!Array.isArray(p) && sameStatement(p, a, code)) return { path: p };
  }
  for (const fn of fns) {
    let found: NodePath<t.Statement> | undefined;
    fn.traverse({
      Statement(p) {
        if (!found && sameStatement(p, a, code) && ownerOf(p) === fn) found = p;
      },
    });
    if (found) return { path: found };
  }
  return { error: `${a.file}: no ${a.statement.kind} with hash ${a.statement.hash} in ${where} (line ${a.line} before; the source changed?)` };
}

/**
 * The statement "on" a line, for anchors given by line number: the outermost statement that
 * starts on that line and sits in a statement list (so a probe can go before it).
 */
export function statementAtLine(program: NodePath<t.Program>, line: number): NodePath<t.Statement> | undefined {
  let found: NodePath<t.Statement> | undefined;
  program.traverse({
    Statement(p) {
      if (found) return p.skip();
      if (p.node.loc?.start.line === line && !p.isBlockStatement() && !p.isFunctionDeclaration() && !p.isClassDeclaration()) found = p;
    },
  });
  return found;
}

/** Whether a probe can be placed just before this statement (a list slot or a body slot). */
export function canAnchor(path: NodePath): string | undefined {
  const parent = path.parentPath;
  if (!parent || !path.isStatement()) return 'not a statement';
  if (path.isBlockStatement() || path.isFunctionDeclaration() || path.isClassDeclaration()) return `a ${path.node.type} cannot be an anchor`;
  if (path.listKey === 'body' && (parent.isBlockStatement() || parent.isProgram())) return undefined;
  if (path.listKey === 'consequent' && parent.isSwitchCase()) return undefined;
  if (path.key === 'body' && (parent.isLoop() || parent.isLabeledStatement())) return undefined;
  if ((path.key === 'consequent' || path.key === 'alternate') && parent.isIfStatement()) return undefined;
  return `a statement in ${parent.node.type}.${String(path.key)} cannot be an anchor`;
}
