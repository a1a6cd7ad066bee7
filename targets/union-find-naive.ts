/**
 * Union-find without rank or path compression: `union(a, b)` sets `parent[find(a)] = find(b)`.
 * Applies every union, then calls `find` on every element; returns the number of sets.
 */
export function unionFindCount(n: number, pairs: [number, number][]): number {
  const parent: number[] = [];
  for (let i = 0; i < n; i++) parent.push(i);

  function find(x: number): number {
    while (parent[x] !== x) {
      x = parent[x];
    }
    return x;
  }

  for (const [a, b] of pairs) {
    parent[find(a)] = find(b);
  }

  let sets = 0;
  for (let i = 0; i < n; i++) {
    if (find(i) === i) sets++;
  }
  return sets;
}
