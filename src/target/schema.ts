import { z } from 'zod';

const isFunction = (v: unknown) => typeof v === 'function';
const isArbitrary = (v: unknown) =>
  typeof v === 'object' && v !== null && typeof (v as { generate?: unknown }).generate === 'function' &&
  typeof (v as { canShrinkWithoutContext?: unknown }).canShrinkWithoutContext === 'function';

/** Shape of a target file's default export; messages say what the field must be. */
export const targetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be letters, digits, dot, dash or underscore'),
    description: z.string().optional(),
    fn: z.custom<(input: unknown) => unknown>(isFunction, 'must be a function').optional(),
    module: z.string().min(1).optional(),
    export: z.string().min(1).optional(),
    input: z.custom(isArbitrary, 'must be a fast-check Arbitrary (e.g. fc.array(fc.integer()))'),
    size: z.custom<(input: unknown) => number>(isFunction, 'must be a function (input) => number'),
    maxSize: z.number().int('must be an integer').positive('must be > 0'),
    validate: z.custom<(input: unknown) => boolean>(isFunction, 'must be a function (input) => boolean').optional(),
    alphabet: z.enum(['open', 'closed', 'auto']).optional(),
    instrument: z.array(z.string().min(1)).min(1, 'must name at least one glob of source files to instrument'),
  })
  .superRefine((t, ctx) => {
    if (!t.fn && !t.module) ctx.addIssue({ code: 'custom', path: ['fn'], message: 'give either fn or module + export' });
    if (t.fn && t.module) ctx.addIssue({ code: 'custom', path: ['module'], message: 'give fn or module, not both' });
    if (t.module && !t.export) ctx.addIssue({ code: 'custom', path: ['export'], message: 'is required with module' });
  });
