import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readCorpus } from '../fuzz/corpus.js';
import { findingsDir, type FindingFile } from '../fuzz/findings.js';

/**
 * The inputs of a corpus folder: its kept inputs, then the error findings `--keep-errors` saved;
 * `files` names each one's file, for the message about an input left out.
 */
export function corpusInputs(dir: string, warn: (message: string) => void): { inputs: unknown[]; files: string[]; kept: number; errorFindings: number } {
  const corpus = readCorpus(dir, warn);
  const inputs = corpus.map((f) => f.input);
  const files = corpus.map((f) => path.join(dir, `${f.hash}.json`));
  const kept = inputs.length;
  // Error findings cover error paths, so they are replayed too. Hang and out-of-memory findings
  // are not: their worker is terminated before its coverage can be read, so they would only
  // cost the timeout each.
  const findings = findingsDir(dir);
  if (existsSync(findings)) {
    for (const name of readdirSync(findings).sort()) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      try {
        const f = JSON.parse(readFileSync(path.join(findings, name), 'utf8')) as Partial<FindingFile>;
        if (f.kind === 'error' && 'input' in f) {
          inputs.push(f.input);
          files.push(path.join(findings, name));
        }
      } catch (e) {
        warn(`skipping unreadable finding ${path.join(findings, name)} (${(e as Error).message})`);
      }
    }
  }
  return { inputs, files, kept, errorFindings: inputs.length - kept };
}
