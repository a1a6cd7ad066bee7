// The watchdog reads a stuck worker's input through the inspector: it must read it from the
// right worker, whatever order the workers attached to the inspector in.
import test from 'ava';
import { Worker } from 'node:worker_threads';
import { WorkerInspector } from '../src/fuzz/worker-inspector.js';

test('the inspector reads each busy worker\'s own value, whatever order they attached in', async (t) => {
  const inspector = new WorkerInspector();
  t.true(await inspector.start());
  // Each worker sets a value of its own, then spins (as a stuck execution does).
  const workers = [0, 1, 2, 3].map(
    (k) =>
      new Worker(`globalThis.__mine = ${k}; require('node:worker_threads').parentPort.postMessage('ready'); for (;;) {}`, {
        eval: true,
        ...(k % 2 === 1 ? { name: `named-${k}` } : {}),
      }),
  );
  try {
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    // Attach notifications may lag the start a little.
    await new Promise((r) => setTimeout(r, 200));
    for (const [k, w] of workers.entries()) t.is(await inspector.evaluate(w, 'globalThis.__mine', 5000), k, `worker ${k} (thread ${w.threadId})`);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
});
