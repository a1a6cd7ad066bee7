import type { Target } from './load.js';

/**
 * The input must be one the search could have run: within the size budget and accepted by
 * `validate`. Anything else measures code paths the target declared out of scope.
 */
export function checkExecInput(target: Target, input: unknown, file: string): void {
  let size: number;
  try {
    size = target.size(input);
  } catch (e) {
    throw new Error(`${file}: size(input) of target ${target.id} threw (${(e as Error).message}): the input does not have the target's shape`);
  }
  if (!(size <= target.maxSize)) throw new Error(`${file}: the input has size ${size}, over the budget of target ${target.id} (maxSize ${target.maxSize})`);
  let valid: boolean;
  try {
    valid = target.validate ? target.validate(input) : true;
  } catch (e) {
    throw new Error(`${file}: validate(input) of target ${target.id} threw (${(e as Error).message})`);
  }
  if (!valid) throw new Error(`${file}: the input fails validate of target ${target.id}`);
}
