import { transition, transitionEntry, withAddedCovariance, zeros, type Transition } from '../linear-gaussian.ts';
import type { RunnerModel } from '../runner-model.ts';
import type { EstimateSettings } from '../settings.ts';
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
 * Both stages are integrated exactly for a speed held over the interval, so a
 * long gap between readings neither blows up nor loses the heart's climb.
 *
 * It costs six exponentials: the estimator keeps the last one made, makes
 * another when the interval changes, and only resizes the GPS error's noise
 * (withGpsErrorSd) when its measured size does.
 */
export function runnerBodyTransition(
  model: RunnerModel,
  settings: EstimateSettings,
  dtSec: number,
  gpsErrorSdMps: number = settings.gpsErrorSdMps,
): Transition {
  const n = STATE_SIZE;
  const f = zeros(n * n);
  const u = zeros(n);
  const q = zeros(n * n);
  const set = (m: number[], i: number, j: number, value: number): void => {
    m[i * n + j] = value;
  };
  const { gapSpeedMps: v, gpsErrorMps: g, hrDriveBpm: d, heartAboveRefBpm: y, hrAtRefBpm: o, hrSensorErrorBpm: e, cadenceAtRefSpm: c } =
    STATE;

  set(f, v, v, 1);
  set(q, v, v, settings.runnerSpeedWanderMpsPerSqrtS ** 2 * dtSec);

  const gpsKeep = Math.exp(-dtSec / settings.gpsErrorTauSec);
  set(f, g, g, gpsKeep);
  set(q, g, g, gpsErrorNoiseVar(gpsErrorSdMps, gpsKeep));

  const driveKeep = model.hrDelaySec > 0 ? Math.exp(-dtSec / model.hrDelaySec) : 0;
  set(f, d, d, driveKeep);
  set(f, d, v, (1 - driveKeep) * model.hrGainBpmPerMps);
  u[d] = -(1 - driveKeep) * model.hrGainBpmPerMps * model.refSpeedMps;

  // The heart over the interval, exactly, for the drive's own path toward U = gain·(v − ref):
  // heart' = keep·heart + cross·drive + (1 − keep − cross)·U.
  const heartKeep = Math.exp(-dtSec / model.hrTauSec);
  const cross = cascadeCross(dtSec, model.hrDelaySec, model.hrTauSec);
  set(f, y, y, heartKeep);
  set(f, y, d, cross);
  set(f, y, v, (1 - heartKeep - cross) * model.hrGainBpmPerMps);
  u[y] = -(1 - heartKeep - cross) * model.hrGainBpmPerMps * model.refSpeedMps;
  // The heart's own wander beyond the model (heat, a breath held, an effort the model misses).
  set(q, y, y, settings.heartWanderBpmPerSqrtS ** 2 * dtSec);

  set(f, o, o, 1);
  set(q, o, o, settings.hrOffsetWanderBpmPerSqrtS ** 2 * dtSec);

  const sensorKeep = Math.exp(-dtSec / settings.hrSensorErrorTauSec);
  set(f, e, e, sensorKeep);
  set(q, e, e, settings.hrSensorErrorSdBpm ** 2 * (1 - sensorKeep * sensorKeep));

  set(f, c, c, 1);
  set(q, c, c, CADENCE_OFFSET_WANDER_SPM_PER_SQRT_S ** 2 * dtSec);
  return transition(f, u, q);
}

/**
 * The same transition for a GPS error of another size: over the interval it
 * keeps the same share of itself (F's entry), and its added variance is that
 * of the new size. No exponential is remade.
 */
export function withGpsErrorSd(t: Transition, gpsErrorSdMps: number): Transition {
  const g = STATE.gpsErrorMps;
  return withAddedCovariance(t, g, g, gpsErrorNoiseVar(gpsErrorSdMps, transitionEntry(t, g, g)));
}

/** An Ornstein–Uhlenbeck error of stationary size sd, keeping `keep` of itself over the interval, gains this variance, (m/s)². */
function gpsErrorNoiseVar(gpsErrorSdMps: number, keep: number): number {
  return gpsErrorSdMps ** 2 * (1 - keep * keep);
}

/**
 * How much of the drive's initial distance from its target reaches the heart
 * over dtSec, for two first-order stages in cascade (time constants delay,
 * then tau): delay/(delay − tau)·(e^(−dt/delay) − e^(−dt/tau)), and its limit
 * (dt/tau)·e^(−dt/tau) when the two are equal.
 */
export function cascadeCross(dtSec: number, delaySec: number, tauSec: number): number {
  if (delaySec <= 0) return 0;
  if (Math.abs(delaySec - tauSec) < 1e-9) return (dtSec / tauSec) * Math.exp(-dtSec / tauSec);
  return (delaySec / (delaySec - tauSec)) * (Math.exp(-dtSec / delaySec) - Math.exp(-dtSec / tauSec));
}

/** How fast a runner's cadence at a given speed drifts within a run (fatigue, terrain), spm per √s. */
export const CADENCE_OFFSET_WANDER_SPM_PER_SQRT_S = 0.05;
