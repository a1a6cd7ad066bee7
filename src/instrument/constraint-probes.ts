import type { NodePath, types as BabelTypes } from '@babel/core';
import { VISITOR_KEYS } from '@babel/types';
import { functionName, ownerOf, type Anchor } from '../constraints/anchor.js';
import { placeConstraint } from '../constraints/check.js';
import type { MeterName } from '../constraints/meters.js';
import type { ProbeSite } from './probe-kinds.js';

/**
 * A probe that is not part of the work counters: a constraint (counts how often `expr` is true
 * just before the anchor statement) or a measure (keeps the largest value `expr` takes there, and
 * its sum and count for a mean; used while synthesizing constraints to learn thresholds from
 * observed values).
 */
export interface ExtraProbe {
  id: string;
  kind: 'constraint' | 'measure';
  anchor: Anchor;
  expr: string;
}

/** What one scratch slot of a file holds; the registry reads constraint errors and measures by id. */
export type ScratchSlot =
  | { role: 'size' }
  | { role: 'trips' }
  | { role: 'depth' }
  | { role: 'error'; id: string }
  | { role: 'measure'; id: string }
  | { role: 'measure-sum'; id: string }
  | { role: 'measure-n'; id: string };

export const COUNTERS = '__wedge_c';
export const SCRATCH = '__wedge_s';

interface Prepared {
  extra: ExtraProbe;
  anchor: BabelTypes.Statement;
  expr: BabelTypes.Expression;
  meters: MeterName[];
  loop?: BabelTypes.Loop;
  fn?: BabelTypes.Function;
  line: number;
  column: number;
  fnName: string;
}

/**
 * Resolves and checks the extra probes of a file on its untouched AST (at Program entry, before
 * any probe moves a statement). A probe whose anchor or expression does not check out is left
 * out: the constraints file is checked, with reasons, before a campaign starts.
 */
export function prepareExtraProbes(program: NodePath<BabelTypes.Program>, code: string, extras: ExtraProbe[]): Prepared[] {
  const out: Prepared[] = [];
  for (const extra of extras) {
    const placed = placeConstraint(program as never, code, extra.anchor, extra.expr);
    if (!placed.ok) continue;
    const p = placed.path as unknown as NodePath;
    const loop = placed.parsed.meters.includes('$trips') ? (p.findParent((q) => q.isLoop())?.node as BabelTypes.Loop) : undefined;
    const fnPath = p.getFunctionParent();
    const owner = ownerOf(p as never) as unknown as NodePath;
    out.push({
      extra,
      anchor: placed.path.node as BabelTypes.Statement,
      expr: placed.parsed.ast as BabelTypes.Expression,
      meters: placed.parsed.meters,
      loop,
      fn: placed.parsed.meters.includes('$depth') ? (fnPath?.node as BabelTypes.Function) : undefined,
      line: placed.line,
      column: placed.path.node.loc?.start.column ?? 0,
      fnName: owner.isProgram() ? '' : functionName(owner as never),
    });
  }
  return out;
}

type Parent = { parent: BabelTypes.Node; key: string };

/** Parent links of every node: probes are inserted by plain edits, outside Babel's traversal queue. */
function parentMap(root: BabelTypes.Node): WeakMap<BabelTypes.Node, Parent> {
  const map = new WeakMap<BabelTypes.Node, Parent>();
  const stack: BabelTypes.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const v = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c === 'object' && 'type' in c) (map.set(c, { parent: node, key }), stack.push(c));
      } else if (v && typeof v === 'object' && 'type' in v) {
        map.set(v as BabelTypes.Node, { parent: node, key });
        stack.push(v as BabelTypes.Node);
      }
    }
  }
  return map;
}

/**
 * Inserts the prepared probes into the instrumented program (at Program exit, so the work probes
 * are in place and none of this code gets work probes of its own; every node made here is marked
 * done). Returns the file's scratch layout.
 *
 * A constraint becomes `try { if (expr) __wedge_c[id]++; } catch { __wedge_s[err]++; }`: no
 * closure on the hot path, and an expression that throws is counted, never propagated.
 * Meters live in scratch slots: a loop's `$trips` slot is zeroed before the loop and bumped at the
 * top of its body; a function's `$depth` slot is bumped on entry and dropped in a `finally`.
 */
