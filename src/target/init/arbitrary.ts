import { generate } from '../../core/print-ast.js';
import type * as t from '@babel/types';

type Decls = Map<string, t.TSInterfaceDeclaration | t.TSTypeAliasDeclaration>;

/** Lengths of strings and arrays that are not what the size measures: small, so inputs stay cheap to mutate. */
export const INNER_LENGTH = 16;
/** Numbers in a range that loops and allocations sized by them can finish. */
export const NUMBER_RANGE = 1000;

/** What a type is, once aliases, parentheses and `| undefined` are seen through. */
export type Kind = 'string' | 'array' | 'number' | 'boolean' | 'record' | 'other';

export interface Field {
  name: string;
  type: t.TSType;
  optional: boolean;
}

/** A single-quoted JavaScript string literal, as the project writes them. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The type's text as written, for messages and TODO comments. */
export function typeText(type: t.TSType): string {
  return generate(type).replace(/\s+/g, ' ');
}

/**
 * Turns TypeScript types of one module into fast-check source text. Types it cannot map
 * (imported, generic, functions, classes) become `fc.string()` and are listed in `todos`, so the
 * generated target still loads and the user sees what to adjust.
 */
export class ArbitraryWriter {
  readonly todos: string[] = [];
  private readonly resolving = new Set<string>();

  constructor(private readonly decls: Decls) {}

  /** Sees through parentheses, `readonly`, `T | undefined` and aliases/interfaces declared in the module. */
  resolve(type: t.TSType): t.TSType | t.TSInterfaceDeclaration {
    for (let depth = 0; depth < 32; depth++) {
      if (type.type === 'TSParenthesizedType') type = type.typeAnnotation;
      else if (type.type === 'TSTypeOperator' && type.operator === 'readonly') type = type.typeAnnotation;
      else if (type.type === 'TSUnionType') {
        const kept = type.types.filter((m) => m.type !== 'TSUndefinedKeyword' && m.type !== 'TSVoidKeyword');
        if (kept.length !== 1) return type;
        type = kept[0]!;
      } else if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && !type.typeParameters) {
        const d = this.decls.get(type.typeName.name);
        if (!d) return type;
        if (d.type === 'TSInterfaceDeclaration') return d;
        if (d.typeParameters) return type;
        type = d.typeAnnotation;
      } else return type;
    }
    return type;
  }

  kindOf(type: t.TSType): Kind {
    const r = this.resolve(type);
    if (r.type === 'TSInterfaceDeclaration' || r.type === 'TSTypeLiteral') return 'record';
    if (r.type === 'TSStringKeyword') return 'string';
    if (r.type === 'TSNumberKeyword') return 'number';
    if (r.type === 'TSBooleanKeyword') return 'boolean';
    if (arrayElement(r)) return 'array';
    return 'other';
  }

  /** The fields of a record type (an object type literal or an interface of the module), or undefined. */
  fields(type: t.TSType): Field[] | undefined {
    const r = this.resolve(type);
    if (r.type === 'TSInterfaceDeclaration') {
      const own = membersToFields(r.body.body);
      if (!own) return undefined;
      const inherited: Field[] = [];
      for (const h of r.extends ?? []) {
        const base = h.expression.type === 'Identifier' ? this.decls.get(h.expression.name) : undefined;
        const f = base && !h.typeParameters ? this.fields({ type: 'TSTypeReference', typeName: h.expression } as t.TSTypeReference) : undefined;
        if (!f) return undefined;
        inherited.push(...f.filter((x) => !own.some((o) => o.name === x.name)));
      }
      return [...inherited, ...own];
    }
    if (r.type === 'TSTypeLiteral') return membersToFields(r.members);
    return undefined;
  }

  /**
   * fast-check source for `type`. `budget` is the length the outermost string or array may reach
   * (the size budget when it is what `size` measures); nested ones get INNER_LENGTH.
   */
  arbitrary(type: t.TSType, budget?: number, where = 'input'): string {
    const length = budget ?? INNER_LENGTH;
    const r = this.resolve(type);
    if (r.type === 'TSInterfaceDeclaration') return this.record(type, budget, where);
    if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && r === type) {
      const name = type.typeName.name;
      if (this.resolving.has(name)) return this.todo(type, where, 'a recursive type');
    }
    switch (r.type) {
      case 'TSStringKeyword':
        return `fc.string({ maxLength: ${length} })`;
      case 'TSNumberKeyword':
        return budget !== undefined ? `fc.integer({ min: -${budget}, max: ${budget} })` : `fc.integer({ min: -${NUMBER_RANGE}, max: ${NUMBER_RANGE} })`;
      case 'TSBooleanKeyword':
        return 'fc.boolean()';
      case 'TSNullKeyword':
        return 'fc.constant(null)';
      case 'TSLiteralType':
        return literal(r) ?? this.todo(r, where);
      case 'TSTypeLiteral':
        return this.record(type, budget, where);
      case 'TSTupleType':
        return `fc.tuple(${r.elementTypes.map((e, i) => this.arbitrary(tupleMember(e), undefined, `${where}[${i}]`)).join(', ')})`;
      case 'TSUnionType':
        return this.union(r, budget, where);
      default:
        break;
    }
    const elem = arrayElement(r);
    if (elem) return `fc.array(${this.withRef(type, () => this.arbitrary(elem, undefined, `${where}[]`))}, { maxLength: ${length} })`;
    const dict = dictionaryValue(r);
    if (dict) return `fc.dictionary(fc.string({ maxLength: 8 }), ${this.withRef(type, () => this.arbitrary(dict, undefined, `${where}[key]`))}, { maxKeys: ${length} })`;
    return this.todo(r, where);
  }

  private withRef(type: t.TSType, f: () => string): string {
    const name = type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' ? type.typeName.name : undefined;
    if (!name || !this.decls.has(name)) return f();
    if (this.resolving.has(name)) return this.todo(type, '', 'a recursive type');
    this.resolving.add(name);
    try {
      return f();
    } finally {
      this.resolving.delete(name);
    }
  }

  private record(type: t.TSType, budget: number | undefined, where: string): string {
    return this.withRef(type, () => {
      const fields = this.fields(type);
      if (!fields) return this.todo(type, where);
      const measured = budget !== undefined ? measuredField(this, fields) : undefined;
      const body = fields
        .map((f) => `${/^[A-Za-z_$][\w$]*$/.test(f.name) ? f.name : quote(f.name)}: ${this.arbitrary(f.type, f === measured ? budget : undefined, `${where}.${f.name}`)}`)
        .join(', ');
      const required = fields.filter((f) => !f.optional).map((f) => quote(f.name));
      // Optional fields are left out of some records (never set to undefined: inputs are JSON).
      const opts = required.length < fields.length ? `, { requiredKeys: [${required.join(', ')}] }` : '';
      return `fc.record({ ${body} }${opts})`;
    });
  }

  private union(u: t.TSUnionType, budget: number | undefined, where: string): string {
    const members = u.types.filter((m) => m.type !== 'TSUndefinedKeyword' && m.type !== 'TSVoidKeyword');
    const lits = members.map((m) => (m.type === 'TSLiteralType' ? literalValue(m) : m.type === 'TSNullKeyword' ? 'null' : undefined));
    if (lits.every((l) => l !== undefined) && lits.some((l) => l !== 'null')) return `fc.constantFrom(${lits.join(', ')})`;
    const nonNull = members.filter((m) => m.type !== 'TSNullKeyword');
    if (nonNull.length === 1) return `fc.option(${this.arbitrary(nonNull[0]!, budget, where)}, { nil: null })`;
    return `fc.oneof(${members.map((m, i) => this.arbitrary(m, budget, `${where}|${i}`)).join(', ')})`;
  }

  private todo(type: t.TSType | t.TSInterfaceDeclaration, where: string, why?: string): string {
    const text = type.type === 'TSInterfaceDeclaration' ? type.id.name : typeText(type);
    this.todos.push(`could not derive ${text}${why ? ` (${why})` : ''}${where ? ` for ${where}` : ''}; adjust`);
    return `fc.string({ maxLength: ${INNER_LENGTH} }) /* TODO: ${text.replace(/\*\//g, '* /')} */`;
  }
}

