import { setFlagsFromString } from 'node:v8';

/**
 * The most bytecode V8's optimising compiler (TurboFan) inlines into one
 * function while `replay` runs (V8's own default, in node 20, is 920).
 *
 * The guard's step is a chain of many small pure functions (src/signal,
 * src/guard). With the default, TurboFan compiles each hot one on its own and
 * again inlined into every caller, into a few large functions, on a second
 * thread: a one-hour replay spent more CPU compiling the step than running it
 * (issue #21; `node --no-opt` took a 1 h replay to 0.65× its CPU, and 1.44×
 * at 20 h). A lower cap keeps most of the optimised speed and compiles far
 * less. Measured against the default, whole processes paired (6-10 pairs on a
 * loaded 2-core machine, median CPU ratio): 0.81-0.87× at 1 h, 0.89× at 5 h,
 * 0.91× at 20 h, 0.92× at 50 h; 400 gave 0.95× at 50 h. Results do not change:
 * inlining is invisible to the program.
 */
export const REPLAY_MAX_INLINED_BYTECODE = 200;

/** Sets replay's JIT limits (above) for the rest of this process; to be called before the guard runs. */
export function tuneJitForReplay(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${REPLAY_MAX_INLINED_BYTECODE}`);
}
