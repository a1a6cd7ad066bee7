/** An edge [from, to, weight]. */
export type Edge = [number, number, number];

/**
 * Single-source shortest paths: passes over the edge list, relaxing every edge, until a pass
 * changes nothing (at most n - 1 passes). Returns the distances (Infinity when unreachable).
 */
export function bellmanFord(n: number, edges: Edge[], source: number): number[] {
  const dist: number[] = [];
  for (let v = 0; v < n; v++) dist.push(Infinity);
  dist[source] = 0;
  for (let pass = 0; pass < n - 1; pass++) {
    let changed = false;
    for (const [from, to, w] of edges) {
      if (dist[from] + w < dist[to]) {
        dist[to] = dist[from] + w;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return dist;
}
