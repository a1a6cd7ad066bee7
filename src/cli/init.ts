import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { readSignature } from '../target/init/signature.js';
import { renderTarget } from '../target/init/render.js';

interface InitFlags {
  id?: string;
  maxSize?: number;
  force?: boolean;
}

function parsePositive(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${text}" is not a positive whole number`);
  return n;
}

/** "parseHeader" → "parse-header": ids read like the bundled ones. */
export function defaultId(modulePath: string, exportName: string): string {
  const base = exportName === 'default' ? path.basename(modulePath).replace(/\..*$/, '') : exportName;
  return base.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'target';
}

/** Writes targets/<id>.target.ts for one function and returns what it wrote. */
export function initTarget(cwd: string, moduleRef: string, exportName: string | undefined, flags: InitFlags): { file: string; id: string; todos: string[] } {
  const modulePath = path.resolve(cwd, moduleRef);
  if (!existsSync(modulePath)) throw new Error(`${moduleRef}: no such file`);
  const sig = readSignature(readFileSync(modulePath, 'utf8'), modulePath, exportName);
  const id = flags.id ?? defaultId(modulePath, sig.exportName);
  if (!/^[A-Za-z0-9][\w.-]*$/.test(id)) throw new Error(`--id ${id}: use letters, digits, '.', '_' and '-'`);
  const targetsDir = path.join(cwd, 'targets');
  const file = path.join(targetsDir, `${id}.target.ts`);
  if (existsSync(file) && !flags.force) throw new Error(`${path.relative(cwd, file)} exists: pass --force to overwrite it, or --id to choose another name`);
  const rendered = renderTarget(sig, { id, modulePath, targetsDir, maxSize: flags.maxSize });
  mkdirSync(targetsDir, { recursive: true });
  writeFileSync(file, rendered.source);
  return { file, id, todos: rendered.todos };
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write targets/<id>.target.ts for a function, with an input derived from its parameter types')
    .argument('<module>', 'the source file that exports the function')
    .argument('[export]', 'the exported function (default: the default export, or the only exported function)')
    .option('--id <name>', 'the target id (default: the export name, or the file name for a default export)')
    .option('--max-size <n>', 'the size budget (default: 1000 characters, 100 elements)', parsePositive)
    .option('--force', 'overwrite an existing target file')
    .action((moduleRef: string, exportName: string | undefined, flags: InitFlags) => {
      const cwd = process.cwd();
      const { file, id, todos } = initTarget(cwd, moduleRef, exportName, flags);
      const out = [`wrote ${path.relative(cwd, file)}`];
      if (todos.length) out.push(`${todos.length} type${todos.length === 1 ? '' : 's'} to adjust (marked TODO in the file):`, ...todos.map((t) => `  ${t}`));
      out.push(`next: npx wedge run ${id} --time 30s`);
      process.stdout.write(out.join('\n') + '\n');
    });
}
