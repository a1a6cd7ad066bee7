/** Euclid's greatest common divisor by repeated remainder. */
export function gcdEuclid(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}
