/**
 * A loaded scenario → the synthetic run and its FIT file: the benchmark's own
 * generator (synthesizeRun) and the examples' writer (encodeActivity, with the
 * same product name), shifted to the scenario's start time. A pure function
 * of (scenario, seed, start): the same inputs give the same bytes.
 */
import { encodeActivity } from '../../../src/fit/encode.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { SYNTH_PRODUCT_NAME } from '../examples/make-examples.ts';
import { synthesizeRun, type SynthRun } from '../synthesize.ts';
import type { LoadedScenario } from './load.ts';

export interface SimulatedRun {
  /** Run-relative truth, recording and labels (times from 0). */
  readonly run: SynthRun;
  /** The FIT activity, its first record at `startMs`. */
  readonly bytes: Uint8Array;
}

export function simulateScenario(loaded: Pick<LoadedScenario, 'scenario' | 'startMs'>, seed: number): SimulatedRun {
  const run = synthesizeRun(loaded.scenario, seed);
  const inputs: GuardInput[] = run.inputs.map((input) => ({ ...input, atMs: input.atMs + loaded.startMs }));
  return { run, bytes: encodeActivity({ inputs, productName: SYNTH_PRODUCT_NAME }) };
}
