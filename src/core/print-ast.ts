import generatorModule from '@babel/generator';
import type * as t from '@babel/types';

// @babel/generator is CommonJS: under ESM its function arrives as the module or under `default`.
type GenerateFn = (typeof generatorModule)['default'];
const gen: GenerateFn = ((generatorModule as unknown as { default?: GenerateFn }).default ?? generatorModule) as GenerateFn;

/** Prints a checked AST back to source: one line, no comments. */
export function generate(node: t.Node): string {
  return gen(node, { comments: false, compact: false, retainLines: false }).code.replace(/\s*\n\s*/g, ' ');
}
