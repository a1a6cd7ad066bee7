import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** redis-server on PATH (Debian's package), or undefined. */
export const REDIS_SERVER = (process.env.PATH ?? '')
  .split(path.delimiter)
  .map((d) => path.join(d, 'redis-server'))
  .find((p) => existsSync(p));
export const REDIS_INSTALL_HINT = 'install redis-server (Debian, Ubuntu: apt-get install -y redis-server; .ci/run does)';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway redis-server on a loopback port: append-only file synced on every write, no
 * snapshots, data in a temporary folder that a restart (same port, same folder) reads back.
 */
export class TestRedis {
  process?: ChildProcess;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'wedge-redis-'));

  private constructor(
    readonly port: number,
    readonly password?: string,
    /** `always`: a write is on disk before Redis answers; `everysec`: up to a second may be lost. */
    readonly fsync: 'always' | 'everysec' = 'always',
  ) {}

  static async start(password?: string, fsync: 'always' | 'everysec' = 'always'): Promise<TestRedis> {
    const r = new TestRedis(await freePort(), password, fsync);
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://${this.password ? `:${this.password}@` : ''}127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (!REDIS_SERVER) throw new Error(`no redis-server found on PATH: ${REDIS_INSTALL_HINT}`);
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', this.fsync, '--save', ''];
    if (this.password) args.push('--requirepass', this.password);
    this.process = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.ping();
        client.disconnect();
        return;
      } catch (e) {
        client.disconnect();
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${this.port}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** kill -9: whatever Redis acknowledged must be in the append-only file already. */
  async crash(): Promise<void> {
    const p = this.process;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  client(): Redis {
    const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
    c.on('error', () => {});
    return c;
  }
}
