/**
 * V8 gives each object field a representation from the first values stored
 * in it (here: `undefined`, or a number), and optimised code relies on it. A
 * field of a per-sample state that holds `undefined` for the first minutes of
 * a run and a number afterwards (a grade once its baseline is run, a trend
 * once it settles, a pending heart-rate jump) widens then, and every step
 * optimised before that is thrown away and compiled again: in a one-hour
 * replay those recompiles cost more CPU than the guard's own work did
 * (issue #21, docs/benchmarks.md). Widening such fields once, when the module
 * loads, on a throwaway object built by the same factory or literal, keeps
 * the first compile. Values are never read from it: no output depends on
 * this, only the JIT's cost.
 */

/** A number of the kind a `number | undefined` field holds mid-run (not a small integer, which V8 keeps apart). */
const SOME_READING = 0.5;

/** Stores a number, then `undefined`, into each of `keys` of `blank` (a throwaway object): its shape then takes either from the start. */
export function widenOptionalNumbers<T extends object>(blank: T, keys: readonly (keyof T)[]): void {
  const fields = blank as Record<keyof T, unknown>;
  for (const key of keys) {
    fields[key] = SOME_READING;
    fields[key] = undefined;
  }
}
