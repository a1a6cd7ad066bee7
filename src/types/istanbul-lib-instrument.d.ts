// The published typings describe the Babel 6 API; Wedge uses only the program visitor, on Babel 7.
declare module 'istanbul-lib-instrument' {
  import type { NodePath, types } from '@babel/core';
  export interface ProgramVisitor {
    enter(path: NodePath<types.Program>): void;
    exit(path: NodePath<types.Program>): { fileCoverage: unknown; sourceMappingURL?: string };
  }
  export function programVisitor(t: typeof types, sourceFilePath: string, opts?: { coverageVariable?: string; esModules?: boolean }): ProgramVisitor;
}
