import { parseExpression } from '@babel/parser';
import { checkSync } from 'recheck';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { METERS, type MeterName } from './meters.js';

/**
 * Constraint expressions are data, not code: the text is parsed as exactly one expression and
 * walked against an allowlist; only the checked AST is ever printed into instrumented code.
 * Nothing here evaluates anything. The allowlist cannot know what the values an expression
 * touches will be (a program's object with its own `get`, a getter, a Proxy): the runtime guard
 * (src/instrument/constraint-guard.ts) refuses those when the probe runs.
 */

export const MAX_EXPR_CHARS = 400;

/** Pure static functions: `Math.abs(x)`, `Number.isInteger(x)`... (not Math.random). */
const PURE_STATICS: Record<string, ReadonlySet<string>> = {
  Math: new Set(['abs', 'min', 'max', 'floor', 'ceil', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'log', 'log2', 'log10', 'log1p', 'exp', 'pow', 'hypot']),
  Number: new Set(['isInteger', 'isFinite', 'isNaN', 'isSafeInteger']),
  Array: new Set(['isArray']),
  Object: new Set(['is']),
};

/** Methods that only read their receiver (arrays, strings, Maps, Sets). */
const READ_ONLY_METHODS = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'at', 'startsWith', 'endsWith', 'charCodeAt', 'charAt', 'codePointAt',
  'slice', 'substring', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'has', 'get',
]);

/** Methods that mutate their receiver: named in the rejection so the reason is plain. */
const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/** Globals an expression may read without them being bound in the program. */
export const ALLOWED_GLOBALS = new Set(['Math', 'Number', 'Array', 'Object', 'Infinity', 'NaN', 'undefined']);

export interface ParsedExpr {
  ast: t.Expression;
  /** Free names the expression reads (program variables), without meters and globals. */
  names: string[];
  meters: MeterName[];
}

export type ExprCheck = ({ ok: true } & ParsedExpr) | { ok: false; reason: string };

/** Parses and allowlist-checks an expression; says why when it is refused. */
export function checkExpr(text: string): ExprCheck {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'empty expression' };
  if (text.length > MAX_EXPR_CHARS) return { ok: false, reason: `expression too long (${text.length} chars; limit ${MAX_EXPR_CHARS})` };
  let ast: t.Expression;
  try {
    ast = parseExpression(text, { sourceType: 'script', plugins: [] });
  } catch (e) {
    return { ok: false, reason: `not one JavaScript expression: ${(e as Error).message}` };
  }
  const names = new Set<string>();
  const meters = new Set<MeterName>();
  const problem = walk(ast, names, meters);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, ast, names: [...names], meters: [...meters] };
}

function walk(node: t.Node, names: Set<string>, meters: Set<MeterName>): string | undefined {
  const sub = (...nodes: (t.Node | null | undefined)[]): string | undefined => {
    for (const n of nodes) {
      if (!n) continue;
      const p = walk(n, names, meters);
      if (p) return p;
    }
    return undefined;
  };
  switch (node.type) {
    case 'Identifier':
      if (node.name in METERS) meters.add(node.name as MeterName);
      else if (!ALLOWED_GLOBALS.has(node.name)) names.add(node.name);
      return undefined;
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'ThisExpression':
      return undefined;
    case 'RegExpLiteral':
      // A global or sticky RegExp keeps state (lastIndex) between test/exec calls.
      if (/[gy]/.test(node.flags)) return `regular expression with flag g or y (it keeps state)`;
      return checkRegexSafe(node.pattern, node.flags);
    case 'TemplateLiteral':
      return sub(...node.expressions);
    case 'UnaryExpression':
      if (node.operator === 'delete') return 'delete is not allowed (side effect)';
      return sub(node.argument);
    case 'BinaryExpression':
      // `in` runs a Proxy's has trap, `instanceof` a program's Symbol.hasInstance.
      if (node.operator === 'in' || node.operator === 'instanceof') return `${node.operator} is not allowed (it can run program code)`;
      return sub(node.left, node.right);
    case 'LogicalExpression':
      return sub(node.left, node.right);
    case 'ConditionalExpression':
      return sub(node.test, node.consequent, node.alternate);
    case 'ArrayExpression':
      for (const e of node.elements) if (e && e.type === 'SpreadElement') return 'spread is not allowed (it runs an iterator)';
      return sub(...node.elements);
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      if (node.property.type === 'PrivateName') return 'private fields are not allowed';
      return sub(node.object, node.computed ? node.property : null);
    case 'CallExpression':
    case 'OptionalCallExpression':
      return checkCall(node, sub);
    case 'AssignmentExpression':
      return 'assignment is not allowed (side effect)';
    case 'UpdateExpression':
      return `${node.operator} is not allowed (side effect)`;
    case 'NewExpression':
      return 'new is not allowed';
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
      return 'functions and classes are not allowed';
    case 'AwaitExpression':
    case 'YieldExpression':
      return `${node.type === 'AwaitExpression' ? 'await' : 'yield'} is not allowed`;
    case 'TaggedTemplateExpression':
      return 'tagged templates are not allowed (they call a function)';
    case 'SequenceExpression':
      return 'comma sequences are not allowed';
    case 'Import':
    case 'ImportExpression':
      return 'import() is not allowed';
    default:
      return `${node.type} is not allowed`;
  }
}

