/** Number of Collatz steps until `n` reaches 1. */
export function collatzSteps(n: number): number {
  let steps = 0;
  while (n !== 1) {
    if (n % 2 === 0) {
      n = n / 2;
    } else {
      n = 3 * n + 1;
    }
    steps++;
  }
  return steps;
}
