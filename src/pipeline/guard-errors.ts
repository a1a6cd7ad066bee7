import { OPTIONS } from '../core/options.js';
import type { ConstraintStat } from '../fuzz/constraint-stats.js';
import { execInputs } from '../fuzz/spawn.js';
import type { ExtraProbes } from '../instrument/install.js';
import type { Target } from '../target/load.js';

/**
 * Replays kept inputs once with the constraint probes to count, per constraint, the evaluations
 * its guard refused (a read through a getter or Proxy, a method of a program object) or that
 * threw: a constraint that errs on most inputs tells nothing about them. The most recent kept
 * inputs when there are more than the limit.
 */
export async function addGuardErrors(target: Target, probes: ExtraProbes, inputs: unknown[], stats: ConstraintStat[], log?: (line: string) => void): Promise<void> {
  const limit = OPTIONS.guardCheckInputs.default;
  log?.(`constraints: replaying up to ${limit} kept inputs to count each constraint's errors`);
  const checked = inputs.slice(-limit);
  if (checked.length === 0) return;
  let reports;
  try {
    reports = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs: checked, repeats: 0, warmup: false, extras: probes });
  } catch {
    return; // the counts are a diagnosis, not the search's result: without them the report stands
  }
  for (const s of stats) {
    let errors = 0;
    let inputsErring = 0;
    for (const r of reports) {
      const e = r.constraints?.[s.id]?.errors ?? 0;
      errors += e;
      if (e > 0) inputsErring++;
    }
    s.guardErrors = { errors, inputsErring, inputsChecked: reports.length };
  }
}
