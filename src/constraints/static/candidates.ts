import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { generate } from '../../core/print-ast.js';
import { anchorOf, canAnchor, functionName, parseSource, programPath, type Anchor } from '../../constraint-lang/anchor.js';
import { placeAt } from '../../constraint-lang/check.js';
import { checkExpr } from '../../constraint-lang/validate-expr.js';
import type { SourceFile } from '../sources.js';

/** What a static candidate says is slow. */
export type CandidateKind = 'loop-trips' | 'inner-trips' | 'early-exit' | 'collection-growth' | 'recursion-depth' | 'builtin-arg' | 'slow-remainder';

/**
 * A place and a quantity that may mark slow executions: `measure` is a numeric expression read
 * just before the anchor statement. Profiling records its values; the threshold of the final
 * constraint (`guard && measure > K` or `... > K * $size`) comes from their distribution.
 */
export interface Candidate {
  kind: CandidateKind;
  anchor: Anchor;
  measure: string;
  /** A boolean that must also hold (the early exit is not taken), or undefined. */
  guard?: string;
  /** What it means, in words, with `{K}` where the threshold goes. */
  rationale: string;
  /** For loop candidates: the loop's line (for display). */
  loopLine?: number;
  /** Thresholds that mean something whatever the inputs (0.5 for a ratio: the quotient is 1), tried beside the measured ones. */
  fixed?: number[];
  /** What it predicts: work (default), or wall time where the cost sits inside a built-in. */
  cost?: 'time';
}

/** Built-ins whose cost grows with the receiver's (or for RegExp test/exec, the argument's) length. */
const LINEAR_METHODS = new Set(['indexOf', 'lastIndexOf', 'includes', 'splice', 'shift', 'unshift', 'slice', 'concat', 'replace', 'replaceAll', 'split', 'join', 'sort', 'test', 'exec']);
const GROWERS: Record<string, 'length' | 'size'> = { push: 'length', unshift: 'length', set: 'size', add: 'size' };

const innermostLoop = (p: NodePath): NodePath<t.Loop> | undefined => {
  const q = p.findParent((x) => x.isLoop() || x.isFunction() || x.isProgram());
  return q?.isLoop() ? q : undefined;
};

/** A plain reference (`a`, `a.b`, `a[i]`): safe to read again before the statement runs. */
function isReference(node: t.Node): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  if (node.type === 'MemberExpression') {
    if (node.computed && !(node.property.type === 'Identifier' || node.property.type === 'NumericLiteral' || node.property.type === 'StringLiteral')) return false;
    return isReference(node.object);
  }
  if (node.type === 'TSNonNullExpression') return isReference(node.expression);
  return false;
}

const code = (node: t.Node) => generate(node);

