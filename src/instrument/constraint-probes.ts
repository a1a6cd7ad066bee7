import type { NodePath, types as BabelTypes } from '@babel/core';
import { functionName, ownerOf, type Anchor } from '../constraint-lang/anchor.js';
import { placeConstraint } from '../constraint-lang/check.js';
import type { MeterName } from '../constraint-lang/meters.js';
import type { ProbeSite } from './probe-kinds.js';
import { guardDeclaration, guardExpr, guardNumber } from './guard-rewrite.js';
import { leavesEarly, parentMap, replaceReturns, withMeters } from './ast-edit.js';

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
  /** Set when the count can be settled once, as the loop ends (see settleAtExit). */
  settle?: Settle;
}

/** `$trips > bound` or `$trips >= bound` with a bound that cannot change while the loop runs. */
interface Settle {
  op: '>' | '>=';
  bound: BabelTypes.Expression;
}

/** Literals and `$size` under arithmetic: fixed for the whole call, and never throws. */
function isFixedBound(n: BabelTypes.Node): boolean {
  if (n.type === 'NumericLiteral') return true;
  if (n.type === 'Identifier') return n.name === '$size';
  if (n.type === 'UnaryExpression') return (n.operator === '-' || n.operator === '+') && isFixedBound(n.argument);
  if (n.type === 'BinaryExpression') return ['+', '-', '*', '/'].includes(n.operator) && n.left.type !== 'PrivateName' && isFixedBound(n.left) && isFixedBound(n.right);
  return false;
}

/**
 * A constraint `$trips > bound` placed at the first statement of its loop's body is true on
 * every pass after the first floor(bound): its count over one run of the loop is known when
 * the loop ends. Settling it there gives the same count without a test on every pass, which
 * in a tight inner loop costs as much as the loop's own work.
 */
function settleAtExit(expr: BabelTypes.Expression, anchor: BabelTypes.Statement, loop: BabelTypes.Loop | undefined): Settle | undefined {
  if (!loop) return undefined;
  const first = loop.body.type === 'BlockStatement' ? loop.body.body[0] : loop.body;
  if (first !== anchor || expr.type !== 'BinaryExpression' || expr.left.type === 'PrivateName') return undefined;
  const trips = (n: BabelTypes.Node) => n.type === 'Identifier' && n.name === '$trips';
  const { operator: op, left, right } = expr;
  if ((op === '>' || op === '>=') && trips(left) && isFixedBound(right)) return { op, bound: right };
  if (op === '<' && trips(right) && isFixedBound(left)) return { op: '>', bound: left };
  if (op === '<=' && trips(right) && isFixedBound(left)) return { op: '>=', bound: left };
  return undefined;
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
    const expr = placed.parsed.ast as BabelTypes.Expression;
    const anchor = placed.path.node as BabelTypes.Statement;
    out.push({
      extra,
      anchor,
      expr,
      meters: placed.parsed.meters,
      loop,
      fn: placed.parsed.meters.includes('$depth') ? (fnPath?.node as BabelTypes.Function) : undefined,
      line: placed.line,
      column: placed.path.node.loc?.start.column ?? 0,
      fnName: owner.isProgram() ? '' : functionName(owner as never),
      settle: extra.kind === 'constraint' ? settleAtExit(expr, anchor, loop) : undefined,
    });
  }
  return out;
}

