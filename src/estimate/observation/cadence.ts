import { zeros } from '../linear-gaussian.ts';
import type { RunnerModel } from '../runner-model.ts';
import type { ScalarObservation } from '../linear-gaussian.ts';
import { STATE, STATE_SIZE } from '../state.ts';

/**
 * A cadence reading sees actual speed through the runner's cadence line, its
 * offset a state learned online:
 *
 *   reading = cadenceAtRef + slope · (gapSpeed / gapPerActual − refSpeed) + noise
 *
 * Only running cadence is a reading of speed: below minRunningSpm the runner
 * walks or stands, where the line does not hold (undefined).
 */
export const CADENCE_NOISE_SPM = 4;

export function cadenceObservation(
  cadenceSpm: number,
  model: RunnerModel,
  gapPerActual: number,
  minRunningSpm: number,
): ScalarObservation | undefined {
  if (cadenceSpm < minRunningSpm) return undefined;
  const h = cadenceSees(model.cadenceSlopeSpmPerMps / gapPerActual);
  // The line's constant moves to the reading's side: z + slope·ref = h·x.
  return { h, z: cadenceSpm + model.cadenceSlopeSpmPerMps * model.refSpeedMps, r: CADENCE_NOISE_SPM ** 2 };
}

/** The last h made and its speed entry: at one grade (most readings) it is the same every step. */
let lastSpmPerGapMps = Number.NaN;
let lastSees: readonly number[] = [];

/** What a cadence reading sees of the state, for this many spm per m/s of grade-adjusted speed (read-only: shared). */
function cadenceSees(spmPerGapMps: number): readonly number[] {
  if (Object.is(spmPerGapMps, lastSpmPerGapMps)) return lastSees;
  const h = zeros(STATE_SIZE);
  h[STATE.cadenceAtRefSpm] = 1;
  h[STATE.gapSpeedMps] = spmPerGapMps;
  lastSpmPerGapMps = spmPerGapMps;
  lastSees = h;
  return h;
}
