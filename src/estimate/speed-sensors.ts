import { predictInto, transition as makeTransition, transitionEntry, type Belief, type ScalarObservation, type Transition } from './linear-gaussian.ts';
import { cadenceObservation } from './observation/cadence.ts';
import { speedObservation } from './observation/speed.ts';
import { MIN_RUNNING_CADENCE_SPM, robustCorrectInPlace, type EstimatorInput, type EstimatorState } from './estimator.ts';
import { STATE } from './state.ts';

/**
 * What the speed sensors alone say of the runner's grade-adjusted speed: the
 * same filter as the estimator's (same transition, same readings, same
 * noise, same Huber limit) restricted to the states a speed sensor sees
 * (speed, GPS error, cadence offset), with heart rate left out.
 *
 * Why: in the full estimate heart rate moves the speed (a heart climbing
 * while GPS is gone reads as a speed-up, since the body model links them).
 * That restrains a noisy GPS, which is worth keeping; but heart rate has its
 * own test, and the pace test must count no evidence about speed that the
 * speed sensors do not support. decide.ts judges, step by step, the lesser of
 * the two speeds: heart rate may hold pace evidence back, never add to it.
 * (Allowing the full estimate up to one or half a standard deviation above
 * this one still let a heart-rate rise call a pace overshoot: the GPS error
 * state keeps this spread at 15–25 s/km even on a clean speed field.)
 *
 * The restriction is exact, not an approximation: no speed-sensor state's
 * motion depends on a heart state (dynamic/runner-body.ts: their rows of F
 * and Q touch only themselves), so the sub-block of the transition is the
 * marginal filter's own.
 */
export const SPEED_SENSOR_STATES = [STATE.gapSpeedMps, STATE.gpsErrorMps, STATE.cadenceAtRefSpm] as const;

/** The speed sensors' own estimate: grade-adjusted speed and its spread, m/s. */
export interface SpeedSensorsEstimate {
  readonly gapSpeedMps: number;
  readonly gapSpeedSdMps: number;
}

/** The speed-sensor block of a full belief (the estimator's prior at the start of a run). */
export function speedSensorsBelief(full: Belief): Belief {
  return { mean: pick(full.mean), cov: pickSquare(full.cov, Math.round(Math.sqrt(full.cov.length))) };
}

/**
 * One step: predict through the estimator's own transition for this interval
 * (`estimator` is the estimator after this input, so its last transition is
 * this one), then correct with the speed and cadence readings, exactly as the
 * estimator does, with the run's measured speed noise.
 */
export function stepSpeedSensors(belief: Belief, input: EstimatorInput, estimator: EstimatorState): Belief {
  const transition = input.dtSec > 0 ? estimator.lastTransition : undefined;
  const speedObs =
    input.speed === undefined
      ? undefined
      : speedObservation(input.speed.mps, input.speed.source, input.gapPerActual, Math.sqrt(estimator.speedNoiseVar), input.dtSec);
  const cadenceObs =
    input.cadenceSpm === undefined ? undefined : cadenceObservation(input.cadenceSpm, estimator.model, input.gapPerActual, MIN_RUNNING_CADENCE_SPM);
  if (transition === undefined && speedObs === undefined && cadenceObs === undefined) return belief;
  // One belief a step, predicted into and corrected in place (it was a new one for each move: three a step).
  const next: Belief = { mean: belief.mean.slice(), cov: belief.cov.slice() };
  if (transition !== undefined) predictInto(next, belief, subTransition(transition.transition));
  if (speedObs !== undefined) robustCorrectInPlace(next, subObservation(speedObs));
  if (cadenceObs !== undefined) robustCorrectInPlace(next, subObservation(cadenceObs));
  return next;
}

export function speedSensorsEstimateOf(belief: Belief): SpeedSensorsEstimate {
  return { gapSpeedMps: belief.mean[0] as number, gapSpeedSdMps: Math.sqrt(Math.max(0, belief.cov[0] as number)) };
}

function subObservation(obs: ScalarObservation): ScalarObservation {
  return { h: subSees(obs.h), z: obs.z, r: obs.r };
}

/** The last two full h picked and their picks (a speed's and a cadence's reading alternate): observations share their h. */
let lastSeesA: readonly number[] | undefined;
let lastSubA: readonly number[] = [];
let lastSeesB: readonly number[] | undefined;
let lastSubB: readonly number[] = [];

function subSees(h: readonly number[]): readonly number[] {
  if (h === lastSeesA) return lastSubA;
  if (h === lastSeesB) return lastSubB;
  lastSeesB = lastSeesA;
  lastSubB = lastSubA;
  lastSeesA = h;
  lastSubA = pick(h);
  return lastSubA;
}

/** Sub-blocks already taken, by the estimator's transition (most steps reuse one): a cache, nothing observable. */
const SUB_TRANSITIONS = new WeakMap<Transition, Transition>();

/** The last one taken, looked at before the map: most steps ask for the same as the step before. */
let lastFull: Transition | undefined;
let lastSub: Transition | undefined;

/** The one taken before those, looked at next: the estimator steps back to its last but one often (estimator.ts). */
let previousFull: Transition | undefined;
let previousSub: Transition | undefined;

function subTransition(t: Transition): Transition {
  if (t === lastFull && lastSub !== undefined) return lastSub;
  const cached = t === previousFull && previousSub !== undefined ? previousSub : (SUB_TRANSITIONS.get(t) ?? resizedSub(t) ?? makeSub(t));
  previousFull = lastFull;
  previousSub = lastSub;
  lastFull = t;
  lastSub = cached;
  return cached;
}

/**
 * The last sub-block with `t`'s Q, when `t` shares F and u with the last full
 * transition (withGpsErrorSd resizes the GPS error's noise so, about every
 * other step while conditioning measures it): Q's nine entries picked, where
 * making it afresh walked F nine times (a tenth of the model's step).
 */
function resizedSub(t: Transition): Transition | undefined {
  if (lastFull === undefined || lastSub === undefined || t.values !== lastFull.values || t.u !== lastFull.u) return undefined;
  const s = lastSub;
  // Not put in the map: a WeakMap's set costs more than this pick (the map is for a transition made afresh).
  return { n: s.n, rowStart: s.rowStart, cols: s.cols, values: s.values, u: s.u, q: pickSquare(t.q, t.n), onlyDiagonal: s.onlyDiagonal, diagonal: s.diagonal };
}

function makeSub(t: Transition): Transition {
  const f: number[] = [];
  for (const i of SPEED_SENSOR_STATES) for (const j of SPEED_SENSOR_STATES) f.push(transitionEntry(t, i, j));
  const sub = makeTransition(f, pick(t.u), pickSquare(t.q, t.n));
  SUB_TRANSITIONS.set(t, sub);
  return sub;
}

/** The speed-sensor entries of a full vector (written out: a map's closure and iterator cost more than the reads). */
function pick(vector: readonly number[]): number[] {
  const [v, g, c] = SPEED_SENSOR_STATES;
  return [vector[v] as number, vector[g] as number, vector[c] as number];
}

/** The speed-sensor block of a full n × n matrix, row-major. */
function pickSquare(matrix: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < SPEED_SENSOR_STATES.length; a++) {
    const row = (SPEED_SENSOR_STATES[a] as number) * n;
    for (let b = 0; b < SPEED_SENSOR_STATES.length; b++) out.push(matrix[row + (SPEED_SENSOR_STATES[b] as number)] as number);
  }
  return out;
}
