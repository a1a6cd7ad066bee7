/** Length of the longest common subsequence, by plain recursion without memoisation. */
export function lcsLength(x: string, y: string): number {
  return lcs(x, y, x.length, y.length);
}

function lcs(x: string, y: string, m: number, n: number): number {
  if (m === 0 || n === 0) return 0;
  if (x[m - 1] === y[n - 1]) return 1 + lcs(x, y, m - 1, n - 1);
  return Math.max(lcs(x, y, m, n - 1), lcs(x, y, m - 1, n));
}