/**
 * Inserts the prepared probes into the instrumented program (at Program exit, so the work probes
 * are in place and none of this code gets work probes of its own; every node made here is marked
 * done). Returns the file's scratch layout.
 *
 * A constraint becomes `try { if (expr) __wedge_c[id]++; } catch { __wedge_s[err]++; }`: no
 * closure on the hot path, and an expression that throws is counted, never propagated.
 * A loop's `$trips` is a local declared just before the loop and bumped at the top of its body;
 * `$depth` and `$size` live in scratch slots (a function's `$depth` slot is bumped on entry and
 * dropped before each return and at the end). `$trips > bound` at the top of a loop body is
 * settled once per loop run (see settleAtExit).
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

  /** Where `node` sits, with its labels (which must stay on the loop): the statement and its slot. */
  const slotOf = (node: BabelTypes.Statement) => {
    let target: BabelTypes.Node = node;
    let at = parents.get(target);
    while (at && at.parent.type === 'LabeledStatement') {
      target = at.parent;
      at = parents.get(target);
    }
    return at && { target: target as BabelTypes.Statement, holder: at.parent as unknown as Record<string, unknown>, key: at.key };
  };

  /** Puts statements just before `node`. */
  const insertBefore = (node: BabelTypes.Statement, stmts: BabelTypes.Statement[]) => {
    const at = slotOf(node);
    if (!at) return false;
    const container = at.holder[at.key];
    if (Array.isArray(container)) {
      const i = container.indexOf(at.target);
      if (i < 0) return false;
      container.splice(i, 0, ...stmts.map(mark));
    } else {
      const block = mark(t.blockStatement([...stmts, at.target]));
      at.holder[at.key] = block;
      parents.set(at.target, { parent: block, key: 'body' });
    }
    return true;
  };

  /** Replaces `node` by a block of the statements `make` builds around it. */
  const wrap = (node: BabelTypes.Statement, make: (stmt: BabelTypes.Statement) => BabelTypes.Statement[]) => {
    const at = slotOf(node);
    if (!at) return;
    const block = mark(t.blockStatement(make(at.target)));
    const container = at.holder[at.key];
    if (Array.isArray(container)) container[container.indexOf(at.target)] = block;
    else at.holder[at.key] = block;
    // The statement now sits in the new block or in a block nested in it (a try's).
    const home = [block, ...block.body.flatMap((s) => (s.type === 'TryStatement' ? [s.block] : []))].find((b) => b.body.includes(at.target));
    parents.set(at.target, { parent: home ?? block, key: 'body' });
  };

  let sizeSlot = -1;
  // A loop's `$trips` is a local of the function that runs it: a recursive call running the
  // same loop has its own, and a local increment is the cheapest meter there is.
  const trips = new Map<BabelTypes.Loop, BabelTypes.Identifier>();
  const tripsOf = (loop: BabelTypes.Loop) => {
    if (!trips.has(loop)) trips.set(loop, t.identifier(`__wedge_trips${trips.size}`));
    return t.cloneNode(trips.get(loop)!);
  };
  const depthSlots = new Map<BabelTypes.Function, number>();
  const settled = new Map<BabelTypes.Loop, { id: number; op: Settle['op']; bound: BabelTypes.Expression }[]>();
  for (const p of prepared) {
    const meterRef: Partial<Record<MeterName, () => BabelTypes.Expression>> = {};
    for (const m of p.meters) {
      if (m === '$size') {
        const k = sizeSlot >= 0 ? sizeSlot : (sizeSlot = slot({ role: 'size' }));
        meterRef.$size = () => scratchRef(k);
      } else if (m === '$trips' && p.loop) {
        const loop = p.loop;
        meterRef.$trips = () => tripsOf(loop);
      } else if (m === '$depth' && p.fn) {
        if (!depthSlots.has(p.fn)) depthSlots.set(p.fn, slot({ role: 'depth' }));
        const k = depthSlots.get(p.fn)!;
        meterRef.$depth = () => scratchRef(k);
      }
    }
    // Every read, call and conversion goes through the runtime guard (constraint-guard.ts): a
    // constraint may only read, and never runs program code (getters, Proxies, overrides).
    const metered = (e: BabelTypes.Expression, guard = guardExpr) => withMeters(t, guard(t, t.cloneNode(e, true, true)), (name) => meterRef[name]?.());
    const err = slot({ role: 'error', id: p.extra.id });
    const onError = t.catchClause(null, t.blockStatement([t.expressionStatement(t.updateExpression('++', scratchRef(err)))]));
    let body: BabelTypes.Statement[];
    if (p.extra.kind === 'constraint') {
      const id = addSite({ kind: 'constraint', line: p.line, column: p.column, fn: p.fnName, constraint: p.extra.id });
      if (p.settle && p.loop) {
        tripsOf(p.loop);
        settled.set(p.loop, [...(settled.get(p.loop) ?? []), { id, op: p.settle.op, bound: metered(p.settle.bound) }]);
        continue;
      }
      const count = t.expressionStatement(t.updateExpression('++', t.memberExpression(t.identifier(COUNTERS), t.numericLiteral(id), true)));
      body = [t.ifStatement(metered(p.expr), count)];
    } else {
      const k = slot({ role: 'measure', id: p.extra.id });
      const sum = slot({ role: 'measure-sum', id: p.extra.id });
      const n = slot({ role: 'measure-n', id: p.extra.id });
      const v = t.identifier('__wedge_v');
      body = [
        t.variableDeclaration('const', [t.variableDeclarator(v, metered(p.expr, guardNumber))]),
        t.ifStatement(t.binaryExpression('>', v, scratchRef(k)), t.expressionStatement(t.assignmentExpression('=', scratchRef(k), v))),
        t.expressionStatement(t.assignmentExpression('+=', scratchRef(sum), v)),
        t.expressionStatement(t.updateExpression('++', scratchRef(n))),
      ];
    }
    insertBefore(p.anchor, [t.tryStatement(t.blockStatement(body), onError)]);
  }

  program.body.unshift(mark(guardDeclaration(t)));

  let skips = 0;
  for (const [loop, passes] of trips) {
    const bump = mark(t.expressionStatement(t.updateExpression('++', t.cloneNode(passes))));
    if (t.isBlockStatement(loop.body)) loop.body.body.unshift(bump);
    else loop.body = mark(t.blockStatement([bump, loop.body]));
    const settle: BabelTypes.Statement[] = [];
    for (const { id, op, bound } of settled.get(loop) ?? []) {
      // Passes t = 1..n with t > b are those after floor(b) (t >= b: after ceil(b) - 1); NaN counts none.
      const math = (f: string, ...args: BabelTypes.Expression[]) => t.callExpression(t.memberExpression(t.identifier('Math'), t.identifier(f)), args);
      const skip = t.identifier(`__wedge_skip${skips++}`);
      const counter = t.memberExpression(t.identifier(COUNTERS), t.numericLiteral(id), true);
      settle.push(
        t.variableDeclaration('const', [t.variableDeclarator(skip, math('max', t.numericLiteral(0), op === '>' ? math('floor', bound) : t.binaryExpression('-', math('ceil', bound), t.numericLiteral(1))))]),
        t.ifStatement(t.binaryExpression('>', t.cloneNode(passes), skip), t.expressionStatement(t.assignmentExpression('+=', counter, t.binaryExpression('-', t.cloneNode(passes), t.cloneNode(skip))))),
      );
    }
    const start = t.variableDeclaration('let', [t.variableDeclarator(t.cloneNode(passes), t.numericLiteral(0))]);
    // A loop left only by its condition or a plain `break` is settled after it; one a `return`
    // or labeled jump can leave, in a `finally` (which costs the loop some speed). A run that
    // throws out of the loop settles nothing: its counts are an error's, not a slow input's.
    if (settle.length === 0) wrap(loop, (stmt) => [start, stmt]);
    else wrap(loop, (stmt) => (leavesEarly(loop) ? [start, t.tryStatement(t.blockStatement([stmt]), null, t.blockStatement(settle))] : [start, stmt, ...settle]));
  }
  for (const [fn, k] of depthSlots) {
    const up = () => t.expressionStatement(t.updateExpression('++', scratchRef(k)));
    const down = () => t.expressionStatement(t.updateExpression('--', scratchRef(k)));
    if (fn.async || fn.generator) {
      // A suspended call is still running: only a `finally` knows when it ends.
      const body = t.isBlockStatement(fn.body) ? fn.body : t.blockStatement([t.returnStatement(fn.body)]);
      fn.body = mark(t.blockStatement([up(), t.tryStatement(body, null, t.blockStatement([down()]))]));
      continue;
    }
    // -1 before each return and at the end; no `finally`, which would cost every call. A throw
    // that leaves the function skips it: scratch slots are cleared before each run, and a run
    // that throws is an error's, not a slow input's.
    const result = t.identifier('__wedge_r');
    const leave = (ret: BabelTypes.ReturnStatement): BabelTypes.Statement =>
      ret.argument
        ? t.blockStatement([t.variableDeclaration('const', [t.variableDeclarator(t.cloneNode(result), ret.argument)]), down(), t.returnStatement(t.cloneNode(result))])
        : t.blockStatement([down(), ret]);
    if (!t.isBlockStatement(fn.body)) {
      fn.body = mark(t.blockStatement([up(), leave(t.returnStatement(fn.body))]));
      continue;
    }
    replaceReturns(fn.body, (ret) => mark(leave(ret)));
    fn.body.body.unshift(mark(up()));
    fn.body.body.push(mark(down()));
  }
  return layout;
}
