import * as z from 'zod';

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
export function bounded(b: Bounds): z.ZodNumber {
  const message = expectedText(b);
  let schema = z.number({ error: message }).max(b.max, message);
  schema = b.aboveMin === true ? schema.gt(b.min, message) : schema.min(b.min, message);
  return b.whole === true ? schema.int(message) : schema;
}
