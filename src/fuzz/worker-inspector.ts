import { Session } from 'node:inspector';
import type { Worker } from 'node:worker_threads';

type Pending = (reply: { result?: { result?: { value?: unknown } }; error?: unknown }) => void;

/**
 * Reads a value out of a worker that may be busy in a synchronous loop. The inspector runs
 * `Runtime.evaluate` on the worker through a V8 interrupt, so it answers even from inside an
 * infinite loop; that is how a hang's input is recovered without serializing every input.
 */
export class WorkerInspector {
  private session?: Session;
  private readonly sessions = new Map<string, string>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ready?: Promise<boolean>;

  /** Starts listening for workers; false when this Node has no inspector. */
  start(): Promise<boolean> {
    this.ready ??= new Promise<boolean>((resolve) => {
      try {
        const session = new Session();
        session.connect();
        session.on('NodeWorker.attachedToWorker', (m: { params: { sessionId: string; workerInfo: { workerId: string; title?: string } } }) => {
          // The inspector numbers workers in the order they attach, which is not always the order
          // they were made in (threadId); its title, "[worker <threadId>] name", says which it is.
          const thread = /^\[worker (\d+)\]/.exec(m.params.workerInfo.title ?? '')?.[1] ?? m.params.workerInfo.workerId;
          this.sessions.set(thread, m.params.sessionId);
        });
        session.on('NodeWorker.receivedMessageFromWorker', (m: { params: { message: string } }) => {
          const reply = JSON.parse(m.params.message) as { id?: number };
          const done = reply.id !== undefined ? this.pending.get(reply.id) : undefined;
          if (done) {
            this.pending.delete(reply.id!);
            done(reply as Parameters<Pending>[0]);
          }
        });
        session.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, (err) => resolve(!err));
        this.session = session;
      } catch {
        resolve(false);
      }
    });
    return this.ready;
  }

  /** Evaluates `expression` in the worker; undefined when it cannot (no session, timeout). */
  async evaluate(worker: Worker, expression: string, timeoutMs = 1000): Promise<unknown> {
    if (!(await this.start())) return undefined;
    const sessionId = this.sessions.get(String(worker.threadId));
    if (!this.session || !sessionId) return undefined;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply.result?.result?.value);
      });
      const message = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } });
      this.session!.post('NodeWorker.sendMessageToWorker', { sessionId, message });
    });
  }

  forget(worker: Worker): void {
    this.sessions.delete(String(worker.threadId));
  }
}
