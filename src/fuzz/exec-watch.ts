/**
 * What a worker is running, readable by the main thread even when the worker is stuck in a
 * synchronous loop or dead: a SharedArrayBuffer with the start time of the current execution
 * and the input as JSON. Writing it costs one JSON.stringify per execution, O(size).
 */
const HEADER = 16;
export const WATCH_BYTES = 4 << 20;

export function createWatchBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + WATCH_BYTES);
}

/** Worker side. */
export class ExecWatch {
  private readonly startedAt: Float64Array;
  private readonly length: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly encoder = new TextEncoder();

  constructor(buffer: SharedArrayBuffer) {
    this.startedAt = new Float64Array(buffer, 0, 1);
    this.length = new Int32Array(buffer, 8, 1);
    this.bytes = new Uint8Array(buffer, HEADER);
  }

  begin(input: unknown): void {
    const json = JSON.stringify(input) ?? 'null';
    // Too big to hold whole: record that the input is unknown rather than a truncated one.
    if (json.length * 3 > this.bytes.length) this.length[0] = -1;
    else this.length[0] = this.encoder.encodeInto(json, this.bytes).written;
    this.startedAt[0] = Date.now();
  }

  end(): void {
    this.startedAt[0] = 0;
  }
}

/** Main side: when the current execution started (0: none running) and its input. */
export function readWatch(buffer: SharedArrayBuffer): { startedAt: number; input?: unknown; known: boolean } {
  const startedAt = new Float64Array(buffer, 0, 1)[0]!;
  const n = new Int32Array(buffer, 8, 1)[0]!;
  if (n < 0) return { startedAt, known: false };
  const json = new TextDecoder().decode(new Uint8Array(buffer, HEADER, n).slice());
  try {
    return { startedAt, input: JSON.parse(json), known: true };
  } catch {
    return { startedAt, known: false };
  }
}
