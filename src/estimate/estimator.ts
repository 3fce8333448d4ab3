import { beliefVarianceAlong, correctInPlace, predictedReading, predictInto, zeros, type Belief, type ScalarObservation, type Transition } from './linear-gaussian.ts';
import { runnerBodyTransition, withGpsErrorSd } from './dynamic/runner-body.ts';
import { cadenceObservation } from './observation/cadence.ts';
import { heartRateObservation } from './observation/heart-rate.ts';
import { speedObservation, type SpeedSource } from './observation/speed.ts';
import type { RunnerModel } from './runner-model.ts';
import { ESTIMATE_SETTINGS, type EstimateSettings } from './settings.ts';
import { STATE, STATE_SIZE } from './state.ts';

/**
 * The effort estimator: one step is predict (dynamic/) over the time since
 * the last input, then correct with each reading this input carries
 * (observation/). It never decides anything; it says what the runner's
 * grade-adjusted speed and heart are, and how sure it is of each.
 *
 * A missing reading is no correction: the prediction's variance grows, the
 * mean stays where the model carries it. Nothing is ever zeroed.
 */

/**
 * One input, as the estimator sees it: what was read now, and the grade to
 * read it through. A reading not taken is absent or undefined (a caller on
 * the per-sample path gives every field, so that every input has one shape).
 */
export interface EstimatorInput {
  readonly atMs: number;
  /** Running time since the last input (0 while paused), s. */
  readonly dtSec: number;
  readonly speed?: { readonly mps: number; readonly source: SpeedSource } | undefined;
  /** Minetti's grade-adjusted speed per m/s of actual speed at the current grade; 1 on the flat. */
  readonly gapPerActual: number;
  readonly hrBpm?: number | undefined;
  /** The optical sensor reads the step rate (src/signal/heart-rate.ts). */
  readonly hrCadenceLocked: boolean;
  readonly cadenceSpm?: number | undefined;
  /** The GPS error's size measured in this run (see gpsErrorSdOf), m/s; the setting until measured. */
  readonly gpsErrorSdMps?: number | undefined;
}

export interface EstimatorState {
  readonly belief: Belief;
  readonly model: RunnerModel;
  /** The run's speed-reading noise variance, (m/s)², re-estimated from the innovations. */
  readonly speedNoiseVar: number;
  /** How long the speed noise has been measured, s (its average starts short and grows to SPEED_NOISE_TAU_SEC). */
  readonly speedNoiseSeenSec: number;
  /** The last interval's transition, kept for the next of the same length (most are 1 s): it depends on nothing else. */
  readonly lastTransition: CachedTransition | undefined;
  /**
   * The one before it, kept too: while conditioning measures the GPS error its
   * size often steps back to the last but one (35 162 of the suite's 73 987
   * resizes), which this finds without copying Q again.
   */
  readonly previousTransition: CachedTransition | undefined;
}

/** A transition and what it was made for. */
export interface CachedTransition {
  readonly dtSec: number;
  readonly gpsErrorSdMps: number;
  readonly transition: Transition;
}

/** What the estimate says at a step: means and standard deviations, in the runner's units. */
export interface Estimate {
  readonly gapSpeedMps: number;
  readonly gapSpeedSdMps: number;
  /** The heart's own rate, sensor error removed. */
  readonly heartBpm: number;
  readonly heartSdBpm: number;
  readonly hrSensorErrorBpm: number;
  readonly hrAtRefBpm: number;
  readonly speedNoiseMps: number;
}

/** Prior spread of the states at the start of a run, each in its own unit. */
export const INITIAL_SD = {
  gapSpeedMps: 1,
  /** The heart at the start is anywhere from rest to the ceiling: wide. */
  heartAboveRefBpm: 25,
  hrDriveBpm: 25,
  /** Runners differ by tens of steps a minute at one speed: the level says little until learned, changes say much. */
  cadenceAtRefSpm: 20,
} as const;

/** Memory of the speed-noise estimate, s: about three minutes of readings. */
export const SPEED_NOISE_TAU_SEC = 180;
/** A reading further than this many of its predicted standard deviations counts only as far as this (Huber). */
export const OUTLIER_GATE_SD = 3;
/** Running cadence: below it the cadence line does not hold (src/signal/pace.ts's RUNNING_CADENCE_SPM). */
export const MIN_RUNNING_CADENCE_SPM = 140;

