export const STEP_LIMIT = 100_000;

/**
 * Runs a tiny stack-machine program given as assembly text, one instruction a line:
 * PUSH k, POP, ADD, SUB, DUP, SWAP, JNZ t (pop; jump to instruction t if non-zero), HALT.
 * Stops at HALT, at the end of the program, on a stack underflow, on a jump out of range, or
 * after STEP_LIMIT steps. Returns the number of steps executed (every instruction started counts).
 */
export function runStackVm(source: string): number {
  const ops: string[] = [];
  const args: number[] = [];
  for (const line of source.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts[0] === '') continue;
    ops.push(parts[0]);
    args.push(parts.length > 1 ? parseInt(parts[1], 10) : 0);
  }

  const stack: number[] = [];
  let pc = 0;
  let steps = 0;
  while (pc >= 0 && pc < ops.length && steps < STEP_LIMIT) {
    steps++;
    const op = ops[pc];
    if (op === 'PUSH') {
      stack.push(args[pc]);
      pc++;
    } else if (op === 'POP') {
      if (stack.length < 1) break;
      stack.pop();
      pc++;
    } else if (op === 'ADD') {
      if (stack.length < 2) break;
      const b = stack.pop()!;
      const a = stack.pop()!;
      stack.push(a + b);
      pc++;
    } else if (op === 'SUB') {
      if (stack.length < 2) break;
      const b = stack.pop()!;
      const a = stack.pop()!;
      stack.push(a - b);
      pc++;
    } else if (op === 'DUP') {
      if (stack.length < 1) break;
      stack.push(stack[stack.length - 1]);
      pc++;
    } else if (op === 'SWAP') {
      if (stack.length < 2) break;
      const b = stack.pop()!;
      const a = stack.pop()!;
      stack.push(b);
      stack.push(a);
      pc++;
    } else if (op === 'JNZ') {
      if (stack.length < 1) break;
      const v = stack.pop()!;
      if (v !== 0) {
        pc = args[pc];
      } else {
        pc++;
      }
    } else {
      // HALT (or anything unknown)
      break;
    }
  }
  return steps;
}
