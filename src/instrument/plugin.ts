import type { PluginObj, NodePath, types as BabelTypes } from '@babel/core';
import type { ProbeKind, ProbeSite } from './probe-kinds.js';
import { REGISTRY_GLOBAL, type SourceRegex } from './probe-kinds.js';
import { regexText } from './regex-text.js';
import { COUNTERS, SCRATCH, insertExtraProbes, prepareExtraProbes, type ExtraProbe } from './constraint-probes.js';

export interface PluginState {
  /** Filled by the plugin: one entry per probe, index = probe id within the file. */
  sites: ProbeSite[];
  /** File key passed to the registry at module load. */
  file: string;
  /** String and number literals of the source: tokens for dictionary mutators. */
  strings: Set<string>;
  numbers: Set<number>;
  /** Characters the source tests its input for: in string, template and regex literals, char codes compared. */
  chars: Set<string>;
  /** Regular expression literals, with where they are (analysed for slow patterns). */
  regexes: SourceRegex[];
  /** Constraint and measure probes of this file (see constraint-probes.ts). */
  extras?: ExtraProbe[];
}

/**
 * Babel plugin: gives every function entry, branch arm (with the implicit else), switch case,
 * loop body and loop exit, right operand of && || ??, ?: arm and catch block a probe
 * `__wedge_c[id]++` on a Uint32Array view. The code's behaviour is unchanged: probes are
 * statements or the left side of a comma expression.
 */
