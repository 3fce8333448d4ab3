import { EMPTY_WINDOW, pushReading, windowMean, type TimeWindow } from './window.ts';

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
  /** Smoothed altitude at points along the last GRADE_BASELINE_M, oldest first. */
  readonly profile: readonly { readonly odometerM: number; readonly altitudeM: number }[];
  readonly gradePct?: number;
}

export const INITIAL_GRADE_STATE: GradeState = { odometerM: 0, altitudes: EMPTY_WINDOW, profile: [] };

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
  const profile = extendProfile(state.profile, odometerM, smoothedM);
  const first = profile[0];
  const runM = first === undefined ? 0 : odometerM - first.odometerM;
  const next: GradeState = { odometerM, altitudes, profile };
  if (first === undefined || runM < GRADE_MIN_BASELINE_M) {
    return state.gradePct === undefined ? next : { ...next, gradePct: state.gradePct };
  }
  const gradePct = ((smoothedM - first.altitudeM) / runM) * 100;
  return { ...next, gradePct: Math.max(-MAX_GRADE_PCT, Math.min(MAX_GRADE_PCT, gradePct)) };
}

function extendProfile(
  profile: GradeState['profile'],
  odometerM: number,
  altitudeM: number,
): GradeState['profile'] {
  const last = profile[profile.length - 1];
  if (last !== undefined && odometerM - last.odometerM < GRADE_POINT_SPACING_M) return profile;
  // Keep one point at or beyond the baseline so the grade always spans it.
  let start = 0;
  while (start + 1 < profile.length && odometerM - (profile[start + 1]?.odometerM ?? 0) >= GRADE_BASELINE_M) start++;
  return [...profile.slice(start), { odometerM, altitudeM }];
}
