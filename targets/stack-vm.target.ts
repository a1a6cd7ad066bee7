import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { runStackVm } from './stack-vm.ts';

const MAX_PROGRAM = 32;
const NO_ARG_OPS = ['POP', 'ADD', 'SUB', 'DUP', 'SWAP', 'HALT'] as const;

export type Op = 'PUSH' | 'JNZ' | (typeof NO_ARG_OPS)[number];
export interface Instruction {
  op: Op;
  arg: number;
}

const isInt = (x: unknown, lo: number, hi: number): boolean =>
  Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;

function validInstruction(i: Instruction): boolean {
  if (typeof i !== 'object' || i === null) return false;
  if (i.op === 'PUSH') return isInt(i.arg, 0, 255);
  if (i.op === 'JNZ') return isInt(i.arg, 0, MAX_PROGRAM - 1);
  return (NO_ARG_OPS as readonly string[]).includes(i.op) && i.arg === 0;
}

/** Renders the program as the VM's assembly text, one instruction a line. */
export function render(program: Instruction[]): string {
  return program.map((i) => (i.op === 'PUSH' || i.op === 'JNZ' ? `${i.op} ${i.arg}` : i.op)).join('\n');
}

const instruction: fc.Arbitrary<Instruction> = fc.oneof(
  fc.record({ op: fc.constant<Op>('PUSH'), arg: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant<Op>('JNZ'), arg: fc.integer({ min: 0, max: MAX_PROGRAM - 1 }) }),
  fc.record({ op: fc.constantFrom<Op>(...NO_ARG_OPS), arg: fc.constant(0) }),
);

export default defineTarget<Instruction[]>({
  id: 'stack-vm',
  description:
    'Runs a tiny stack machine (PUSH k, POP, ADD, SUB, DUP, SWAP, JNZ t, HALT; step limit 100000) on a ' +
    'program of <= 32 instructions {op, arg}: arg is k in 0..255 for PUSH, an instruction index t in ' +
    '0..31 for JNZ (pop; jump if non-zero), 0 otherwise. Rendered to assembly text, one instruction a ' +
    'line, which the VM parses. Halts at HALT, at the end, on stack underflow or on a jump past the end. ' +
    'size = number of instructions. Returns the number of steps executed.',
  fn: (program) => runStackVm(render(program)),
  input: fc.array(instruction, { maxLength: MAX_PROGRAM, size: 'max' }),
  size: (program) => program.length,
  maxSize: MAX_PROGRAM,
  validate: (program) => Array.isArray(program) && program.length <= MAX_PROGRAM && program.every(validInstruction),
  instrument: ['./stack-vm.ts'],
});