/** Static candidates of one source file, from its AST alone. */
export function findCandidates(src: SourceFile): Candidate[] {
  const program = programPath(parseSource(src.code, src.rel));
  const out: Candidate[] = [];
  const add = (at: NodePath<t.Statement>, c: Omit<Candidate, 'anchor'>) => {
    if (canAnchor(at)) return;
    // The measure and guard must pass the same checks as any constraint, at this anchor.
    for (const e of [c.measure, c.guard]) {
      if (e === undefined) continue;
      const parsed = checkExpr(e);
      if (!parsed.ok || !placeAt(at, parsed).ok) return;
    }
    out.push({ ...c, anchor: anchorOf(at, src.code, src.rel) });
  };
  const where = (p: NodePath) => {
    const fn = p.getFunctionParent();
    return fn ? `${functionName(fn)}()` : 'module code';
  };

  program.traverse({
    Loop(p) {
      const body = p.get('body') as NodePath<t.Statement>;
      const first = body.isBlockStatement() ? (body.get('body')[0] as NodePath<t.Statement> | undefined) : body;
      if (!first) return;
      const line = p.node.loc?.start.line;
      const outer = innermostLoop(p);
      add(first, outer
        ? { kind: 'inner-trips', measure: '$trips', loopLine: line, rationale: `the inner loop at line ${line} of ${where(p)} runs more than {K} passes per pass of the loop around it` }
        : { kind: 'loop-trips', measure: '$trips', loopLine: line, rationale: `the loop at line ${line} of ${where(p)} runs more than {K} passes` });
    },
    IfStatement(p) {
      const loop = innermostLoop(p);
      if (!loop) return;
      const exits = (s: t.Statement): string | undefined => {
        if (s.type === 'BreakStatement' || s.type === 'ContinueStatement' || s.type === 'ReturnStatement') return s.type.replace('Statement', '').toLowerCase();
        if (s.type === 'BlockStatement') for (const x of s.body) {
          const e = exits(x);
          if (e) return e;
        }
        return undefined;
      };
      const exit = exits(p.node.consequent);
      if (!exit) return;
      add(p, {
        kind: 'early-exit',
        measure: '$trips',
        guard: `!(${code(p.node.test)})`,
        rationale: `the early ${exit} at line ${p.node.loc?.start.line} of ${where(p)} is not taken while its loop has run more than {K} passes`,
      });
    },
    CallExpression(p) {
      const callee = p.node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
      const method = callee.property.name;
      // The statement holding the call, also in a single-statement slot (`for (...) a.push(x)`).
      const stmt = p.findParent((x) => x.isStatement()) as NodePath<t.Statement> | null;
      if (!stmt) return;
      const grows = GROWERS[method];
      if (grows && stmt.isExpressionStatement() && stmt.node.expression === p.node && isReference(callee.object)) {
        if (!innermostLoop(stmt)) return;
        const coll = code(callee.object);
        add(stmt, {
          kind: 'collection-growth',
          measure: `${coll}.${grows}`,
          rationale: `${coll} already holds more than {K} items when .${method}() adds to it at line ${stmt.node.loc?.start.line} of ${where(p)}`,
        });
        return;
      }
      if (!LINEAR_METHODS.has(method) || !innermostLoop(stmt) || stmt.isLoop()) return;
      const regex = method === 'test' || method === 'exec';
      const subject = regex ? p.node.arguments[0] : callee.object;
      if (!subject || !isReference(subject)) return;
      const name = code(subject);
      add(stmt, {
        kind: 'builtin-arg',
        measure: `${name}.length`,
        cost: 'time',
        rationale: `${name} is longer than {K} when .${method}() (linear or worse in it) runs inside a loop at line ${stmt.node.loc?.start.line} of ${where(p)}`,
      });
    },
    BinaryExpression(p) {
      // `x % y` in a loop (Euclid, modular reduction): a divisor close to the dividend leaves a
      // remainder close to it, so each pass takes off little and the loop runs long.
      const { operator, left, right } = p.node;
      if (operator !== '%' || left.type === 'PrivateName' || !isReference(left) || !isReference(right)) return;
      const stmt = p.findParent((x) => x.isStatement()) as NodePath<t.Statement> | null;
      if (!stmt || stmt.isLoop() || !innermostLoop(stmt)) return;
      add(stmt, {
        kind: 'slow-remainder',
        measure: `${code(right)} / ${code(left)}`,
        fixed: [0.5],
        rationale: `in ${code(p.node)} at line ${stmt.node.loc?.start.line} of ${where(p)} the divisor is more than {K} of the dividend: each remainder step takes off little`,
      });
    },
    AssignmentExpression(p) {
      // `a[a.length] = x`: an append without push.
      const left = p.node.left;
      if (p.node.operator !== '=' || left.type !== 'MemberExpression' || !left.computed) return;
      const prop = left.property;
      if (prop.type !== 'MemberExpression' || prop.computed || prop.property.type !== 'Identifier' || prop.property.name !== 'length') return;
      if (!isReference(left.object) || code(prop.object) !== code(left.object)) return;
      const stmt = p.parentPath;
      if (!stmt?.isExpressionStatement() || !innermostLoop(stmt)) return;
      const coll = code(left.object);
      add(stmt, {
        kind: 'collection-growth',
        measure: `${coll}.length`,
        rationale: `${coll} already holds more than {K} items when it grows at line ${stmt.node.loc?.start.line} of ${where(p)}`,
      });
    },
    Function(p) {
      if (p.node.async || p.node.generator) return;
      const name = functionName(p);
      if (name === '<anonymous>') return;
      let recursive = false;
      p.traverse({
        Function(q) {
          q.skip();
        },
        CallExpression(q) {
          if (q.node.callee.type === 'Identifier' && q.node.callee.name === name) recursive = true;
        },
      });
      const body = p.get('body');
      if (!recursive || Array.isArray(body) || !body.isBlockStatement()) return;
      const first = body.get('body')[0] as NodePath<t.Statement> | undefined;
      if (!first) return;
      add(first, { kind: 'recursion-depth', measure: '$depth', rationale: `${name}() recurses more than {K} calls deep` });
    },
  });
  return out;
}
