/**
 * One labelled synthetic run: truth first, then the recording on top, then the
 * labels read off the truth. Same (scenario, seed) → identical run.
 *
 * ```ts
 * const run = synthesizeRun(scenario, 7);
 * runGuard(run.inputs, config); // judged against run.labels.overshoots
 * ```
 */
import type { GuardInput } from '../../src/samples/sample.ts';
import { labelTruth, type RunLabels } from './labels.ts';
import { simulateTruth, type TruthSecond } from './physics.ts';
import { recordRun } from './record.ts';
import type { Scenario } from './scenario.ts';

export interface SynthRun {
  readonly scenario: Scenario;
  readonly seed: number;
  /** What the device recorded: samples plus pause/resume, in time order. */
  readonly inputs: readonly GuardInput[];
  /** The physical truth, one entry per second. */
  readonly truth: readonly TruthSecond[];
  readonly labels: RunLabels;
}

export function synthesizeRun(scenario: Scenario, seed: number): SynthRun {
  checkScenario(scenario);
  const truth = simulateTruth(scenario, seed);
  return {
    scenario,
    seed,
    inputs: recordRun(truth, scenario, seed),
    truth,
    labels: labelTruth(truth, scenario.ceilings),
  };
}

/** A malformed scenario is a programmer's mistake (scenario files are checked by their schema). */
function checkScenario(scenario: Scenario): void {
  const fail = (why: string): never => {
    throw new RangeError(`scenario "${scenario.name}": ${why}`);
  };
  if (scenario.segments.length === 0) fail('has no segments');
  scenario.segments.forEach((segment, index) => {
    if (!Number.isInteger(segment.durationSec) || segment.durationSec <= 0) {
      fail(`segment ${index} duration must be a positive whole number of seconds, got ${segment.durationSec}`);
    }
  });
  const { paceCeilingSecPerKm, hrCeilingBpm } = scenario.ceilings;
  if (!(paceCeilingSecPerKm > 0)) fail(`pace ceiling must be positive, got ${paceCeilingSecPerKm}`);
  if (!(hrCeilingBpm > 0)) fail(`heart-rate ceiling must be positive, got ${hrCeilingBpm}`);
  const { runner } = scenario;
  if (!(runner.hrTauSec > 0)) fail(`runner.hrTauSec must be positive, got ${runner.hrTauSec}`);
  if (runner.hrDelaySec !== undefined && !(runner.hrDelaySec >= 0)) fail(`runner.hrDelaySec must be 0 or more, got ${runner.hrDelaySec}`);
  if (!(runner.hrRestBpm < runner.hrMaxBpm)) fail('runner.hrRestBpm must be below runner.hrMaxBpm');
}