export function insertExtraProbes(
  t: typeof BabelTypes,
  program: BabelTypes.Program,
  prepared: Prepared[],
  addSite: (site: ProbeSite) => number,
  done: WeakSet<BabelTypes.Node>,
): ScratchSlot[] {
  const layout: ScratchSlot[] = [];
  if (prepared.length === 0) return layout;
  const parents = parentMap(program);
  const slot = (s: ScratchSlot) => layout.push(s) - 1;
  const scratchRef = (k: number) => t.memberExpression(t.identifier(SCRATCH), t.numericLiteral(k), true);
  const mark = <N extends BabelTypes.Node>(n: N): N => {
    t.traverseFast(n, (x) => void done.add(x));
    return n;
  };

  /** Puts statements just before `node` (before its labels, which must stay on the loop). */
  const insertBefore = (node: BabelTypes.Statement, stmts: BabelTypes.Statement[]) => {
    let target: BabelTypes.Node = node;
    let at = parents.get(target);
    while (at && at.parent.type === 'LabeledStatement') {
      target = at.parent;
      at = parents.get(target);
    }
    if (!at) return false;
    const holder = at.parent as unknown as Record<string, unknown>;
    const container = holder[at.key];
    if (Array.isArray(container)) {
      const i = container.indexOf(target);
      if (i < 0) return false;
      container.splice(i, 0, ...stmts.map(mark));
    } else {
      const block = mark(t.blockStatement([...stmts, target as BabelTypes.Statement]));
      holder[at.key] = block;
      parents.set(target, { parent: block, key: 'body' });
    }
    return true;
  };

  let sizeSlot = -1;
  const tripSlots = new Map<BabelTypes.Loop, number>();
  const depthSlots = new Map<BabelTypes.Function, number>();
  for (const p of prepared) {
    const meterRef: Partial<Record<MeterName, number>> = {};
    for (const m of p.meters) {
      if (m === '$size') meterRef.$size = sizeSlot >= 0 ? sizeSlot : (sizeSlot = slot({ role: 'size' }));
      else if (m === '$trips' && p.loop) {
        if (!tripSlots.has(p.loop)) tripSlots.set(p.loop, slot({ role: 'trips' }));
        meterRef.$trips = tripSlots.get(p.loop)!;
      } else if (m === '$depth' && p.fn) {
        if (!depthSlots.has(p.fn)) depthSlots.set(p.fn, slot({ role: 'depth' }));
        meterRef.$depth = depthSlots.get(p.fn)!;
      }
    }
    const expr = withMeters(t, t.cloneNode(p.expr, true, true), (name) => (meterRef[name] === undefined ? undefined : scratchRef(meterRef[name]!)));
    const err = slot({ role: 'error', id: p.extra.id });
    const onError = t.catchClause(null, t.blockStatement([t.expressionStatement(t.updateExpression('++', scratchRef(err)))]));
    let body: BabelTypes.Statement[];
    if (p.extra.kind === 'constraint') {
      const id = addSite({ kind: 'constraint', line: p.line, column: p.column, fn: p.fnName, constraint: p.extra.id });
      const count = t.expressionStatement(t.updateExpression('++', t.memberExpression(t.identifier(COUNTERS), t.numericLiteral(id), true)));
      body = [t.ifStatement(expr, count)];
    } else {
      const k = slot({ role: 'measure', id: p.extra.id });
      const sum = slot({ role: 'measure-sum', id: p.extra.id });
      const n = slot({ role: 'measure-n', id: p.extra.id });
      const v = t.identifier('__wedge_v');
      body = [
        t.variableDeclaration('const', [t.variableDeclarator(v, t.unaryExpression('+', expr))]),
        t.ifStatement(t.binaryExpression('>', v, scratchRef(k)), t.expressionStatement(t.assignmentExpression('=', scratchRef(k), v))),
        t.expressionStatement(t.assignmentExpression('+=', scratchRef(sum), v)),
        t.expressionStatement(t.updateExpression('++', scratchRef(n))),
      ];
    }
    insertBefore(p.anchor, [t.tryStatement(t.blockStatement(body), onError)]);
  }

  for (const [loop, k] of tripSlots) {
    insertBefore(loop, [t.expressionStatement(t.assignmentExpression('=', scratchRef(k), t.numericLiteral(0)))]);
    const bump = mark(t.expressionStatement(t.updateExpression('++', scratchRef(k))));
    if (t.isBlockStatement(loop.body)) loop.body.body.unshift(bump);
    else loop.body = mark(t.blockStatement([bump, loop.body]));
  }
  for (const [fn, k] of depthSlots) {
    const body = t.isBlockStatement(fn.body) ? fn.body : t.blockStatement([t.returnStatement(fn.body)]);
    fn.body = mark(
      t.blockStatement([
        t.expressionStatement(t.updateExpression('++', scratchRef(k))),
        t.tryStatement(body, null, t.blockStatement([t.expressionStatement(t.updateExpression('--', scratchRef(k)))])),
      ]),
    );
  }
  return layout;
}

/** Replaces meter names (where they are read, not property names) by scratch reads. */
function withMeters(t: typeof BabelTypes, node: BabelTypes.Expression, ref: (m: MeterName) => BabelTypes.Expression | undefined): BabelTypes.Expression {
  const visit = (n: BabelTypes.Node): BabelTypes.Node => {
    if (n.type === 'Identifier') return (n.name.startsWith('$') && ref(n.name as MeterName)) || n;
    for (const key of VISITOR_KEYS[n.type] ?? []) {
      if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && key === 'property' && !n.computed) continue;
      const rec = n as unknown as Record<string, unknown>;
      const v = rec[key];
      if (Array.isArray(v)) rec[key] = v.map((c) => (c && typeof c === 'object' && 'type' in c ? visit(c as BabelTypes.Node) : c));
      else if (v && typeof v === 'object' && 'type' in v) rec[key] = visit(v as BabelTypes.Node);
    }
    return n;
  };
  return visit(node) as BabelTypes.Expression;
}
