import type { types as BabelTypes } from '@babel/core';
import { GUARD_GLOBAL, GUARD_LOCAL } from './constraint-guard.js';

/*
 * Rewriting a constraint expression at instrumentation time so that every read, call and
 * conversion goes through the runtime guard (constraint-guard.ts).
 */

const GLOBALS_CAPTURED = new Set(['Math', 'Number', 'Array', 'Object']);
const NO_COERCION_OPERATORS = new Set(['===', '!==']);

/**
 * Rewrites a checked constraint expression (validate-expr.ts) so that every read, call and
 * conversion goes through the guard. Meter names ($trips, $size, $depth) are left for the meter
 * rewriting that follows; they are numbers kept by the instrumentation.
 */
export function guardExpr(t: typeof BabelTypes, expr: BabelTypes.Expression): BabelTypes.Expression {
  const g = (name: string) => t.memberExpression(t.identifier(GUARD_LOCAL), t.identifier(name));
  const guardCall = (name: string, args: BabelTypes.Expression[]) => t.callExpression(g(name), args);
  const prim = (e: BabelTypes.Expression) => (isPrimitive(e) ? e : guardCall('p', [e]));

  const isPrimitive = (n: BabelTypes.Node): boolean => {
    switch (n.type) {
      case 'NumericLiteral':
      case 'StringLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'BigIntLiteral':
      case 'TemplateLiteral':
      case 'UnaryExpression':
      case 'BinaryExpression':
        return true;
      case 'Identifier':
        return n.name.startsWith('$') || n.name === 'undefined' || n.name === 'NaN' || n.name === 'Infinity';
      case 'LogicalExpression':
        return isPrimitive(n.left) && isPrimitive(n.right);
      case 'ConditionalExpression':
        return isPrimitive(n.consequent) && isPrimitive(n.alternate);
      case 'CallExpression':
        // Results of the guard's static calls and of `p` are numbers and booleans.
        return t.isMemberExpression(n.callee) && t.isIdentifier(n.callee.object, { name: GUARD_LOCAL }) && t.isIdentifier(n.callee.property) && (n.callee.property.name === 's' || n.callee.property.name === 'p' || n.callee.property.name === 'eq');
      default:
        return false;
    }
  };

  const isNullish = (n: BabelTypes.Node) => n.type === 'NullLiteral' || (n.type === 'UnaryExpression' && n.operator === 'void');

  const keyOf = (m: BabelTypes.MemberExpression | BabelTypes.OptionalMemberExpression): BabelTypes.Expression => {
    if (m.computed) return lower(m.property as BabelTypes.Expression);
    return t.stringLiteral((m.property as BabelTypes.Identifier).name);
  };

  /** A call whose callee is `obj.name` (checked by validate-expr), with its object already lowered. */
  const lowerCall = (callee: BabelTypes.MemberExpression | BabelTypes.OptionalMemberExpression, object: BabelTypes.Expression | undefined, args: BabelTypes.Node[]): BabelTypes.Expression => {
    const name = (callee.property as BabelTypes.Identifier).name;
    const loweredArgs = args.map((a) => lower(a as BabelTypes.Expression));
    if (object === undefined && t.isIdentifier(callee.object) && GLOBALS_CAPTURED.has(callee.object.name)) {
      return guardCall('s', [t.stringLiteral(`${callee.object.name}.${name}`), ...loweredArgs]);
    }
    return guardCall('m', [object ?? lower(callee.object), t.stringLiteral(name), ...loweredArgs]);
  };

  /**
   * An optional chain (`a?.b.c`, `a?.f(x)`): the value of the whole chain and the parts whose
   * nullishness ends it early. Repeating a part in the test is safe: lowered reads have no effects.
   */
  const lowerChain = (n: BabelTypes.Node): { value: BabelTypes.Expression; ends: BabelTypes.Expression[] } => {
    if (n.type === 'OptionalMemberExpression' || n.type === 'OptionalCallExpression') {
      if (n.type === 'OptionalMemberExpression') {
        const inner = lowerChain(n.object);
        const ends = n.optional ? [...inner.ends, inner.value] : inner.ends;
        return { value: guardCall('r', [inner.value, keyOf(n)]), ends };
      }
      const callee = n.callee as BabelTypes.MemberExpression | BabelTypes.OptionalMemberExpression;
      const inner = lowerChain(callee.object);
      // `a.f?.(x)`: the method is always a built-in read-only one, so only `a?.f(x)` can end here.
      const ends = callee.type === 'OptionalMemberExpression' && callee.optional ? [...inner.ends, inner.value] : inner.ends;
      return { value: lowerCall(callee, inner.value, n.arguments), ends };
    }
    if (n.type === 'MemberExpression') return { value: guardCall('r', [lowerChainValue(n.object), keyOf(n)]), ends: [] };
    return { value: lower(n as BabelTypes.Expression), ends: [] };
  };
  const lowerChainValue = (n: BabelTypes.Node): BabelTypes.Expression => {
    const c = lowerChain(n);
    if (c.ends.length === 0) return c.value;
    const [first, ...rest] = c.ends.map((e): BabelTypes.Expression => t.binaryExpression('==', t.cloneNode(e, true), t.nullLiteral()));
    const test = rest.reduce((a, b) => t.logicalExpression('||', a, b), first!);
    return t.conditionalExpression(test, t.unaryExpression('void', t.numericLiteral(0)), c.value);
  };

  const lower = (n: BabelTypes.Expression): BabelTypes.Expression => {
    switch (n.type) {
      case 'Identifier':
        if (GLOBALS_CAPTURED.has(n.name)) return g(n.name);
        if (n.name === 'undefined') return t.unaryExpression('void', t.numericLiteral(0));
        if (n.name === 'NaN') return t.binaryExpression('/', t.numericLiteral(0), t.numericLiteral(0));
        if (n.name === 'Infinity') return t.binaryExpression('/', t.numericLiteral(1), t.numericLiteral(0));
        return n;
      case 'MemberExpression':
        return guardCall('r', [lower(n.object), keyOf(n)]);
      case 'OptionalMemberExpression':
      case 'OptionalCallExpression':
        return lowerChainValue(n);
      case 'CallExpression': {
        return lowerCall(n.callee as BabelTypes.MemberExpression, undefined, n.arguments);
      }
      case 'UnaryExpression':
        if (n.operator === '-' || n.operator === '+' || n.operator === '~') return t.unaryExpression(n.operator, prim(lower(n.argument)));
        return t.unaryExpression(n.operator, lower(n.argument));
      case 'BinaryExpression': {
        const left = lower(n.left as BabelTypes.Expression);
        const right = lower(n.right);
        if (NO_COERCION_OPERATORS.has(n.operator)) return t.binaryExpression(n.operator, left, right);
        if (n.operator === '==' || n.operator === '!=') {
          // `x == null` never converts x; nor does `==` between primitives.
          const plain = (isPrimitive(left) && isPrimitive(right)) || isNullish(left) || isNullish(right);
          const eq = plain ? t.binaryExpression('==', left, right) : guardCall('eq', [left, right]);
          return n.operator === '==' ? eq : t.unaryExpression('!', eq);
        }
        return t.binaryExpression(n.operator, prim(left), prim(right));
      }
      case 'LogicalExpression':
        return t.logicalExpression(n.operator, lower(n.left), lower(n.right));
      case 'ConditionalExpression':
        return t.conditionalExpression(lower(n.test), lower(n.consequent), lower(n.alternate));
      case 'TemplateLiteral':
        return t.templateLiteral(n.quasis, n.expressions.map((e) => prim(lower(e as BabelTypes.Expression))));
      case 'ArrayExpression':
        return t.arrayExpression(n.elements.map((e) => (e === null ? null : lower(e as BabelTypes.Expression))));
      default:
        // Literals, `this`, regular expression literals: nothing to guard.
        return n;
    }
  };

  return lower(expr);
}

/** A guarded value for a measure (`+expr`): converted to a number only when it is a primitive. */
export function guardNumber(t: typeof BabelTypes, expr: BabelTypes.Expression): BabelTypes.Expression {
  const lowered = guardExpr(t, expr);
  return t.unaryExpression('+', t.callExpression(t.memberExpression(t.identifier(GUARD_LOCAL), t.identifier('p')), [lowered]));
}

/** `const __wedge_g = globalThis.__wedge_guard;` for the top of an instrumented file. */
export function guardDeclaration(t: typeof BabelTypes): BabelTypes.Statement {
  return t.variableDeclaration('const', [
    t.variableDeclarator(t.identifier(GUARD_LOCAL), t.memberExpression(t.identifier('globalThis'), t.identifier(GUARD_GLOBAL))),
  ]);
}