export function initialEstimator(model: RunnerModel, settings: EstimateSettings): EstimatorState {
  const n = STATE_SIZE;
  const mean = zeros(n);
  const cov = zeros(n * n);
  const variance = (i: number, sd: number): void => {
    cov[i * n + i] = sd * sd;
  };
  mean[STATE.gapSpeedMps] = model.refSpeedMps;
  mean[STATE.hrAtRefBpm] = model.hrAtRefBpm;
  mean[STATE.cadenceAtRefSpm] = model.cadenceAtRefSpm;
  variance(STATE.gapSpeedMps, INITIAL_SD.gapSpeedMps);
  variance(STATE.gpsErrorMps, settings.gpsErrorSdMps);
  variance(STATE.hrDriveBpm, INITIAL_SD.hrDriveBpm);
  variance(STATE.heartAboveRefBpm, INITIAL_SD.heartAboveRefBpm);
  // The runner model's own width for its level: the prior's wide one, or a fitted model's day-to-day spread.
  variance(STATE.hrAtRefBpm, model.hrAtRefSdBpm);
  variance(STATE.hrSensorErrorBpm, settings.hrSensorErrorSdBpm);
  variance(STATE.cadenceAtRefSpm, INITIAL_SD.cadenceAtRefSpm);
  return { belief: { mean, cov }, model, speedNoiseVar: settings.speedNoiseMps ** 2, speedNoiseSeenSec: 0, lastTransition: undefined, previousTransition: undefined };
}

/**
 * One step: predict over input.dtSec, then correct with each reading, in a
 * belief of its own (the state given is never changed). Besides that belief,
 * a step allocates only its readings' observations, the state it returns,
 * and a transition when the interval or the GPS error's size has changed.
 */
export function stepEstimator(state: EstimatorState, input: EstimatorInput, settings: EstimateSettings): EstimatorState {
  const gpsErrorSdMps = input.gpsErrorSdMps ?? settings.gpsErrorSdMps;
  const last = state.lastTransition;
  const moves = input.dtSec > 0;
  const lastTransition = !moves ? last : transitionFor(last, state.previousTransition, state.model, settings, input.dtSec, gpsErrorSdMps);
  const previousTransition = lastTransition === last ? state.previousTransition : last;
  const cadenceObs = input.cadenceSpm === undefined ? undefined : cadenceObservation(input.cadenceSpm, state.model, input.gapPerActual, MIN_RUNNING_CADENCE_SPM);
  const hrObs = input.hrBpm === undefined ? undefined : heartRateObservation(input.hrBpm, settings.hrReadingNoiseBpm, input.hrCadenceLocked);
  const predicts = moves && lastTransition !== undefined;
  // Nothing moves and nothing is read: the state as it was (no interval, so no new transition either).
  if (!predicts && input.speed === undefined && cadenceObs === undefined && hrObs === undefined) return state;
  const before = state.belief;
  // The belief this step owns: predicted into fresh arrays, or a copy to correct when nothing moves.
  const belief: Belief = { mean: before.mean.slice(), cov: before.cov.slice() };
  if (predicts) predictInto(belief, before, lastTransition.transition);
  let { speedNoiseVar, speedNoiseSeenSec } = state;
  if (input.speed !== undefined) {
    const obs = speedObservation(input.speed.mps, input.speed.source, input.gapPerActual, Math.sqrt(speedNoiseVar), input.dtSec);
    const residual = obs.z - predictedReading(belief, obs.h);
    const hph = beliefVarianceAlong(belief, obs.h);
    const variance = hph + obs.r;
    // The noise estimate: the innovations' spread less what the prediction
    // explains (a Sage–Husa-style covariance match), bounded by the setting's range.
    const explained = variance - obs.r;
    const multiple = obs.r / speedNoiseVar;
    const sample = Math.min(residual * residual, OUTLIER_GATE_SD ** 2 * variance) / multiple - explained / multiple;
    // Chords overlap (see speedObservation): their innovations say little of one reading's noise.
    if (input.speed.source !== 'chord') {
      const stepSec = Math.max(input.dtSec, 1);
      const weight = stepSec / Math.min(speedNoiseSeenSec + stepSec, SPEED_NOISE_TAU_SEC);
      const { min, max } = ESTIMATE_SETTINGS.speedNoiseMps;
      speedNoiseVar = clamp(speedNoiseVar + weight * (sample - speedNoiseVar), min * min, max * max);
      speedNoiseSeenSec += stepSec;
    }
    robustCorrect(belief, obs, residual, hph);
  }
  if (cadenceObs !== undefined) robustCorrect(belief, cadenceObs, cadenceObs.z - predictedReading(belief, cadenceObs.h), beliefVarianceAlong(belief, cadenceObs.h));
  if (hrObs !== undefined) robustCorrect(belief, hrObs, hrObs.z - predictedReading(belief, hrObs.h), beliefVarianceAlong(belief, hrObs.h));
  return { belief, model: state.model, speedNoiseVar, speedNoiseSeenSec, lastTransition, previousTransition };
}

