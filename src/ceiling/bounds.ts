import * as z from './zod.ts';
import type { SettingDeclarations } from '../settings/declare.ts';

/**
 * A number a person or a body can actually have, with the message that says
 * so in a runner's units: "expected beats per minute from 60 to 220, like
 * 140". One wording for profile fields and command-line flags alike, so a
 * runner reads the same expectation wherever they give the value.
 */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  /** Unit words, plural: "beats per minute", "seconds per km". */
  readonly unit: string;
  /** A typical value, shown as the example. */
  readonly like: number;
  /** Whole numbers only (the example shows it; the message stays short). */
  readonly whole?: boolean;
  /** `min` itself is excluded ("above 0"). */
  readonly aboveMin?: boolean;
}

/** "expected beats per minute from 60 to 220, like 140". */
export function expectedText(b: Bounds): string {
  const range = b.aboveMin === true ? `above ${b.min} and up to ${b.max}` : `from ${b.min} to ${b.max}`;
  return `expected ${b.unit} ${range}, like ${b.like}`;
}

/** A finite number within the bounds; every refusal carries the same one message. */
export function bounded(b: Bounds): z.ZodMiniNumber<number> {
  const message = expectedText(b);
  return z.number({ error: message }).check(
    z.maximum(b.max, message),
    b.aboveMin === true ? z.gt(b.min, message) : z.minimum(b.min, message),
    ...(b.whole === true ? [z.int(message)] : []),
  );
}

/**
 * The profile's schema for declared settings (src/settings/declare.ts): each
 * optional, bounded as declared, with its default as the example, so a
 * runner sees the usual value beside the range. Unknown names are refused.
 */
export function overridesSchema<S extends SettingDeclarations>(settings: S): z.ZodMiniObject<{ [K in keyof S]: z.ZodMiniOptional<z.ZodMiniNumber<number>> }, z.core.$strict> {
  const shape = Object.fromEntries(
    Object.entries(settings).map(([name, s]) => [
      name,
      z.optional(bounded({ min: s.min, max: s.max, like: s.default, unit: s.unit, ...(s.whole === true ? { whole: true } : {}) })),
    ]),
  );
  return z.strictObject(shape) as z.ZodMiniObject<{ [K in keyof S]: z.ZodMiniOptional<z.ZodMiniNumber<number>> }, z.core.$strict>;
}
