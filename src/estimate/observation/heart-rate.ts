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
