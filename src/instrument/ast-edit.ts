import type { types as BabelTypes } from '@babel/core';
import { VISITOR_KEYS, isFunction } from '@babel/types';
import type { MeterName } from '../constraint-lang/meters.js';

/*
 * Plain edits of a Babel AST, outside Babel's traversal queue: what inserting constraint and
 * measure probes needs (constraint-probes.ts), where a traversal would visit the inserted code.
 */

export type Parent = { parent: BabelTypes.Node; key: string };

/** Parent links of every node: probes are inserted by plain edits, outside Babel's traversal queue. */
export function parentMap(root: BabelTypes.Node): WeakMap<BabelTypes.Node, Parent> {
  const map = new WeakMap<BabelTypes.Node, Parent>();
  const stack: BabelTypes.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    eachChild(node, (child, key) => {
      map.set(child, { parent: node, key });
      stack.push(child);
    });
  }
  return map;
}

const isNode = (v: unknown): v is BabelTypes.Node => typeof v === 'object' && v !== null && 'type' in v;

/** Calls `visit` on each child node of `n`, with its key and a way to put another node in its place. */
export function eachChild(n: BabelTypes.Node, visit: (child: BabelTypes.Node, key: string, replace: (m: BabelTypes.Node) => void) => void): void {
  const rec = n as unknown as Record<string, unknown>;
  for (const key of VISITOR_KEYS[n.type] ?? []) {
    const v = rec[key];
    if (Array.isArray(v)) v.forEach((c, i) => isNode(c) && visit(c, key, (m) => (v[i] = m)));
    else if (isNode(v)) visit(v, key, (m) => (rec[key] = m));
  }
}

/** Replaces meter names (where they are read, not property names) by scratch reads. */
export function withMeters(t: typeof BabelTypes, node: BabelTypes.Expression, ref: (m: MeterName) => BabelTypes.Expression | undefined): BabelTypes.Expression {
  const visit = (n: BabelTypes.Node): BabelTypes.Node => {
    if (n.type === 'Identifier') return (n.name.startsWith('$') && ref(n.name as MeterName)) || n;
    eachChild(n, (child, key, replace) => {
      if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && key === 'property' && !n.computed) return;
      replace(visit(child));
    });
    return n;
  };
  return visit(node) as BabelTypes.Expression;
}

/** Whether a `return` or a labeled `break`/`continue` in the loop's body (outside nested functions) can leave it. */
export function leavesEarly(loop: BabelTypes.Loop): boolean {
  let found = false;
  const visit = (n: BabelTypes.Node): void => {
    if (found) return;
    if (n.type === 'ReturnStatement' || ((n.type === 'BreakStatement' || n.type === 'ContinueStatement') && n.label)) found = true;
    else if (!isFunction(n)) eachChild(n, visit);
  };
  visit(loop.body);
  return found;
}

/** Replaces each `return` of a function body (not of functions nested in it) by what `by` makes of it. */
export function replaceReturns(body: BabelTypes.BlockStatement, by: (ret: BabelTypes.ReturnStatement) => BabelTypes.Statement): void {
  const visit = (n: BabelTypes.Node): void => {
    if (isFunction(n)) return;
    eachChild(n, (child, _key, replace) => (child.type === 'ReturnStatement' ? replace(by(child)) : visit(child)));
  };
  visit(body);
}
