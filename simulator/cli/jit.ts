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

/**
 * The largest file (unpacked bytes) that `replay` reads and judges without
 * V8's optimising compiler at all. On a short run, compiling the decoder and
 * the guard costs more than the compiled code saves before the run ends;
 * the interpreter and V8's baseline compiler (Sparkplug) do it cheaper.
 * Measured whole processes paired (`--no-opt` from the start against the
 * default, median CPU ratio, 5-9 pairs, loaded 2-core machine, 2026-12-06):
 * 1 Hz FIT with every channel at 1 h (108 KB) 0.66, 5 h (540 KB) 0.98, 10 h
 * (1.1 MB) 1.16; corpus files: a Forerunner 965 hour (386 KB) 0.63, a
 * Forerunner 910XT 5 h 40 (450 KB, smart recording) 0.90, a 52-minute TCX
 * (853 KB) 0.94, an 84-minute TCX (3.5 MB) 1.13. So the line sits just under
 * where the 1 Hz FIT breaks even: about 4.5 hours of it, or an hour of a
 * verbose TCX. Results do not change: which compiler runs is invisible to
 * the program.
 */
export const REPLAY_UNOPTIMISED_MAX_BYTES = 512 * 1024;

/** Turns V8's optimising compiler off for the rest of this process when the file to replay is small enough (above); to be called before it is decoded. */
export function tuneJitForFile(fileBytes: number): void {
  if (fileBytes <= REPLAY_UNOPTIMISED_MAX_BYTES) setFlagsFromString('--no-opt');
}
