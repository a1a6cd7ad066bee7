/** Recursive quicksort, first element as pivot, Lomuto-style partition; returns a sorted copy. */
export function quicksortFirstPivot(input: number[]): number[] {
  const a = input.slice();
  sort(a, 0, a.length - 1);
  return a;
}

function sort(a: number[], lo: number, hi: number): void {
  if (lo >= hi) return;
  const p = partition(a, lo, hi);
  sort(a, lo, p - 1);
  sort(a, p + 1, hi);
}

function partition(a: number[], lo: number, hi: number): number {
  const pivot = a[lo];
  let i = lo;
  for (let j = lo + 1; j <= hi; j++) {
    if (a[j] < pivot) {
      i++;
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
  const t = a[lo];
  a[lo] = a[i];
  a[i] = t;
  return i;
}
