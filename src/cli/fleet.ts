import type { Command } from 'commander';
import { OPTIONS } from '../core/options.js';
import { formatMs } from '../core/duration.js';
import { formatDuration } from '../report/status-line.js';
import { execTimeoutOption, memoryOption, optionWithDefault, parseCount, parseMode, parsePositiveDuration, workersOption } from './parse.js';
import { onInterrupt } from './interrupt.js';
import { reserveStdout } from './json-out.js';

/**
 * `wedge fleet …`: campaigns as BullMQ jobs on Redis. Every module of src/fleet (and with them
 * BullMQ and ioredis) is imported inside the actions: the other commands never load them.
 */

interface RedisFlag {
  redis?: string;
}

/** --redis, or WEDGE_REDIS (which keeps a password out of the process list and shell history). */
async function redisUrl(flags: RedisFlag): Promise<string> {
  const url = flags.redis ?? process.env.WEDGE_REDIS;
  if (!url) throw new Error('no Redis: give --redis redis://HOST:PORT (rediss:// for TLS) or set WEDGE_REDIS');
  const { checkRedisUrl } = await import('../fleet/connect.js');
  return checkRedisUrl(url);
}

const redisOption = ['--redis <url>', 'Redis holding the queue and shared corpora: redis://[user:password@]HOST:PORT, rediss:// for TLS (default: WEDGE_REDIS)'] as const;

function duration(flags: string, doc: string, value: number) {
  return optionWithDefault(flags, doc, parsePositiveDuration, value, formatMs(value));
}

