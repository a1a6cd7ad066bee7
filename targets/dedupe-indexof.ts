/** Keeps the first occurrence of each value, checking `result.indexOf(x)`. */
export function dedupeIndexOf(values: number[]): number[] {
  const result: number[] = [];
  for (const x of values) {
    if (result.indexOf(x) === -1) {
      result.push(x);
    }
  }
  return result;
}
