/** Classic insertion sort; returns a sorted copy. */
export function insertionSort(input: number[]): number[] {
  const a = input.slice();
  for (let i = 1; i < a.length; i++) {
    const key = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
  return a;
}
