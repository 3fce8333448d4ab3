import type { RunnerModel } from '../runner-model.ts';
import type { EstimateSettings } from '../settings.ts';
import type { Transition } from '../linear-gaussian.ts';
import { STATE, STATE_SIZE } from '../state.ts';

/**
 * How the hidden state moves over dtSec, with nothing observed:
 *
 * - grade-adjusted speed: a random walk (the runner decides; nothing says where next);
 * - GPS speed error, heart-rate sensor error: each a mean-reverting (Ornstein–Uhlenbeck)
 *   process of its own size and correlation time;
 * - heart: effort drives it through two first-order stages, the first with the
 *   dead time hrDelaySec as its time constant (a first-order stand-in for a
 *   pure delay: linear, so it stays a Kalman filter), the second with hrTauSec:
 *     drive' = (gain·(v − refSpeed) − drive) / delay,   heart' = (drive − heart) / tau;
 * - heart rate at the reference speed and cadence at the reference speed: slow random walks
 *   (cardiac drift; a new pair of shoes).
 *
 * Stages are integrated exactly for an input held over the interval, so a long
 * gap between readings cannot make them unstable.
 */
export function runnerBodyTransition(model: RunnerModel, settings: EstimateSettings, dtSec: number): Transition {
  const n = STATE_SIZE;
  const f = new Float64Array(n * n);
  const u = new Float64Array(n);
  const q = new Float64Array(n * n);
  const set = (m: Float64Array, i: number, j: number, value: number): void => {
    m[i * n + j] = value;
  };
  const { gapSpeedMps: v, gpsErrorMps: g, hrDriveBpm: d, heartAboveRefBpm: y, hrAtRefBpm: o, hrSensorErrorBpm: e, cadenceAtRefSpm: c } =
    STATE;

  set(f, v, v, 1);
  set(q, v, v, settings.runnerSpeedWanderMpsPerSqrtS ** 2 * dtSec);

  const gpsKeep = Math.exp(-dtSec / settings.gpsErrorTauSec);
  set(f, g, g, gpsKeep);
  set(q, g, g, settings.gpsErrorSdMps ** 2 * (1 - gpsKeep * gpsKeep));

  const driveKeep = model.hrDelaySec > 0 ? Math.exp(-dtSec / model.hrDelaySec) : 0;
  set(f, d, d, driveKeep);
  set(f, d, v, (1 - driveKeep) * model.hrGainBpmPerMps);
  u[d] = -(1 - driveKeep) * model.hrGainBpmPerMps * model.refSpeedMps;

  const heartKeep = Math.exp(-dtSec / model.hrTauSec);
  set(f, y, y, heartKeep);
  set(f, y, d, 1 - heartKeep);
  // The heart's own wander beyond the model: a share of the offset's, on the fast scale.
  set(q, y, y, (HEART_WANDER_BPM_PER_SQRT_S ** 2) * dtSec);

  set(f, o, o, 1);
  set(q, o, o, settings.hrOffsetWanderBpmPerSqrtS ** 2 * dtSec);

  const sensorKeep = Math.exp(-dtSec / settings.hrSensorErrorTauSec);
  set(f, e, e, sensorKeep);
  set(q, e, e, settings.hrSensorErrorSdBpm ** 2 * (1 - sensorKeep * sensorKeep));

  set(f, c, c, 1);
  set(q, c, c, CADENCE_OFFSET_WANDER_SPM_PER_SQRT_S ** 2 * dtSec);
  return { f, u, q };
}

/** The heart's beat-to-beat wander the first-order model does not explain (breathing, a bump), bpm per √s. */
export const HEART_WANDER_BPM_PER_SQRT_S = 0.3;
/** How fast a runner's cadence at a given speed drifts within a run (fatigue, terrain), spm per √s. */
export const CADENCE_OFFSET_WANDER_SPM_PER_SQRT_S = 0.05;
