import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { bellmanFord, type Edge } from './bellman-ford-early-stop.ts';

const MAX_NODES = 32;
const MAX_EDGES = 64;
const MAX_WEIGHT = 100;

interface Graph {
  n: number;
  edges: { from: number; to: number; w: number }[];
}

const isInt = (x: unknown, lo: number, hi: number): boolean =>
  Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;

export default defineTarget<Graph>({
  id: 'bellman-ford-early-stop',
  description:
    'Bellman-Ford from source 0, passing over the edge list until a pass changes nothing (at most n-1 ' +
    'passes). Input {n in 1..32, edges: <= 64 of {from, to, w} with endpoints < n and w in 0..100 ' +
    '(non-negative: no negative cycles)}, rendered to [from, to, w] triples; size = number of edges. ' +
    'Returns the distance array (Infinity when unreachable).',
  fn: (g) => bellmanFord(g.n, g.edges.map((e): Edge => [e.from, e.to, e.w]), 0),
  input: fc.integer({ min: 1, max: MAX_NODES }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: n - 1 }),
          to: fc.integer({ min: 0, max: n - 1 }),
          w: fc.integer({ min: 0, max: MAX_WEIGHT }),
        }),
        { maxLength: MAX_EDGES, size: 'max' },
      ),
    }),
  ),
  size: (g) => g.edges.length,
  maxSize: MAX_EDGES,
  validate: (g) =>
    typeof g === 'object' &&
    g !== null &&
    isInt(g.n, 1, MAX_NODES) &&
    Array.isArray(g.edges) &&
    g.edges.length <= MAX_EDGES &&
    g.edges.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        isInt(e.from, 0, g.n - 1) &&
        isInt(e.to, 0, g.n - 1) &&
        isInt(e.w, 0, MAX_WEIGHT),
    ),
  instrument: ['./bellman-ford-early-stop.ts'],
});
