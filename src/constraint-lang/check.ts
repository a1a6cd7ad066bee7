import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { canAnchor, resolveAnchor, type Anchor } from './anchor.js';
import { checkExpr, checkScope, type ParsedExpr } from './validate-expr.js';

export type Placed = { ok: true; path: NodePath<t.Statement>; parsed: ParsedExpr; line: number } | { ok: false; reason: string };

/**
 * Everything that can be said about a constraint without running it: the anchor resolves to a
 * statement a probe can precede, the expression passes the allowlist, and its names are bound
 * there. Instrumentation and synthesis both go through this.
 */
export function placeConstraint(program: NodePath<t.Program>, code: string, anchor: Anchor, expr: string): Placed {
  const parsed = checkExpr(expr);
  if (!parsed.ok) return parsed;
  const found = resolveAnchor(program, code, anchor);
  if ('error' in found) return { ok: false, reason: found.error };
  return placeAt(found.path, parsed);
}

export function placeAt(path: NodePath<t.Statement>, parsed: ParsedExpr): Placed {
  const bad = canAnchor(path);
  if (bad) return { ok: false, reason: bad };
  const unbound = checkScope(parsed, path);
  if (unbound) return { ok: false, reason: unbound };
  return { ok: true, path, parsed, line: path.node.loc?.start.line ?? 0 };
}