export function registerFleet(program: Command): void {
  const fleet = program.command('fleet').description('search on many machines: jobs on BullMQ, one shared corpus per target in Redis');

  fleet
    .command('start')
    .description('enqueue each target\'s search as jobs (slices of --time, each with its own seed)')
    .argument('<targets...>', 'target ids (targets/<id>.target.ts) or paths, as the workers will find them')
    .option(...redisOption)
    .addOption(duration('--time <duration>', OPTIONS.fleetTime.doc, OPTIONS.fleetTime.default))
    .addOption(duration('--slice <duration>', OPTIONS.fleetSlice.doc, OPTIONS.fleetSlice.default))
    .option('--mode <mode>', 'feedback: wedge (cost), coverage (new probes only) or random (sampling only)', parseMode(['wedge', 'coverage', 'random'] as const), 'wedge')
    .option('--seed <n>', 'seed of the first slice (slice i: seed + i); random by default', parseCount)
    .action(async (refs: string[], flags: RedisFlag & { time: number; slice: number; mode: 'wedge' | 'coverage' | 'random'; seed?: number }) => {
      const url = await redisUrl(flags);
      const { startFleet } = await import('../fleet/start.js');
      const started = await startFleet({ url, refs, timeMs: flags.time, sliceMs: flags.slice, mode: flags.mode, seed: flags.seed });
      for (const s of started) process.stdout.write(`${s.target}: ${s.jobs.length} jobs of ${formatDuration(Math.min(flags.slice, flags.time))} (ids ${s.jobs[0]}…${s.jobs[s.jobs.length - 1]})\n`);
      process.stdout.write('next: wedge fleet worker --redis … on each machine; wedge fleet status --redis … to follow\n');
    });

  fleet
    .command('worker')
    .description('take jobs and run them as campaigns on this machine until stopped (Ctrl-C, SIGTERM)')
    .option(...redisOption)
    .addOption(workersOption('worker threads of each campaign'))
    .addOption(execTimeoutOption('one execution longer than this is a hang finding'))
    .addOption(memoryOption('heap limit per worker thread in MB'))
    .addOption(duration('--offline-limit <duration>', OPTIONS.fleetOfflineLimit.doc, OPTIONS.fleetOfflineLimit.default))
    .addOption(duration('--lock-duration <duration>', OPTIONS.fleetLock.doc, OPTIONS.fleetLock.default))
    .addOption(duration('--stalled-interval <duration>', OPTIONS.fleetStalledCheck.doc, OPTIONS.fleetStalledCheck.default))
    .option('--until-idle', 'return once no job is waiting or running anywhere')
    .action(async (flags: RedisFlag & { workers: number; execTimeout: number; memory: number; offlineLimit: number; lockDuration: number; stalledInterval: number; untilIdle?: boolean }) => {
      const url = await redisUrl(flags);
      const { runFleetWorker } = await import('../fleet/worker.js');
      const interrupt = onInterrupt();
      const terminated = new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
      try {
        const done = await runFleetWorker({
          url,
          root: process.cwd(),
          workers: flags.workers,
          execTimeoutMs: flags.execTimeout,
          memoryMb: flags.memory,
          offlineLimitMs: flags.offlineLimit,
          lockDurationMs: flags.lockDuration,
          stalledIntervalMs: flags.stalledInterval,
          untilIdle: !!flags.untilIdle,
          stop: Promise.race([interrupt.requested, terminated]),
          log: (line) => process.stderr.write(`${line}\n`),
          warn: (m) => process.stderr.write(`warning: ${m}\n`),
        });
        process.stdout.write(`${done} jobs done\n`);
      } finally {
        interrupt.dispose();
      }
      // BullMQ's and ioredis' timers may linger; every job's inputs are in Redis by now.
      process.exit(interrupt.wasRequested() ? 130 : 0);
    });

  fleet
    .command('status')
    .description('per target: hosts searching, execs/s, corpus, best work and time, hangs, time since the last find')
    .argument('[targets...]', 'target ids (default: every target started)')
    .option(...redisOption)
    .option('--json', 'print the status as JSON')
    .action(async (ids: string[], flags: RedisFlag & { json?: boolean }) => {
      const json = flags.json ? reserveStdout() : undefined;
      const url = await redisUrl(flags);
      const { fleetStatus } = await import('../fleet/status.js');
      const s = await fleetStatus(url, ids);
      if (json) {
        json(JSON.stringify(s, null, 1) + '\n');
      } else {
        const lines = [`jobs: ${Object.entries(s.jobs).map(([k, v]) => `${k} ${v}`).join(', ')}`];
        if (s.targets.length === 0) lines.push('no targets started on this Redis (wedge fleet start)');
        for (const t of s.targets) {
          lines.push(
            `${t.target}: ${t.hosts.length} hosts working, ${Math.round(t.execsPerSec)} execs/s, corpus ${t.corpus}, best work ${t.bestWork}, slowest ${t.bestTimeMs.toFixed(3)} ms, hangs ${t.hangs}, ooms ${t.ooms}, last find ${t.sinceLastFindMs === null ? 'none yet' : `${formatDuration(t.sinceLastFindMs)} ago`}, ${t.slicesDone} slices done (${t.execs} execs)`,
          );
          for (const h of t.hosts) lines.push(`  ${h.host}: job ${h.jobId} (slice ${h.slice}/${h.slices}), ${Math.round(h.execsPerSec)} execs/s, best work ${h.bestWork}`);
        }
        process.stdout.write(lines.join('\n') + '\n');
      }
    });

  fleet
    .command('pull')
    .description('write a target\'s shared corpus and findings into corpora/<id>/ and a report into reports/<id>/, for verify, report, gate and the exports')
    .argument('<target>', 'target id or path to a target file')
    .option(...redisOption)
    .action(async (ref: string, flags: RedisFlag) => {
      const url = await redisUrl(flags);
      const { loadTarget } = await import('../target/load.js');
      const { pullFleet } = await import('../fleet/pull.js');
      const target = await loadTarget(ref);
      const p = await pullFleet(url, target, process.cwd(), (m) => process.stderr.write(`warning: ${m}\n`));
      process.stdout.write(`${target.id}: ${p.inputs} inputs and ${p.findings} findings written to ${p.corpusDir}${p.refused ? ` (${p.refused} refused)` : ''}, best work ${p.bestWork}\nreport: ${p.report}\nnext: wedge verify ${target.id}\n`);
    });
}