/**
 * The transition over dtSec for a GPS error of this size: the last one when
 * both are the same (most steps: 1 s apart), or the one before it; the last
 * one resized when only the GPS error's measured size moved (about every
 * other step while it is being measured), else made afresh. A transition
 * depends on nothing but the interval and that size, however it was made
 * (resizing keeps F's entry and sets the noise from it, as making does), so
 * which of these is found changes no figure.
 */
function transitionFor(
  last: CachedTransition | undefined,
  previous: CachedTransition | undefined,
  model: RunnerModel,
  settings: EstimateSettings,
  dtSec: number,
  gpsErrorSdMps: number,
): CachedTransition {
  if (last !== undefined && last.dtSec === dtSec) {
    if (last.gpsErrorSdMps === gpsErrorSdMps) return last;
    if (previous !== undefined && previous.dtSec === dtSec && previous.gpsErrorSdMps === gpsErrorSdMps) return previous;
    return { dtSec, gpsErrorSdMps, transition: withGpsErrorSd(last.transition, gpsErrorSdMps) };
  }
  return { dtSec, gpsErrorSdMps, transition: runnerBodyTransition(model, settings, dtSec, gpsErrorSdMps) };
}

/**
 * Correct the step's own belief in place, with a reading further than
 * OUTLIER_GATE_SD predicted standard deviations counted only as one that far
 * (its noise widened to match): one spike in a sparse recording moves the
 * estimate, it does not decide it. `hph` is the belief's own variance along
 * the reading (beliefVarianceAlong), `residual` the reading less its prediction.
 */
function robustCorrect(belief: Belief, obs: ScalarObservation, residual: number, hph: number): void {
  const variance = hph + obs.r;
  const limit = OUTLIER_GATE_SD * OUTLIER_GATE_SD * variance;
  if (residual * residual <= limit) {
    correctInPlace(belief, obs.h, residual, variance);
    return;
  }
  const widenedR = obs.r + ((residual * residual) / (OUTLIER_GATE_SD * OUTLIER_GATE_SD) - variance);
  correctInPlace(belief, obs.h, residual, hph + widenedR);
}

/** robustCorrect of a belief its caller owns, in place (the speed sensors' own filter, speed-sensors.ts). */
export function robustCorrectInPlace(belief: Belief, obs: ScalarObservation): void {
  robustCorrect(belief, obs, obs.z - predictedReading(belief, obs.h), beliefVarianceAlong(belief, obs.h));
}

export function estimateOf(state: EstimatorState): Estimate {
  const { mean, cov } = state.belief;
  const n = STATE_SIZE;
  const { gapSpeedMps: v, heartAboveRefBpm: y, hrAtRefBpm: o, hrSensorErrorBpm: e } = STATE;
  const heartVar = (cov[y * n + y] as number) + (cov[o * n + o] as number) + 2 * (cov[y * n + o] as number);
  return {
    gapSpeedMps: mean[v] as number,
    gapSpeedSdMps: Math.sqrt(Math.max(0, cov[v * n + v] as number)),
    heartBpm: (mean[o] as number) + (mean[y] as number),
    heartSdBpm: Math.sqrt(Math.max(0, heartVar)),
    hrSensorErrorBpm: mean[e] as number,
    hrAtRefBpm: mean[o] as number,
    speedNoiseMps: Math.sqrt(state.speedNoiseVar),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