function membersToFields(members: t.TSTypeElement[]): Field[] | undefined {
  const out: Field[] = [];
  for (const m of members) {
    if (m.type !== 'TSPropertySignature' || m.computed) return undefined;
    const name = m.key.type === 'Identifier' ? m.key.name : m.key.type === 'StringLiteral' ? m.key.value : m.key.type === 'NumericLiteral' ? String(m.key.value) : undefined;
    const ann = m.typeAnnotation?.typeAnnotation;
    if (name === undefined || !ann) return undefined;
    out.push({ name, type: ann, optional: !!m.optional || (ann.type === 'TSUnionType' && ann.types.some((x) => x.type === 'TSUndefinedKeyword')) });
  }
  return out;
}

/** `T[]`, `Array<T>`, `ReadonlyArray<T>`: the element type. */
function arrayElement(type: t.TSType): t.TSType | undefined {
  if (type.type === 'TSArrayType') return type.elementType;
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && ['Array', 'ReadonlyArray'].includes(type.typeName.name) && type.typeParameters?.params.length === 1) {
    return type.typeParameters.params[0];
  }
  return undefined;
}

/** `Record<string, V>` or `{ [k: string]: V }`: the value type. */
function dictionaryValue(type: t.TSType): t.TSType | undefined {
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && type.typeName.name === 'Record' && type.typeParameters?.params.length === 2 && type.typeParameters.params[0]!.type === 'TSStringKeyword') {
    return type.typeParameters.params[1];
  }
  return undefined;
}

function tupleMember(e: t.TSType | t.TSNamedTupleMember): t.TSType {
  if (e.type === 'TSNamedTupleMember') return e.elementType;
  if (e.type === 'TSOptionalType') return e.typeAnnotation;
  return e;
}

function literalValue(l: t.TSLiteralType): string | undefined {
  const v = l.literal;
  if (v.type === 'StringLiteral') return quote(v.value);
  if (v.type === 'NumericLiteral' || v.type === 'BooleanLiteral') return String(v.value);
  if (v.type === 'UnaryExpression' && v.operator === '-' && v.argument.type === 'NumericLiteral') return String(-v.argument.value);
  return undefined;
}

function literal(l: t.TSLiteralType): string | undefined {
  const v = literalValue(l);
  return v === undefined ? undefined : `fc.constant(${v})`;
}

/** The one string or array field of a record, which its size is measured by; undefined when there are none or several. */
export function measuredField(w: ArbitraryWriter, fields: Field[]): Field | undefined {
  const sized = fields.filter((f) => ['string', 'array'].includes(w.kindOf(f.type)));
  return sized.length === 1 ? sized[0] : undefined;
}
