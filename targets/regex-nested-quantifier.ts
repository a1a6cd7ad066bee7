/** Whether `s` is a run of words each optionally followed by one whitespace character. */
export function isWordList(s: string): boolean {
  return /^(\w+\s?)*$/.test(s);
}