export function wedgeInstrumentPlugin({ types: t }: { types: typeof BabelTypes }, opts: PluginState): PluginObj {
  const done = new WeakSet<BabelTypes.Node>();
  let prepared: ReturnType<typeof prepareExtraProbes> = [];

  function enclosingFn(path: NodePath): string {
    const fn = path.isFunction() ? path : path.getFunctionParent();
    if (!fn) return '';
    const node = fn.node as BabelTypes.Function & { id?: BabelTypes.Identifier | null; key?: BabelTypes.Node };
    if (node.id && t.isIdentifier(node.id)) return node.id.name;
    if ('key' in node && node.key && t.isIdentifier(node.key)) return node.key.name;
    const parent = fn.parentPath;
    if (parent?.isVariableDeclarator() && t.isIdentifier(parent.node.id)) return parent.node.id.name;
    if (parent?.isObjectProperty() && t.isIdentifier(parent.node.key)) return parent.node.key.name;
    if (parent?.isAssignmentExpression() && t.isMemberExpression(parent.node.left) && t.isIdentifier(parent.node.left.property)) {
      return parent.node.left.property.name;
    }
    return '<anonymous>';
  }

  function newProbe(kind: ProbeKind, path: NodePath, at?: BabelTypes.Node): BabelTypes.UpdateExpression {
    const loc = (at ?? path.node).loc ?? path.node.loc;
    const id = opts.sites.length;
    opts.sites.push({ kind, line: loc?.start.line ?? 0, column: loc?.start.column ?? 0, fn: enclosingFn(path) });
    return t.updateExpression('++', t.memberExpression(t.identifier(COUNTERS), t.numericLiteral(id), true));
  }
  const stmt = (e: BabelTypes.Expression) => t.expressionStatement(e);
  const addChars = (v: string) => {
    let k = 0;
    for (const c of v) {
      if (++k > 256) break;
      opts.chars.add(c);
    }
  };
  const isCharCodeCall = (e: BabelTypes.Node) =>
    t.isCallExpression(e) && t.isMemberExpression(e.callee) && t.isIdentifier(e.callee.property) && /^(charCodeAt|codePointAt)$/.test(e.callee.property.name);
  /**
   * `new RegExp(...)` and `RegExp(...)` become `registry.regex(site, new RegExp(...))`, which
   * notes each distinct pattern once: patterns built at run time (joined arrays, token tables,
   * route compilers) are analysed like literals. The value is returned unchanged.
   */
  function wrapRegexConstruction(path: NodePath<BabelTypes.NewExpression | BabelTypes.CallExpression>): void {
    const node = path.node;
    if (done.has(node) || !t.isIdentifier(node.callee, { name: 'RegExp' }) || path.scope.getBinding('RegExp')) return;
    done.add(node);
    const loc = node.loc?.start;
    const site = JSON.stringify({ line: loc?.line ?? 0, fn: enclosingFn(path) });
    path.replaceWith(
      t.callExpression(t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier(REGISTRY_GLOBAL)), t.identifier('regex')), [
        t.stringLiteral(opts.file),
        t.stringLiteral(site),
        node,
      ]),
    );
  }
  /** Prefix an expression with a probe: `(probe, expr)`. */
  const tagExpr = (kind: ProbeKind, path: NodePath, e: BabelTypes.Expression) =>
    t.sequenceExpression([newProbe(kind, path, e), e]);
  /** Make a statement slot a block that starts with a probe. */
  function probeBlock(kind: ProbeKind, path: NodePath, body: BabelTypes.Statement, at?: BabelTypes.Node): BabelTypes.BlockStatement {
    const probe = stmt(newProbe(kind, path, at ?? body));
    if (t.isBlockStatement(body)) {
      body.body.unshift(probe);
      return body;
    }
    return t.blockStatement([probe, body]);
  }

  return {
    name: 'wedge-instrument',
    visitor: {
      Function(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        if (t.isBlockStatement(node.body)) {
          node.body.body.unshift(stmt(newProbe('function', path, node)));
        } else {
          // Arrow with an expression body.
          node.body = tagExpr('function', path, node.body);
        }
      },
      IfStatement(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        node.consequent = probeBlock('branch', path, node.consequent);
        if (node.alternate) {
          // `else if` chains stay chains: the nested if gets its own probes.
          if (!t.isIfStatement(node.alternate)) node.alternate = probeBlock('branch', path, node.alternate);
          else node.alternate = t.blockStatement([stmt(newProbe('branch', path, node.alternate)), node.alternate]);
        } else {
          node.alternate = t.blockStatement([stmt(newProbe('else', path, node))]);
        }
      },
      SwitchCase(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        node.consequent.unshift(stmt(newProbe('case', path, node)));
      },
      Loop(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        node.body = probeBlock('loop', path, node.body, node);
        const exit = stmt(newProbe('loop-exit', path, node));
        const holder = path.parentPath?.isLabeledStatement() ? path.parentPath : path;
        if (holder.parentPath && (holder.parentPath.isBlockStatement() || holder.parentPath.isProgram() || holder.parentPath.isSwitchCase())) {
          holder.insertAfter(exit);
        } else {
          // A loop in a single-statement slot (e.g. `if (x) for (...) ...`): wrap it in a block.
          holder.replaceWith(t.blockStatement([holder.node as BabelTypes.Statement, exit]));
        }
      },
      LogicalExpression(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        node.right = tagExpr('logical', path, node.right);
      },
      ConditionalExpression(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        node.consequent = tagExpr('cond', path, node.consequent);
        node.alternate = tagExpr('cond', path, node.alternate);
      },
      StringLiteral(path) {
        if (path.parentPath.isImportDeclaration() || path.parentPath.isExportDeclaration()) return;
        const v = path.node.value;
        if (v.length > 0 && v.length <= 32) opts.strings.add(v);
        addChars(v);
      },
      TemplateElement(path) {
        addChars(path.node.value.cooked ?? '');
      },
      RegExpLiteral(path) {
        if (done.has(path.node)) return;
        done.add(path.node);
        const { pattern, flags } = path.node;
        const loc = path.node.loc?.start;
        opts.regexes.push({ source: pattern, flags, line: loc?.line ?? 0, fn: enclosingFn(path) });
        const text = regexText(pattern);
        for (const c of text.chars) opts.chars.add(c);
        for (const token of text.tokens) opts.strings.add(token);
        // `registry.lit(/re/)`: the search can watch what this regex runs on (regex-taps).
        path.replaceWith(
          t.callExpression(t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier(REGISTRY_GLOBAL)), t.identifier('lit')), [path.node]),
        );
      },
      NumericLiteral(path) {
        if (!path.parentPath.isMemberExpression({ computed: true })) opts.numbers.add(path.node.value);
        // `s.charCodeAt(i) === 10`: the code looks for that character.
        const cmp = path.parentPath;
        if (cmp.isBinaryExpression() && /^[=!]==?$|^[<>]=?$/.test(cmp.node.operator)) {
          const other = cmp.node.left === path.node ? cmp.node.right : cmp.node.left;
          const v = path.node.value;
          if (isCharCodeCall(other) && Number.isInteger(v) && v >= 0 && v <= 0x10ffff) opts.chars.add(String.fromCodePoint(v));
        }
      },
      NewExpression(path) {
        wrapRegexConstruction(path);
      },
      CallExpression(path) {
        wrapRegexConstruction(path);
      },
      CatchClause(path) {
        const node = path.node;
        if (done.has(node)) return;
        done.add(node);
        node.body.body.unshift(stmt(newProbe('catch', path, node)));
      },
      Program: {
        enter(path, state) {
          // Anchors are resolved on the untouched AST: key paths and hashes name original statements.
          if (opts.extras?.length) prepared = prepareExtraProbes(path, state.file.code, opts.extras);
        },
        exit(path) {
          const layout = insertExtraProbes(t, path.node, prepared, (site) => opts.sites.push(site) - 1, done);
          if (layout.length > 0) {
            // Scratch slots (meters, constraint errors, measures) sit apart from the work counters.
            path.node.body.unshift(
              t.variableDeclaration('const', [
                t.variableDeclarator(
                  t.identifier(SCRATCH),
                  t.callExpression(
                    t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier(REGISTRY_GLOBAL)), t.identifier('scratchFor')),
                    [t.stringLiteral(opts.file), t.stringLiteral(JSON.stringify(layout))],
                  ),
                ),
              ]),
            );
          }
          // The view is taken once per module load; `file` registers the probe sites.
          const sites = JSON.stringify(opts.sites);
          const dictionary = JSON.stringify({ strings: [...opts.strings], numbers: [...opts.numbers], chars: [...opts.chars], regexes: opts.regexes });
          const init = t.variableDeclaration('const', [
            t.variableDeclarator(
              t.identifier(COUNTERS),
              t.callExpression(
                t.memberExpression(t.memberExpression(t.identifier('globalThis'), t.identifier(REGISTRY_GLOBAL)), t.identifier('file')),
                [t.stringLiteral(opts.file), t.stringLiteral(sites), t.stringLiteral(dictionary)],
              ),
            ),
          ]);
          path.node.body.unshift(init);
        },
      },
    },
  };
}
