import { zeros } from '../linear-gaussian.ts';
import type { ScalarObservation } from '../linear-gaussian.ts';
import { POSITION_BASELINE_MS } from '../../signal/pace.ts';
import { STATE, STATE_SIZE } from '../state.ts';

/**
 * Where a speed reading came from. `speed`: the device's own speed field
 * (Doppler); `distance`: recorded distance over the time since the last one;
 * `chord`: the straight line between positions over the pace baseline
 * (src/signal/pace.ts), a positions-only track.
 */
export type SpeedSource = 'speed' | 'distance' | 'chord';

/**
 * How much noisier than a speed field each kind of reading is, as a multiple
 * of the run's speed noise: a distance difference carries two fixes' error,
 * a chord averages 15 s but cuts bends and lags the effort.
 */
export const SPEED_SOURCE_NOISE_MULTIPLE: { readonly [S in SpeedSource]: number } = {
  speed: 1,
  distance: 1.3,
  chord: 1.6,
};

/** The positions' chord spans this long (src/signal/pace.ts, POSITION_BASELINE_MS), s. */
export const CHORD_BASELINE_SEC = POSITION_BASELINE_MS / 1000;

/**
 * A speed reading sees the runner's actual speed plus the GPS error:
 *
 *   reading = gapSpeed / gapPerActual + gpsError + noise
 *
 * where gapPerActual is Minetti's grade-adjusted speed per m/s of actual speed
 * at the current grade (1 on the flat, above 1 uphill).
 */
export function speedObservation(
  readingMps: number,
  source: SpeedSource,
  gapPerActual: number,
  noiseMps: number,
  dtSec: number,
): ScalarObservation {
  const h = speedSees(gapPerActual);
  const sd = noiseMps * SPEED_SOURCE_NOISE_MULTIPLE[source];
  // Chords a second apart share most of their baseline: counted as independent
  // they would be believed baseline/dt times too much, so each counts that much less.
  const overlap = source === 'chord' ? Math.max(1, CHORD_BASELINE_SEC / Math.max(dtSec, 1)) : 1;
  return { h, z: readingMps, r: sd * sd * overlap };
}

/** The last h made and the gapPerActual it was made for: on the flat (most readings) it is the same every step. */
let lastGapPerActual = Number.NaN;
let lastSees: readonly number[] = [];

/** What a speed reading sees of the state at this grade (read-only: shared by the readings at the same grade). */
function speedSees(gapPerActual: number): readonly number[] {
  if (Object.is(gapPerActual, lastGapPerActual)) return lastSees;
  const h = zeros(STATE_SIZE);
  h[STATE.gapSpeedMps] = 1 / gapPerActual;
  h[STATE.gpsErrorMps] = 1;
  lastGapPerActual = gapPerActual;
  lastSees = h;
  return h;
}
