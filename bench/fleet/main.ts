// The fleet suite: processes on one machine sharing a corpus through Redis, against one process.
import path from 'node:path';
import { writeFileAtomic } from '../../src/core/atomic-write.js';
import { execInputs } from '../../src/fuzz/spawn.js';
import { openRedis } from '../../src/fleet/connect.js';
import { median } from '../../src/core/stats.js';
import { loadTarget } from '../../src/target/load.js';
import { REDIS_INSTALL_HINT, REDIS_SERVER, TestRedis } from '../../test/helpers/redis-server.js';
import { knownWorst } from '../known-worst.js';
import { announceRate, type AnnounceRate } from './announce-rate.js';
import { parseFleetArgs } from './args.js';
import { fleetRun, type FleetRun } from './fleet-run.js';
import { slowestConverging } from './targets.js';

interface Row {
  target: string;
  worst: number;
  one: FleetRun[];
  two: FleetRun[];
}

const fmtT = (t: number | null) => (t === null ? '—' : `${t.toFixed(1)}s`);
const medianT = (runs: FleetRun[], of: (r: FleetRun) => number | null = (r) => r.tGoal) => {
  const t = median(runs.map((r) => of(r) ?? Infinity));
  return Number.isFinite(t) ? t : null;
};

export async function runFleetBench(argv: string[]): Promise<number> {
  const args = parseFleetArgs(argv);
  if (!REDIS_SERVER) {
    process.stderr.write(`the fleet suite needs redis-server: ${REDIS_INSTALL_HINT}\n`);
    return 2;
  }
  const root = process.cwd();
  const ids = !args.search ? [] : ['insertion-sort', ...(args.targets ?? slowestConverging(root)).filter((t) => t !== 'insertion-sort')];
  for (const id of ids) if (!(id in knownWorst) || knownWorst[id]!.cost !== 'work') throw new Error(`no known worst input by work for target "${id}" in bench/known-worst.ts`);
  const server = await TestRedis.start();
  const redis = server.client();
  const rows: Row[] = [];
  const rates: (AnnounceRate & { fsync: string })[] = [];
  try {
    for (const id of ids) {
      const target = await loadTarget(id);
      const [report] = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs: [knownWorst[id]!.input()], repeats: 1 });
      const worst = report!.work;
      const row: Row = { target: id, worst, one: [], two: [] };
      for (let s = 1; s <= args.seeds; s++) {
        // Alternating, so a burst of other load on the machine moves one side of one round.
        process.stderr.write(`  fleet: ${id} seed ${s}, 1 process\n`);
        row.one.push(await fleetRun(server.url, redis, target.file, id, 1, args.timeMs, 100 * s, 0.95 * worst));
        process.stderr.write(`  fleet: ${id} seed ${s}, 2 processes\n`);
        row.two.push(await fleetRun(server.url, redis, target.file, id, 2, args.timeMs, 100 * s, 0.95 * worst));
      }
      rows.push(row);
    }
  } finally {
    redis.disconnect();
    await server.crash();
  }
  // One Redis per fsync policy: every write on disk before the answer (what the tests use), or once a second.
  for (const fsync of ['always', 'everysec'] as const) {
    process.stderr.write(`  fleet: announcements per second, appendfsync ${fsync}\n`);
    const r = await TestRedis.start(undefined, fsync);
    try {
      const open = () => openRedis(r.url, 'commands');
      for (const [clients, batch] of [[1, 1], [8, 1], [8, 50]] as const) rates.push({ fsync, ...(await announceRate(open, clients, batch, args.announceMs)) });
    } finally {
      await r.crash();
    }
  }
  const out: string[] = [];
  const ins = rows[0];
  const e1 = median(ins?.one.map((r) => r.execsPerSec) ?? [0]);
  const e2 = median(ins?.two.map((r) => r.execsPerSec) ?? [0]);
  if (ins) out.push(`insertion-sort execs/s: 1 process ${Math.round(e1)}, 2 processes ${Math.round(e2)} = ${(e2 / e1).toFixed(2)}× (median of ${args.seeds}; 1 thread each, ${args.timeMs / 1000}s per process)`);
  if (ins) out.push('', 'time to 0.95 of the known worst, median over seeds: from enqueueing (loading included) and from the first search start; best/worst at the end');
  if (ins) out.push(['target', '1 process', '2 processes', 'search 1', 'search 2', 'ratio 1', 'ratio 2'].join('  '));
  for (const r of rows) {
    const ratio = (runs: FleetRun[]) => (median(runs.map((x) => x.bestWork)) / r.worst).toFixed(2);
    const search = (x: FleetRun) => x.tGoalSearch;
    out.push([r.target, fmtT(medianT(r.one)), fmtT(medianT(r.two)), fmtT(medianT(r.one, search)), fmtT(medianT(r.two, search)), ratio(r.one), ratio(r.two)].join('  '));
  }
  out.push('', 'new inputs one Redis stores and announces per second (script: HSETNX + XADD MAXLEN ~ + max-merge of the bests)');
  for (const a of rates) out.push(`  appendfsync ${a.fsync.padEnd(8)} ${a.clients} clients × ${a.batch} per round trip: ${a.perSec}/s`);
  process.stdout.write(out.join('\n') + '\n');
  writeFileAtomic(path.resolve(root, args.out), JSON.stringify({ date: new Date().toISOString(), node: process.version, timePerProcessMs: args.timeMs, seeds: args.seeds, rows, announce: rates }, null, 1) + '\n');
  process.stderr.write(`wrote ${args.out}\n`);
  return 0;
}
