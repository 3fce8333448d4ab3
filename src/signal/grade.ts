import { EMPTY_WINDOW, oldestReading, pushReading, windowMean, type TimeWindow } from './window.ts';

/**
 * Grade from altitude over distance run. Altitude is first averaged over a
 * few seconds (barometric steps and GPS altitude jitter), then the grade is the
 * rise over the last GRADE_BASELINE_M of distance. Near the flat a 1 % error in
 * grade moves grade-adjusted pace by about 5 %, so the baseline is long enough
 * to keep altitude noise out, and short enough for a hill of a few hundred metres.
 */
export const ALTITUDE_SMOOTHING_MS = 10_000;
export const GRADE_BASELINE_M = 80;
/** Below this much distance in the baseline, the grade is not yet known. */
export const GRADE_MIN_BASELINE_M = 40;
/** Distance between the points kept along the altitude profile. */
export const GRADE_POINT_SPACING_M = 5;
/** Roads and trails a runner runs are within this; steeper is an altitude glitch. */
export const MAX_GRADE_PCT = 30;

export interface GradeState {
  /** Distance run, integrated from the conditioned speed. */
  readonly odometerM: number;
  readonly altitudes: TimeWindow;
  /** Smoothed altitude keyed by odometer, over the last GRADE_BASELINE_M. */
  readonly profile: TimeWindow;
  readonly lastPointM: number | undefined;
  readonly gradePct: number | undefined;
}

export const INITIAL_GRADE_STATE: GradeState = {
  odometerM: 0,
  altitudes: EMPTY_WINDOW,
  profile: EMPTY_WINDOW,
  lastPointM: undefined,
  gradePct: undefined,
};

export function stepGrade(
  state: GradeState,
  atMs: number,
  distanceRunM: number,
  altitudeM: number | undefined,
): GradeState {
  const odometerM = state.odometerM + distanceRunM;
  if (altitudeM === undefined || !Number.isFinite(altitudeM)) return { ...state, odometerM };
  const altitudes = pushReading(state.altitudes, atMs, altitudeM, ALTITUDE_SMOOTHING_MS);
  const smoothedM = windowMean(altitudes) ?? altitudeM;
  const addPoint = state.lastPointM === undefined || odometerM - state.lastPointM >= GRADE_POINT_SPACING_M;
  const profile = addPoint ? pushReading(state.profile, odometerM, smoothedM, GRADE_BASELINE_M) : state.profile;
  const lastPointM = addPoint ? odometerM : state.lastPointM;
  const first = oldestReading(profile);
  const runM = first === undefined ? 0 : odometerM - first.key;
  if (first === undefined || runM < GRADE_MIN_BASELINE_M) {
    return { odometerM, altitudes, profile, lastPointM, gradePct: state.gradePct };
  }
  const gradePct = ((smoothedM - first.value) / runM) * 100;
  return {
    odometerM,
    altitudes,
    profile,
    lastPointM,
    gradePct: Math.max(-MAX_GRADE_PCT, Math.min(MAX_GRADE_PCT, gradePct)),
  };
}
