import { widenOptionalNumbers } from './shape.ts';
import { EMPTY_WINDOW, pushReading, windowMean, type TimeWindow } from './window.ts';

/**
 * Grade from altitude over distance run. Altitude is first averaged over a
 * few seconds, then the grade is the rise over a trailing stretch of distance.
 * Near the flat a 1 % error in grade moves grade-adjusted pace by about 5 %,
 * so how long that stretch is depends on how good the altimeter is:
 *
 * - a barometric altimeter is smooth to decimetres: 80 m is enough, and short
 *   enough to follow a hill of a few hundred metres;
 * - GPS altitude wanders by metres: over 80 m that is several percent of
 *   phantom grade, so it gets 400 m, and short hills are smeared out.
 *
 * Over a crest the runner speeds up at once while a trailing grade still reads
 * uphill, which would make an easy descent look like a fast flat. So with a
 * smooth altimeter the grade is the more downhill of the baseline's and the
 * last CREST_BASELINE_M's: for alerting, the cautious side.
 *
 * Which altimeter this is, is read from the data: the typical size of the second
 * difference of consecutive altitude readings. A real hill bends slowly (its
 * second difference is centimetres); GPS altitude jumps about by a metre.
 */
export const ALTITUDE_SMOOTHING_MS = 10_000;
export const SMOOTH_GRADE_BASELINE_M = 80;
export const ROUGH_GRADE_BASELINE_M = 400;
/** The short look-back that catches the start of a descent. */
export const CREST_BASELINE_M = 30;
/**
 * Typical |second difference| above which altitude is too rough for the short
 * baseline. Measured: the 17 real recordings with altitude in the shared
 * corpus (barometric and device-filtered) give 0.004–0.37 m; the synthetic
 * barometer 0.21–0.26 m; synthetic GPS altitude 0.82–1.9 m.
 */
export const ROUGH_ALTITUDE_M = 0.5;
/** How many readings the roughness average remembers (an exponential average). */
export const ROUGHNESS_MEMORY_READINGS = 60;
/** Below half the baseline of distance, the grade is not yet known. */
export const GRADE_MIN_BASELINE_SHARE = 0.5;
/** Distance between the points kept along the altitude profile. */
export const GRADE_POINT_SPACING_M = 5;
/** Roads and trails a runner runs are within this; steeper is an altitude glitch. */
export const MAX_GRADE_PCT = 30;

export interface GradeState {
  /** Distance run, integrated from the conditioned speed. */
  readonly odometerM: number;
  readonly altitudes: TimeWindow;
  /** Smoothed altitude keyed by odometer, over the last ROUGH_GRADE_BASELINE_M. */
  readonly profile: TimeWindow;
  readonly lastPointM: number | undefined;
  /** The last two raw readings, for the second difference. */
  readonly previousM: number | undefined;
  readonly beforePreviousM: number | undefined;
  /** Exponential average of |second difference|, metres; undefined until two differences are seen. */
  readonly roughnessM: number | undefined;
  readonly gradePct: number | undefined;
}

/** A grade state before any altitude: one literal, so the initial state and the widened one below share a shape. */
function newGradeState(): GradeState {
  return {
    odometerM: 0,
    altitudes: EMPTY_WINDOW,
    profile: EMPTY_WINDOW,
    lastPointM: undefined,
    previousM: undefined,
    beforePreviousM: undefined,
    roughnessM: undefined,
    gradePct: undefined,
  };
}

export const INITIAL_GRADE_STATE: GradeState = newGradeState();

// The grade becomes known only once its baseline is run, minutes in (shape.ts).
widenOptionalNumbers(newGradeState(), ['lastPointM', 'previousM', 'beforePreviousM', 'roughnessM', 'gradePct']);

export function stepGrade(
  state: GradeState,
  atMs: number,
  distanceRunM: number,
  altitudeM: number | undefined,
): GradeState {
  const odometerM = state.odometerM + distanceRunM;
  if (altitudeM === undefined || !Number.isFinite(altitudeM)) {
    // Written out, not spread: every grade state keeps one shape.
    return {
      odometerM,
      altitudes: state.altitudes,
      profile: state.profile,
      lastPointM: state.lastPointM,
      previousM: state.previousM,
      beforePreviousM: state.beforePreviousM,
      roughnessM: state.roughnessM,
      gradePct: state.gradePct,
    };
  }
  const roughnessM = nextRoughness(state, altitudeM);
  const altitudes = pushReading(state.altitudes, atMs, altitudeM, ALTITUDE_SMOOTHING_MS);
  const smoothedM = windowMean(altitudes) ?? altitudeM;
  const addPoint = state.lastPointM === undefined || odometerM - state.lastPointM >= GRADE_POINT_SPACING_M;
  const profile = addPoint ? pushReading(state.profile, odometerM, smoothedM, ROUGH_GRADE_BASELINE_M) : state.profile;
  const smooth = roughnessM !== undefined && roughnessM <= ROUGH_ALTITUDE_M;
  const long = gradeOver(profile, odometerM, smoothedM, smooth ? SMOOTH_GRADE_BASELINE_M : ROUGH_GRADE_BASELINE_M);
  const crest = smooth ? gradeOver(profile, odometerM, smoothedM, CREST_BASELINE_M) : undefined;
  const gradePct = long === undefined ? state.gradePct : crest === undefined ? long : Math.min(long, crest);
  return {
    odometerM,
    altitudes,
    profile,
    lastPointM: addPoint ? odometerM : state.lastPointM,
    previousM: altitudeM,
    beforePreviousM: state.previousM,
    roughnessM,
    gradePct,
  };
}

function nextRoughness(state: GradeState, altitudeM: number): number | undefined {
  if (state.previousM === undefined || state.beforePreviousM === undefined) return state.roughnessM;
  const second = Math.abs(altitudeM - 2 * state.previousM + state.beforePreviousM);
  if (state.roughnessM === undefined) return second;
  return state.roughnessM + (second - state.roughnessM) / ROUGHNESS_MEMORY_READINGS;
}

/** Rise over the last `baselineM` of the profile, in percent; undefined until half of it has been run. */
function gradeOver(profile: TimeWindow, odometerM: number, altitudeM: number, baselineM: number): number | undefined {
  const { log, start, end } = profile;
  if (log === undefined || start >= end) return undefined;
  // The oldest point at or after the baseline's start (the newest point when
  // none is), by bisection: the profile keeps the longest baseline's points,
  // eighty of them, and this runs for every sample.
  const fromM = odometerM - baselineM;
  let lo = start;
  let hi = end - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((log.keys[mid] as number) < fromM) lo = mid + 1;
    else hi = mid;
  }
  const i = lo;
  const runM = odometerM - (log.keys[i] as number);
  if (runM < baselineM * GRADE_MIN_BASELINE_SHARE) return undefined;
  const gradePct = ((altitudeM - (log.values[i] as number)) / runM) * 100;
  return Math.max(-MAX_GRADE_PCT, Math.min(MAX_GRADE_PCT, gradePct));
}
