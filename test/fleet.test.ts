import test from 'ava';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inputHash, readCorpus, type Kept } from '../src/fuzz/corpus.js';
import { openRedis } from '../src/fleet/connect.js';
import { decodeEntry, hostName } from '../src/fleet/entry.js';
import { FleetExchange } from '../src/fleet/exchange.js';
import { SharedCorpus } from '../src/fleet/shared-corpus.js';
import { targetKeys } from '../src/fleet/keys.js';
import type { SliceResult } from '../src/fleet/job.js';
import { loadTarget } from '../src/target/load.js';
import { readReport } from '../src/report/report-file.js';
import { fleetStatus } from '../src/fleet/status.js';
import { REDIS_INSTALL_HINT, REDIS_SERVER, TestRedis } from './helpers/redis-server.js';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');
const targetFile = path.join(repo, 'targets/insertion-sort.target.ts');

/** Without redis-server these tests are skipped, saying what to install; CI (WEDGE_REQUIRE_REDIS=1) fails them instead. */
const runRedisTests = REDIS_SERVER !== undefined || process.env.WEDGE_REQUIRE_REDIS === '1';
const redisTest = runRedisTests ? test.serial : test.skip;
const skipped = runRedisTests ? '' : ` (skipped: no redis-server found; ${REDIS_INSTALL_HINT})`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, check: () => Promise<T | undefined | false>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(200);
  }
}

function kept(input: number[], work: number): Kept {
  return { hash: inputHash(input), input, size: input.length, work, timeMs: 0.01, reasons: ['new-work'], foundAtMs: 0 };
}