function checkCall(node: t.CallExpression | t.OptionalCallExpression, sub: (...n: (t.Node | null | undefined)[]) => string | undefined): string | undefined {
  for (const a of node.arguments) {
    if (a.type === 'SpreadElement') return 'spread arguments are not allowed';
    if (a.type === 'ArgumentPlaceholder') return 'argument placeholders are not allowed';
  }
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') {
    return `call of ${callee.type === 'Identifier' ? callee.name : 'an expression'} is not allowed (only Math.*, Number.is*, Array.isArray, Object.is and read-only methods)`;
  }
  if (callee.computed || callee.property.type !== 'Identifier') return 'computed method calls are not allowed';
  const method = callee.property.name;
  const obj = callee.object;
  if (obj.type === 'Identifier' && obj.name in PURE_STATICS) {
    if (!PURE_STATICS[obj.name]!.has(method)) return `${obj.name}.${method} is not an allowed pure function`;
    return sub(...node.arguments);
  }
  if (method === 'test' || method === 'exec') {
    // Only on a regex literal: a RegExp held in a variable may be global (stateful).
    if (obj.type !== 'RegExpLiteral') return `${method}() is allowed only on a regular expression literal`;
    return sub(obj, ...node.arguments);
  }
  if (MUTATORS.has(method)) return `.${method}() is not allowed (it changes its receiver)`;
  if (!READ_ONLY_METHODS.has(method)) return `.${method}() is not an allowed read-only method`;
  return sub(obj, ...node.arguments);
}

/**
 * Checks that every free name is bound where the anchor statement runs, and that each meter
 * has what it measures there (a loop around the anchor for $trips, a plain function for $depth).
 */
export function checkScope(parsed: ParsedExpr, anchor: NodePath<t.Statement>): string | undefined {
  // Names declared by the statement itself (e.g. `for (let i...)`) are not yet in scope before it.
  const scope = anchor.isScope() && anchor.parentPath ? anchor.parentPath.scope : anchor.scope;
  const fnScope = scope.getFunctionParent() ?? scope.getProgramParent();
  const at = anchor.node.start ?? 0;
  for (const name of parsed.names) {
    const binding = scope.getBinding(name);
    if (!binding) return `name "${name}" is not bound at the anchor (line ${anchor.node.loc?.start.line ?? '?'})`;
    const kind = binding.kind as string;
    const declaredAt = binding.identifier.start ?? 0;
    const sameFn = (binding.scope.getFunctionParent() ?? binding.scope.getProgramParent()) === fnScope;
    if (sameFn && (kind === 'let' || kind === 'const' || kind === 'module') && declaredAt > at && !isParamLike(binding)) {
      return `name "${name}" is declared after the anchor (line ${anchor.node.loc?.start.line ?? '?'})`;
    }
  }
  for (const m of parsed.meters) {
    if (scope.hasBinding(m)) return `${m} is a program variable at the anchor; meters are unavailable there`;
    if (m === '$trips') {
      const loop = anchor.findParent((p) => p.isLoop() || p.isFunction() || p.isProgram());
      if (!loop || !loop.isLoop()) return '$trips needs a loop around the anchor (in the same function)';
    } else if (m === '$depth') {
      const fn = anchor.getFunctionParent();
      if (!fn) return '$depth needs a function around the anchor';
      if (fn.node.async || fn.node.generator) return '$depth is not available in async or generator functions';
    }
  }
  return undefined;
}

function isParamLike(binding: { kind: string }): boolean {
  return binding.kind === 'param';
}

/** recheck's verdict per pattern and flags: checking takes up to a second, and the same few literals recur. */
const regexVerdicts = new Map<string, string | undefined>();

/**
 * A regular expression literal runs on program data inside the probe, where catastrophic
 * backtracking would stall the search (and be taken for a hang of the program): only patterns
 * recheck proves safe are allowed.
 */
export function checkRegexSafe(pattern: string, flags: string): string | undefined {
  const key = `${flags}/${pattern}`;
  if (regexVerdicts.has(key)) return regexVerdicts.get(key);
  let verdict: string | undefined;
  try {
    const d = checkSync(pattern, flags, { timeout: 5000, randomSeed: 1 });
    if (d.status === 'vulnerable') verdict = `regular expression /${pattern}/${flags} can backtrack catastrophically (recheck: ${d.complexity.type} in the input length)`;
    else if (d.status !== 'safe') verdict = `regular expression /${pattern}/${flags} is not proven safe by recheck (${d.error?.kind ?? 'unknown'})`;
  } catch (e) {
    verdict = `regular expression /${pattern}/${flags} could not be checked by recheck (${(e as Error).message})`;
  }
  regexVerdicts.set(key, verdict);
  return verdict;
}
