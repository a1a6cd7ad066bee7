// The README's command table and each command's --help state the same defaults: every flag the
// table shows with a value (`[--top 10]`) has that value as its default in --help.
import test from 'ava';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');

/** Placeholders in the table, not defaults: `--execs N`, `--out FILE`, `--llm provider:model`. */
const PLACEHOLDER = /^([A-Z]+|provider:model|F)$/;

/** Command (e.g. `export tests`) → flag → the value the README's table shows for it. */
function readmeDefaults(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const table = readme.slice(readme.indexOf('## Commands'));
  for (const row of table.split('\n').filter((l) => l.startsWith('| `wedge '))) {
    // The first cell may name several commands (`wedge fleet start ...`, `wedge fleet worker ...`).
    const cell = row.split(/(?<!\\)\|/)[1]!;
    for (const [, syntax] of cell.matchAll(/`wedge ([^`]+)`/g)) {
      const command = /^([a-z]+(?: [a-z]+)*)/.exec(syntax!)![1]!;
      const flags = new Map<string, string>();
      for (const m of syntax!.matchAll(/\[(--[a-z-]+) ([^\]\s|\\]+)\]/g)) {
        if (!PLACEHOLDER.test(m[2]!)) flags.set(m[1]!, m[2]!);
      }
      out.set(command, flags);
    }
  }
  return out;
}

/** Flag → its description in `wedge <command> --help`, wrapped lines joined. */
async function helpFlags(command: string): Promise<Map<string, string>> {
  const { stdout } = await run(process.execPath, [path.join(repo, 'bin/wedge.mjs'), ...command.split(' '), '--help'], { cwd: repo });
  const flags = new Map<string, string>();
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    const m = /^ {2}(?:-\w, )?(--[a-z-]+)(?: <[^>]+>)?\s+(.*)$/.exec(line);
    if (m) {
      current = m[1]!;
      flags.set(current, m[2]!);
    } else if (current && /^ {4,}\S/.test(line)) {
      flags.set(current, `${flags.get(current)} ${line.trim()}`);
    } else current = undefined;
  }
  return flags;
}

/** "2s" and "2000ms" → "2000ms"; "2048 MB", "10%", "10" → the number; anything else as written, unquoted. */
function value(text: string): number | string {
  const t = text.trim().replace(/^"(.*)"$/, '$1');
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|MB|%)?$/.exec(t);
  if (!m) return t;
  const n = Number(m[1]);
  const ms = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? ''];
  return ms !== undefined ? `${n * ms}ms` : n;
}

/** The default a --help description states: "(default: X)", or "default X" in its words. */
function helpDefault(description: string): string | undefined {
  return /\(default:? ([^;)]+?)[;)]/.exec(description)?.[1] ?? /\bdefault ([^;,)]+)/.exec(description)?.[1];
}

const documented = readmeDefaults();

test('the README documents every command in its table', (t) => {
  for (const c of ['init', 'fuzz', 'synth', 'exec', 'coverage', 'run', 'verify', 'report', 'export tests', 'gate', 'export dataset', 'fleet start']) t.true(documented.has(c), `wedge ${c} is in the table`);
});

for (const [command, flags] of documented) {
  if (flags.size === 0) continue;
  test(`wedge ${command}: the defaults in the README are the defaults of --help`, async (t) => {
    const help = await helpFlags(command);
    for (const [flag, shown] of flags) {
      const description = help.get(flag);
      if (description === undefined) {
        t.fail(`wedge ${command} --help has no ${flag}, which the README shows`);
        continue;
      }
      const stated = helpDefault(description);
      t.truthy(stated, `wedge ${command} --help states no default for ${flag}: "${description}"`);
      if (stated === undefined) continue;
      // The help may say more ("2048 MB", "the number of cores, 2 here"): its first value is the default.
      const first = /^[\d.]+\s*(?:ms|s|m|h|MB|%)?(?![\w-])/.exec(stated.trim())?.[0] ?? stated;
      t.is(value(first), value(shown), `wedge ${command} ${flag}: README "${shown}", --help "${stated}"`);
    }
  });
}

test('the parser reads a default in either form, and sees a disagreement', (t) => {
  t.is(helpDefault('how many findings to re-measure (default: 10)'), '10');
  t.is(helpDefault('the whole run (e.g. 30s, 2m; default 30s): the search'), '30s');
  t.not(value('2s'), value('2000'), 'a bare 2000 is not 2s: the help must say its unit as the README does');
  t.is(value('2s'), value('2000ms'));
  t.is(value('2048 MB'), value('2048'));
  t.is(value('1h'), value('60m'));
  t.is(value('"reports/baseline.json"'), 'reports/baseline.json');
});
