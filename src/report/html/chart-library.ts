import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Chart.js's browser build, read from node_modules when a report is written and inlined into
 * it, so the page opens offline and never fetches anything.
 */
export function chartLibrary(): string {
  let file: string;
  try {
    // The package exports only its module builds; the browser build sits beside them in dist/.
    file = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
  } catch {
    throw new Error('chart.js is not installed (npm ci installs it): the HTML report inlines its browser build');
  }
  return readFileSync(file, 'utf8');
}
