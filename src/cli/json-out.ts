/**
 * With --json, stdout carries the JSON and nothing else: a target that prints while it loads in
 * this process (console.log at its top level, in size or validate) writes to stderr instead.
 * Returns the writer for the JSON itself.
 */
export function reserveStdout(): (text: string) => void {
  const stdout = process.stdout;
  const write = stdout.write.bind(stdout);
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (process.stderr.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest)) as typeof stdout.write;
  return (text) => {
    write(text);
  };
}
