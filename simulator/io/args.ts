import * as z from 'zod';
import { bounded, type Bounds } from '../../src/ceiling/bounds.ts';

/**
 * Flags written in classic zod (calibrate, tune): the number flag as a
 * classic schema, so that `.optional()` reads as it does beside it. The
 * parser is ./parse-flags.ts's, which `replay` uses without classic zod.
 */
export { parseCommandArgs } from './parse-flags.ts';

/**
 * A number flag, checked against what a body (or a machine) can do, with
 * the one message every bad value gets, in a runner's units:
 * "--hr-ceiling: expected beats per minute from 60 to 220, like 140".
 * The same check as ./parse-flags.ts's numberFlag, in classic zod.
 */
export function numberFlag(bounds: Bounds) {
  // Number('') is 0: an empty value is not a number here.
  return z
    .string()
    .trim()
    .transform((text) => (text === '' ? Number.NaN : Number(text)))
    .pipe(bounded(bounds));
}
