import type { ScalarObservation } from '../linear-gaussian.ts';
import { STATE, STATE_SIZE } from '../state.ts';

/**
 * A heart-rate reading sees the heart plus the sensor's own error:
 *
 *   reading = hrAtRef + heartAboveRef + hrSensorError + noise
 *
 * A jump a heart cannot make at a steady effort lands in hrSensorError (its
 * variance is the only one that can take it quickly), not in the heart. While
 * the sensor reads the step rate (cadence lock) its variance is widened by
 * LOCKED_NOISE_MULTIPLE: the reading says next to nothing.
 */
export const LOCKED_NOISE_MULTIPLE = 10;

export function heartRateObservation(hrBpm: number, noiseBpm: number, cadenceLocked: boolean): ScalarObservation {
  const h = new Float64Array(STATE_SIZE);
  h[STATE.hrAtRefBpm] = 1;
  h[STATE.heartAboveRefBpm] = 1;
  h[STATE.hrSensorErrorBpm] = 1;
  const sd = noiseBpm * (cadenceLocked ? LOCKED_NOISE_MULTIPLE : 1);
  return { h, z: hrBpm, r: sd * sd };
}
