const BUCKETS = 64;

function hash(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    sum += s.charCodeAt(i);
  }
  return sum % BUCKETS;
}

/**
 * Inserts the strings into a chained hash table of 64 buckets (hash = sum of char codes mod 64),
 * skipping duplicates by scanning the bucket. Returns the number of distinct strings stored.
 */
export function weakHashTableInsert(words: string[]): number {
  const table: string[][] = [];
  for (let b = 0; b < BUCKETS; b++) table.push([]);
  let size = 0;
  for (const w of words) {
    const bucket = table[hash(w)];
    let found = false;
    for (let i = 0; i < bucket.length; i++) {
      if (bucket[i] === w) {
        found = true;
        break;
      }
    }
    if (!found) {
      bucket.push(w);
      size++;
    }
  }
  return size;
}
