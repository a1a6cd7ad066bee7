// Every regular expression written in a file's source, as a static checker reads it: literals,
// and RegExp(...) / new RegExp(...) whose arguments fold to constant strings (string literals,
// templates, arrays and `+` over them, and variables declared once in the file with such a value).
import { readFileSync } from 'node:fs';
import { parse } from '@babel/parser';

export interface FoundRegex {
  pattern: string;
  flags: string;
  file: string;
  line: number;
}

type Node = { type?: string; loc?: { start: { line: number } } | null; [k: string]: unknown };

function children(node: Node): unknown[] {
  return Object.keys(node)
    .filter((k) => k !== 'loc' && k !== 'start' && k !== 'end' && k !== 'extra' && !k.endsWith('Comments'))
    .map((k) => node[k]);
}

function walk(n: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(n)) {
    for (const x of n) walk(x, visit);
    return;
  }
  if (!n || typeof n !== 'object') return;
  visit(n as Node);
  for (const c of children(n as Node)) walk(c, visit);
}

/** Variables declared exactly once in the file, by name → their initializer. */
function declarations(program: unknown): Map<string, Node | null> {
  const seen = new Map<string, Node | null>();
  walk(program, (node) => {
    if (node.type !== 'VariableDeclarator') return;
    const id = node.id as Node;
    if (id.type !== 'Identifier') return;
    const name = id.name as string;
    seen.set(name, seen.has(name) ? null : ((node.init as Node | null) ?? null));
  });
  return seen;
}

/** A constant string value, or undefined. */
function fold(node: Node | undefined, decls: Map<string, Node | null>, depth = 0): string | undefined {
  if (!node || depth > 20) return undefined;
  switch (node.type) {
    case 'StringLiteral':
      return node.value as string;
    case 'TemplateLiteral': {
      const quasis = node.quasis as Node[];
      const exprs = node.expressions as Node[];
      let s = (quasis[0]!.value as { cooked: string | null }).cooked ?? undefined;
      for (let i = 0; s !== undefined && i < exprs.length; i++) {
        const v = fold(exprs[i], decls, depth + 1);
        const q = (quasis[i + 1]!.value as { cooked: string | null }).cooked;
        s = v === undefined || q === null ? undefined : s + v + q;
      }
      return s;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return undefined;
      const a = fold(node.left as Node, decls, depth + 1);
      const b = a === undefined ? undefined : fold(node.right as Node, decls, depth + 1);
      return b === undefined ? undefined : a! + b;
    }
    case 'ArrayExpression': {
      // As a string (in `+` or as RegExp's pattern) an array is its elements joined by commas.
      const parts = (node.elements as (Node | null)[]).map((e) => (e ? fold(e, decls, depth + 1) : undefined));
      return parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
    }
    case 'Identifier': {
      const init = decls.get(node.name as string);
      return init ? fold(init, decls, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

export function regexesIn(file: string): FoundRegex[] {
  let ast;
  try {
    ast = parse(readFileSync(file, 'utf8'), { sourceType: 'unambiguous', errorRecovery: true, allowReturnOutsideFunction: true });
  } catch {
    return [];
  }
  const decls = declarations(ast.program);
  const out: FoundRegex[] = [];
  walk(ast.program, (node) => {
    const line = node.loc?.start.line ?? 0;
    if (node.type === 'RegExpLiteral') {
      out.push({ pattern: node.pattern as string, flags: node.flags as string, file, line });
    } else if ((node.type === 'NewExpression' || node.type === 'CallExpression') && (node.callee as Node).type === 'Identifier' && (node.callee as Node).name === 'RegExp') {
      const [src, fl] = node.arguments as Node[];
      const pattern = fold(src, decls);
      const flags = fl === undefined ? '' : fold(fl, decls);
      if (pattern !== undefined && flags !== undefined) out.push({ pattern, flags, file, line });
    }
  });
  return out;
}
