/**
 * Reads "n k\na1 a2 ... an" and counts the pairs i < j with ai + aj = k. For each i with
 * ai <= k it scans every j > i; an i with ai > k is skipped.
 */
export function pairsWithSum(input: string): number {
  const lines = input.split('\n');
  const head = lines[0].trim().split(/\s+/);
  const n = parseInt(head[0], 10);
  const k = parseInt(head[1], 10);
  const a: number[] = [];
  if (n > 0) {
    const parts = lines[1].trim().split(/\s+/);
    for (let i = 0; i < n; i++) a.push(parseInt(parts[i], 10));
  }

  let count = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] > k) continue;
    for (let j = i + 1; j < n; j++) {
      if (a[i] + a[j] === k) count++;
    }
  }
  return count;
}
