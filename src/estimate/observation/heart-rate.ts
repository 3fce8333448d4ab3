import { zeros } from '../linear-gaussian.ts';
import type { ScalarObservation } from '../linear-gaussian.ts';
import { STATE, STATE_SIZE } from '../state.ts';

/**
 * A heart-rate reading sees the heart plus the sensor's own error:
 *
 *   reading = hrAtRef + heartAboveRef + hrSensorError + noise
 *
 * A jump a heart cannot make at a steady effort lands in hrSensorError (its
 * variance is the only one that can take it quickly), not in the heart. While
 * the sensor reads the step rate (cadence lock) the reading is not of the
 * heart at all: no observation (undefined), and the heart's variance grows as
 * with no sensor.
 */
export function heartRateObservation(hrBpm: number, noiseBpm: number, cadenceLocked: boolean): ScalarObservation | undefined {
  if (cadenceLocked) return undefined;
  return { h: HEART_RATE_SEES, z: hrBpm, r: noiseBpm * noiseBpm };
}

/** What a heart-rate reading sees of the state (the same at every reading, so made once): offset, heart and sensor error. */
const HEART_RATE_SEES: readonly number[] = (() => {
  const h = zeros(STATE_SIZE);
  h[STATE.hrAtRefBpm] = 1;
  h[STATE.heartAboveRefBpm] = 1;
  h[STATE.hrSensorErrorBpm] = 1;
  return h;
})();

/**
 * A wrist sensor locking on the step rate with no cadence field recorded
 * (nothing to compare the reading with): the reading leaps, in one step,
 * further than a heart can (a lock lands 30–50 bpm above the heart). From
 * such a leap the readings are taken as the sensor's, not the heart's, until
 * they come back down near where they left, the heart's estimate (moved by
 * speed alone meanwhile) reaches them, or the sensor falls silent.
 *
 * A smaller jump is left to the sensor-error state and the Huber limit: it
 * is doubted first, then believed as it holds (tests/estimate/decide.test.ts).
 */
export interface HrLeapState {
  /** The last heart-rate reading, and when. */
  readonly lastBpm?: number;
  readonly lastAtMs?: number;
  /** Where the readings leapt from, while they are not taken as the heart's (undefined otherwise). */
  readonly leptFromBpm?: number | undefined;
}

/** A rise this large between two readings HR_LEAP_WITHIN_MS apart is no heart's, bpm. */
export const HR_LEAP_BPM = 25;
/** Readings further apart than this are not compared (a dropout, a pause): ms. */
export const HR_LEAP_WITHIN_MS = 3_000;
/** Readings within this of the level they leapt from (or the heart's estimate) are the heart's again, bpm. */
export const HR_LEAP_BACK_BPM = 8;

export const INITIAL_HR_LEAP_STATE: HrLeapState = {};

/** One reading through the leap rule: the next state, and whether the reading is taken as the heart's. */
export function stepHrLeap(state: HrLeapState, hrBpm: number, atMs: number, heartEstimateBpm: number): { state: HrLeapState; ofHeart: boolean } {
  const recent = state.lastBpm !== undefined && state.lastAtMs !== undefined && atMs - state.lastAtMs <= HR_LEAP_WITHIN_MS;
  let leptFromBpm = recent ? state.leptFromBpm : undefined;
  if (leptFromBpm === undefined && recent && state.lastBpm !== undefined && hrBpm - state.lastBpm >= HR_LEAP_BPM) leptFromBpm = state.lastBpm;
  else if (leptFromBpm !== undefined && (hrBpm <= leptFromBpm + HR_LEAP_BACK_BPM || Math.abs(hrBpm - heartEstimateBpm) <= HR_LEAP_BACK_BPM)) leptFromBpm = undefined;
  // One shape whether or not it leapt (a spread of an optional field made two objects and two shapes a reading).
  return { state: { lastBpm: hrBpm, lastAtMs: atMs, leptFromBpm }, ofHeart: leptFromBpm === undefined };
}