/** A worker process in a folder of its own, as on a machine of its own. */
function startWorker(url: string): { child: ChildProcess; dir: string; exited: Promise<number | null>; stderr: () => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-fleet-host-'));
  const child = spawn('node', [wedge, 'fleet', 'worker', '--redis', url, '--workers', '1', '--lock-duration', '4s', '--stalled-interval', '1s', '--until-idle'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, dir, exited, stderr: () => err };
}

redisTest(`a fleet of three worker processes, one killed with kill -9 mid-job: its job is finished by another, nothing announced is lost, the pulled corpus is the union of the announcements${skipped}`, async (t) => {
  // Seven processes start here: on a loaded machine that alone can take a minute.
  t.timeout(240_000);
  const redis = await TestRedis.start('fleet-secret');
  const client = redis.client();
  const workers: ReturnType<typeof startWorker>[] = [];
  try {
    const started = await run('node', [wedge, 'fleet', 'start', targetFile, '--redis', redis.url, '--time', '6s', '--slice', '2s', '--seed', '5'], { cwd: redis.dir });
    t.regex(started.stdout, /insertion-sort: 3 jobs/);
    t.false(started.stdout.includes('fleet-secret'));
    for (let i = 0; i < 3; i++) workers.push(startWorker(redis.url));
    const hosts = workers.map((w) => hostName(hostname(), w.child.pid!));
    const shared = new SharedCorpus(client, 'insertion-sort');

    // The victim: a host that is running a job and has announced inputs of it.
    const { victim, jobId } = await until('a host mid-job with announced inputs', async () => {
      const announced = new Set((await shared.announcements()).map((a) => a.host));
      const statuses = (await client.hvals(targetKeys('insertion-sort').hosts)).map((s) => JSON.parse(s) as { host: string; jobId: string });
      const busy = statuses.find((s) => announced.has(s.host) && hosts.includes(s.host));
      return busy && { victim: hosts.indexOf(busy.host), jobId: busy.jobId };
    });
    workers[victim]!.child.kill('SIGKILL');
    await workers[victim]!.exited;
    const announcedByVictim = (await shared.announcements()).filter((a) => a.host === hosts[victim]).map((a) => a.hash);
    t.true(announcedByVictim.length > 0);

    const survivors = workers.filter((_, i) => i !== victim);
    const codes = await Promise.all(survivors.map((w) => w.exited));
    t.deepEqual(codes, [0, 0], survivors.map((w) => w.stderr()).join('\n'));

    // Every job ran to its end; the victim's on another host.
    const runs = (await client.hvals(targetKeys('insertion-sort').runs)).map((r) => JSON.parse(r) as SliceResult);
    t.is(runs.length, 3);
    const rerun = runs.find((r) => r.jobId === jobId);
    t.truthy(rerun, `job ${jobId} of the killed host was never finished`);
    t.not(rerun!.host, hosts[victim]);
    t.true(hosts.includes(rerun!.host));
    // Running jobs took in each other's finds.
    t.true(runs.some((r) => r.imported > 0));

    const pullDir = mkdtempSync(path.join(tmpdir(), 'wedge-fleet-pull-'));
    const pulled = await run('node', [wedge, 'fleet', 'pull', targetFile, '--redis', redis.url], { cwd: pullDir });
    t.false(pulled.stdout.includes('fleet-secret'));
    const corpus = readCorpus(path.join(pullDir, 'corpora/insertion-sort'), () => {});
    const pulledHashes = new Set(corpus.map((c) => c.hash));
    const announced = new Set((await shared.announcements()).map((a) => a.hash));
    t.deepEqual([...pulledHashes].sort(), [...announced].sort(), 'the pulled corpus is the union of what was announced');
    for (const h of announcedByVictim) t.true(pulledHashes.has(h), `input ${h} announced by the killed host is lost`);
    // What the survivors kept (their own finds and what they took from Redis) is all shared.
    for (const w of survivors) {
      for (const f of readCorpus(path.join(w.dir, 'corpora/insertion-sort'), () => {})) t.true(pulledHashes.has(f.hash), `input ${f.hash} of a surviving host is not in the shared corpus`);
    }
    const best = Math.max(...corpus.map((c) => c.work));
    t.true(best >= Math.max(...runs.map((r) => r.bestWork)));
    // The pulled report is a valid Wedge report (what verify, report, gate and the exports read).
    const reports = readdirSync(path.join(pullDir, 'reports/insertion-sort'));
    t.is(reports.length, 1);
    const report = readReport(path.join(pullDir, 'reports/insertion-sort', reports[0]!, 'report.json'));
    t.is(report.best.work, best);
    t.is(report.corpusSize, announced.size);

    const status = await fleetStatus(redis.url);
    t.like(status.jobs, { completed: 3, failed: 0, active: 0, waiting: 0 });
    t.like(status.targets[0], { target: 'insertion-sort', hosts: [], corpus: announced.size, bestWork: best, slicesDone: 3 });
  } finally {
    for (const w of workers) w.child.kill('SIGKILL');
    client.disconnect();
    await redis.crash();
  }
});

redisTest(`a Redis killed and restarted loses no announced input; what a host keeps meanwhile is sent once Redis is back, and inputs from Redis are checked before they run${skipped}`, async (t) => {
  const redis = await TestRedis.start('restart-secret');
  const target = await loadTarget(targetFile);
  const warnings: string[] = [];
  const commands = await openRedis(redis.url, 'commands');
  const reader = await openRedis(redis.url, 'commands');
  const other = redis.client();
  try {
    const shared = new SharedCorpus(commands, target.id);
    const exchange = new FleetExchange({ target, corpus: shared, redis: commands, reader, host: 'test/1', mode: 'wedge', seed: 1, after: '0', offlineLimitMs: 60_000, known: new Set(), warn: (m) => warnings.push(m), where: 'redis://***@127.0.0.1' });
    const before = Array.from({ length: 40 }, (_, i) => kept([i, i + 1, i + 2], 10 + i));
    for (const k of before) exchange.kept(k);
    await until('the first announcements', async () => exchange.pending() === 0 && (await shared.size()) === 40);

    // Another host announces one good input and two bad ones: only the good one is imported.
    const otherCorpus = new SharedCorpus(other, target.id);
    const good = { version: 1 as const, target: target.id, ...kept([3, 2, 1], 99), mode: 'wedge', seed: 2, host: 'other/2', at: Date.now() };
    const overBudget = { ...good, ...kept(Array.from({ length: 65 }, () => 1), 100) };
    const invalid = { ...good, ...kept([5000], 101) };
    await otherCorpus.announce([good, overBudget, invalid]);
    const imported = await until('the import', async () => exchange.imported + exchange.refused >= 3 && exchange.take());
    t.deepEqual(imported, [[3, 2, 1]]);
    t.is(exchange.refused, 2);
    t.true(warnings.some((w) => /over the budget of target insertion-sort/.test(w)));
    t.true(warnings.some((w) => /fails validate of target insertion-sort/.test(w)));

    await redis.crash();
    const during = Array.from({ length: 20 }, (_, i) => kept([-i, 7, 7, 7], 200 + i));
    for (const k of during) exchange.kept(k);
    await until('the outage to be noticed', async () => warnings.some((w) => /cannot reach Redis/.test(w)));
    t.is(exchange.pending(), 20);
    await redis.up();
    await exchange.close();
    await redis.crash();
    await redis.up();
    const check = redis.client();
    const stored = new Set(await check.hkeys(targetKeys(target.id).corpus));
    check.disconnect();
    for (const k of [...before, ...during, good]) t.true(stored.has(k.hash), `announced input ${k.hash} lost`);
    t.false(warnings.some((w) => w.includes('restart-secret')));
  } finally {
    commands.disconnect();
    reader.disconnect();
    other.disconnect();
    await redis.crash();
  }
});

redisTest(`a host that cannot reach Redis past the offline limit stops, saying so, without the password${skipped}`, async (t) => {
  const redis = await TestRedis.start('offline-secret');
  const target = await loadTarget(targetFile);
  const commands = await openRedis(redis.url, 'commands');
  const reader = await openRedis(redis.url, 'commands');
  try {
    const exchange = new FleetExchange({ target, corpus: new SharedCorpus(commands, target.id), redis: commands, reader, host: 'test/1', mode: 'wedge', seed: 1, after: '0', offlineLimitMs: 1000, known: new Set(), warn: () => {}, where: 'redis://***@127.0.0.1' });
    await redis.crash();
    exchange.kept(kept([1, 2, 3], 5));
    const reason = await exchange.failed;
    t.regex(reason, /unreachable for \d+ s \(limit 1 s, --offline-limit\)/);
    const e = await t.throwsAsync(exchange.close());
    t.regex(e!.message, /1 announcements not sent/);
    t.false(e!.message.includes('offline-secret'));
  } finally {
    commands.disconnect();
    reader.disconnect();
    await redis.crash();
  }
});

test('an input from Redis is read as a corpus file: not JSON, a hash that does not match, over the budget or failing validate is refused, naming where', async (t) => {
  const target = await loadTarget(targetFile);
  const entry = (input: unknown, over: Record<string, unknown> = {}) => JSON.stringify({ version: 1, target: 'insertion-sort', hash: inputHash(input), input, size: 1, work: 1, timeMs: 0, reasons: [], foundAtMs: 0, mode: 'wedge', seed: 1, host: 'h/1', at: 0, ...over });
  t.deepEqual(decodeEntry(entry([2, 1]), target, 'here').input, [2, 1]);
  t.throws(() => decodeEntry('{"input": [1', target, 'key k'), { message: /^key k: not valid JSON/ });
  t.throws(() => decodeEntry(entry([2, 1], { hash: 'ffff' }), target, 'key k'), { message: /^key k: stored under hash ffff/ });
  t.throws(() => decodeEntry(entry(Array.from({ length: 65 }, () => 0)), target, 'key k'), { message: /^key k: the input has size 65, over the budget/ });
  t.throws(() => decodeEntry(entry([1.5]), target, 'key k'), { message: /^key k: the input fails validate/ });
  t.throws(() => decodeEntry(entry([1], { target: 'other' }), target, 'key k'), { message: /^key k: an input of target other/ });
});

test('wedge fuzz loads neither BullMQ nor ioredis; wedge fleet does', async (t) => {
  // A module hook that refuses to resolve either package: a command that needs them fails.
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-fleet-lazy-'));
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function resolve(s, c, next) { const r = await next(s, c); if (/node_modules\\/(bullmq|ioredis)\\//.test(r.url)) throw new Error('refused to load ' + s); return r; }\n");
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
  const fuzz = await run('node', ['--import', register, wedge, 'fuzz', targetFile, '--execs', '300', '--workers', '1', '--no-corpus', '--json'], { cwd: dir });
  t.true((JSON.parse(fuzz.stdout) as { execs: number }).execs >= 300);
  const fleet = await t.throwsAsync(run('node', ['--import', register, wedge, 'fleet', 'status', '--redis', 'redis://127.0.0.1:1'], { cwd: dir }));
  t.regex((fleet as Error & { stderr: string }).stderr, /refused to load (bullmq|ioredis)/);
});

test('a Redis URL that is not redis:// or rediss:// is refused without printing its password', async (t) => {
  const e = await t.throwsAsync(run('node', [wedge, 'fleet', 'status', '--redis', 'http://user:hunter2@example.invalid:6379']));
  const stderr = (e as Error & { stderr: string }).stderr;
  t.regex(stderr, /the scheme must be redis:\/\/ or rediss:\/\/ \(TLS\)/);
  t.false(stderr.includes('hunter2'));
});

