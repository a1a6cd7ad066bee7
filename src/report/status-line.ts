import type { CampaignStatus } from '../fuzz/campaign-types.js';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}

/** After a few seconds, kept inputs still far below the budget are worth a word: the search is not reaching it. */
function belowBudget(s: CampaignStatus): string {
  return s.elapsedMs > 5000 && s.corpus > 0 && s.largestKept < s.maxSize / 4 ? `largest input ${s.largestKept} of budget ${s.maxSize}` : '';
}

/** One line of campaign progress, for logs and CI. */
export function statusLine(s: CampaignStatus): string {
  return [
    `${formatDuration(s.elapsedMs)}`,
    `execs ${s.execs} (${Math.round(s.execsPerSec)}/s, ${s.workers.length} worker${s.workers.length === 1 ? '' : 's'})`,
    `corpus ${s.corpus}`,
    `best work ${s.bestWork}`,
    `best time ${s.bestTimeMs.toFixed(3)}ms`,
    s.hangs ? `hangs ${s.hangs}` : '',
    s.ooms ? `ooms ${s.ooms}` : '',
    s.errors ? `errors ${s.errors}` : '',
    `last find ${formatDuration(Math.max(0, s.elapsedMs - s.lastFindMs))} ago`,
    belowBudget(s),
  ]
    .filter(Boolean)
    .join(' | ');
}

/** The terminal panel, in the spirit of AFL's status screen: plain rows, redrawn in place. */
export function statusPanel(s: CampaignStatus, title: string): string[] {
  const row = (k: string, v: string) => `  ${k.padEnd(16)} ${v}`;
  return [
    `wedge ─ ${title}`,
    row('run time', formatDuration(s.elapsedMs)),
    row('last find', `${formatDuration(Math.max(0, s.elapsedMs - s.lastFindMs))} ago`),
    row('execs', `${s.execs} (${Math.round(s.execsPerSec)}/s)`),
    row('corpus', String(s.corpus)),
    row('best work', String(s.bestWork)),
    row('best time', `${s.bestTimeMs.toFixed(3)} ms`),
    row('probes hit', `${s.covered}/${s.probes}`),
    row('hangs / ooms', `${s.hangs} / ${s.ooms}`),
    row('errors', String(s.errors)),
    row('largest input', `${s.largestKept} of ${s.maxSize}${belowBudget(s) ? ' (far below the budget)' : ''}`),
    ...s.workers.map((w) => row(`worker ${w.index}`, `${w.alive ? `${Math.round(w.execsPerSec)}/s` : 'done'}, ${w.execs} execs${w.generation ? `, replaced ${w.generation}×` : ''}`)),
  ];
}

/** Redraws the panel in place on a terminal; prints a plain line every few seconds elsewhere. */
export function statusPrinter(title: string, stream: NodeJS.WriteStream = process.stderr): { update(s: CampaignStatus): void; end(): void } {
  const tty = stream.isTTY === true;
  let lastPlain = -Infinity;
  let lastDraw = 0;
  let drawn = 0;
  return {
    update(s) {
      if (tty) {
        if (s.elapsedMs - lastDraw < 200 && drawn) return;
        lastDraw = s.elapsedMs;
        const lines = statusPanel(s, title);
        stream.write((drawn ? `\x1b[${drawn}A` : '') + lines.map((l) => `\x1b[2K${l}\n`).join(''));
        drawn = lines.length;
      } else if (s.elapsedMs - lastPlain >= 5000) {
        lastPlain = s.elapsedMs;
        stream.write(`${statusLine(s)}\n`);
      }
    },
    end() {},
  };
}
