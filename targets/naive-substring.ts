/** Counts (possibly overlapping) occurrences of `pattern` in `text` by brute force. */
export function naiveSubstringCount(text: string, pattern: string): number {
  const n = text.length;
  const m = pattern.length;
  let count = 0;
  for (let i = 0; i + m <= n; i++) {
    let j = 0;
    while (j < m && text[i + j] === pattern[j]) {
      j++;
    }
    if (j === m) count++;
  }
  return count;
}
