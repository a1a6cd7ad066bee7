import type { EngineStatus } from '../fuzz/engine.js';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}

/** One line of campaign progress, AFL-plain. */
export function statusLine(s: EngineStatus): string {
  return [
    `${formatDuration(s.elapsedMs)}`,
    `execs ${s.execs} (${Math.round(s.execsPerSec)}/s)`,
    `corpus ${s.corpus}`,
    `best work ${s.bestWork}`,
    `best time ${s.bestTimeMs.toFixed(3)}ms`,
    `probes ${s.covered}/${s.probes}`,
    s.errors ? `errors ${s.errors}` : '',
    `last find ${formatDuration(s.elapsedMs - s.lastFindMs)} ago`,
  ]
    .filter(Boolean)
    .join(' | ');
}

/** Redraws one line in place on a terminal; prints a plain line every few seconds elsewhere. */
export function statusPrinter(stream: NodeJS.WriteStream = process.stderr): { update(s: EngineStatus): void; end(): void } {
  const tty = stream.isTTY === true;
  let lastPlain = 0;
  let drawn = false;
  return {
    update(s) {
      if (tty) {
        stream.write(`\r\x1b[2K${statusLine(s)}`);
        drawn = true;
      } else if (s.elapsedMs - lastPlain >= 5000) {
        lastPlain = s.elapsedMs;
        stream.write(`${statusLine(s)}\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
