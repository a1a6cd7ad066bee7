/** Bubble sort that stops after a pass with no swap; returns a sorted copy. */
export function bubbleSortEarlyExit(input: number[]): number[] {
  const a = input.slice();
  const n = a.length;
  for (let i = 0; i < n - 1; i++) {
    let swapped = false;
    for (let j = 0; j < n - 1 - i; j++) {
      if (a[j] > a[j + 1]) {
        const t = a[j];
        a[j] = a[j + 1];
        a[j + 1] = t;
        swapped = true;
      }
    }
    if (!swapped) break;
  }
  return a;
}
