/**
 * Counts the words of a text (runs of non-whitespace), then sorts the (word, count) pairs by
 * count descending with a hand-written insertion sort (stable: ties keep first-appearance order).
 */
export function wordFrequencySort(text: string): [string, number][] {
  const counts = new Map<string, number>();
  let word = '';
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i] : ' ';
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      if (word !== '') {
        counts.set(word, (counts.get(word) ?? 0) + 1);
        word = '';
      }
    } else {
      word += c;
    }
  }

  const pairs: [string, number][] = [];
  for (const [w, n] of counts) pairs.push([w, n]);

  for (let i = 1; i < pairs.length; i++) {
    const cur = pairs[i];
    let j = i - 1;
    while (j >= 0 && pairs[j][1] < cur[1]) {
      pairs[j + 1] = pairs[j];
      j--;
    }
    pairs[j + 1] = cur;
  }
  return pairs;
}
