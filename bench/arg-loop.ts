/**
 * The flag loop both suites share: each flag's handler gets a `value()` that takes the next
 * argument (an error names the flag when it is missing); an unknown flag is an error with the usage.
 */
export function parseFlags(argv: string[], usage: string, handle: (flag: string, value: () => string) => boolean): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (!handle(a, value)) throw new Error(`unknown option ${a} (try ${usage})`);
  }
}
