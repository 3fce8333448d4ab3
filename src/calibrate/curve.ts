/**
 * The runner's own heart-rate curve: steady heart rate against
 * grade-adjusted speed, with cardiac drift, fitted robustly on the steady
 * stretches of their runs.
 *
 *   hrBpm ≈ hrAtRefBpm + slopeBpmPerMps · (gapSpeedMps − refSpeedMps) + driftBpmPerHour · timerHours
 *
 * Linear in speed (not pace): in the aerobic range heart rate rises in
 * proportion to oxygen uptake, and oxygen uptake in proportion to speed
 * (ACSM's running equation). Drift is time-dependent: at constant effort,
 * heart rate creeps up through a run (Coyle & González-Alonso 2001, "Cardiovascular
 * drift during prolonged exercise", Exerc Sport Sci Rev 29:88); leaving it
 * out would make a long run's late stretches look like a steeper curve.
 *
 * The fit: Theil–Sen of heart rate on speed for a start, then Huber IRLS on
 * [1, speed, time], its normal equations corrected for the noise in each
 * stretch's speed (GPS: without it a noisy watch flattens the curve). Drift is fitted only when the stretches span enough of
 * the runs' time to tell it from speed, and is kept within 0..DRIFT_MAX:
 * outside it, drift is fixed at the bound and the rest refitted.
 */
import { huberRegression, theilSen } from './robust.ts';
import { median, quantile, robustSd } from './stats.ts';

/** Fewer stretches than this give no curve. */
export const CURVE_MIN_STRETCHES = 6;
/**
 * The stretches must span at least this much grade-adjusted speed (10th to
 * 90th percentile, 0.2 m/s ≈ 20 s/km at 5:30): all at one pace, a slope is
 * noise.
 */
export const CURVE_MIN_SPEED_SPREAD_MPS = 0.2;
/**
 * A believable slope, bpm per m/s. Runners' steady heart rate rises some
 * 15–45 bpm per m/s in the aerobic range; outside these bounds the data are
 * not a curve (a treadmill with a wrong speed, heat, a sensor that locked).
 */
export const CURVE_MIN_SLOPE_BPM_PER_MPS = 5;
export const CURVE_MAX_SLOPE_BPM_PER_MPS = 80;
/** Drift is fitted only when the stretches' times span this much (10th to 90th percentile). */
export const DRIFT_MIN_SPAN_HOURS = 0.25;
/** Drift is kept within 0 and this (bpm per hour; a hot day gives about 10). */
export const DRIFT_MAX_BPM_PER_HOUR = 15;
/**
 * Huber's constant for the curve, in residual scales: 2 rather than the
 * textbook 1.345. Noisy speeds (GPS) widen the residuals of good stretches;
 * a smaller constant would down-weight exactly the stretches whose speed
 * errors the slope correction counts in full, and over-correct (simulated,
 * σ 0.1 m/s on a 0.15 m/s spread: +4 to +12 % at 1.345, −6 to +3 % at 2).
 * An artefact 20 bpm off still gets at most a fifth of a weight at a 2 bpm scale.
 */
export const CURVE_HUBER_K = 2;
/** Heart rate is whole beats: a residual scale below this is quantisation, not fit. */
export const HR_MIN_SCALE_BPM = 1;
/** Pairs of stretches closer in speed than this say nothing about a slope (Theil–Sen start). */
const THEIL_SEN_MIN_DX_MPS = 0.05;

export interface CurvePoint {
  readonly gapSpeedMps: number;
  /** Standard error of gapSpeedMps (the stretch's block-to-block spread). */
  readonly gapSeMps: number;
  readonly hrBpm: number;
  readonly timerHours: number;
  /** Which run the stretch comes from (for per-run residuals and resampling). */
  readonly run: number;
}

export interface HrCurve {
  readonly refSpeedMps: number;
  readonly hrAtRefBpm: number;
  readonly slopeBpmPerMps: number;
  readonly driftBpmPerHour: number;
  /** How drift was had: fitted, fixed at a bound, or not fitted (too little spread in time). */
  readonly drift: 'fitted' | 'bounded' | 'not-fitted';
  /** Robust SD of the stretches' residuals. */
  readonly residualSdBpm: number;
  /** Robust SD of the runs' median residuals: how much a whole run sits off the curve (day-to-day). */
  readonly runResidualSdBpm: number;
  /** Grade-adjusted speeds the curve rests on (5th to 95th percentile of its stretches). */
  readonly speedLoMps: number;
  readonly speedHiMps: number;
  readonly stretchCount: number;
  readonly runCount: number;
}

export type CurveFit = { readonly ok: true; readonly curve: HrCurve } | { readonly ok: false; readonly why: string };

/** The curve's heart rate at a grade-adjusted speed and a time into the run. */
export function curveHrBpm(curve: HrCurve, gapSpeedMps: number, timerHours: number): number {
  return curve.hrAtRefBpm + curve.slopeBpmPerMps * (gapSpeedMps - curve.refSpeedMps) + curve.driftBpmPerHour * timerHours;
}

/** The grade-adjusted speed at which the curve gives `hrBpm` at `timerHours`. */
export function curveSpeedMps(curve: HrCurve, hrBpm: number, timerHours: number): number {
  return curve.refSpeedMps + (hrBpm - curve.hrAtRefBpm - curve.driftBpmPerHour * timerHours) / curve.slopeBpmPerMps;
}

/**
 * Fits the curve; `refSpeedMps` is where `hrAtRefBpm` is read (the easy pace).
 * `start` seeds the iterations (a bootstrap starts from the full fit).
 */
export function fitHrCurve(points: readonly CurvePoint[], refSpeedMps: number, start?: HrCurve): CurveFit {
  if (points.length < CURVE_MIN_STRETCHES) {
    return { ok: false, why: `${points.length} steady stretches, fewer than the ${CURVE_MIN_STRETCHES} a curve needs` };
  }
  const speeds = points.map((p) => p.gapSpeedMps);
  const spread = (quantile(speeds, 0.9) ?? 0) - (quantile(speeds, 0.1) ?? 0);
  if (spread < CURVE_MIN_SPEED_SPREAD_MPS) {
    return {
      ok: false,
      why: `the steady stretches are all at about one pace (${spread.toFixed(2)} m/s apart, ${CURVE_MIN_SPEED_SPREAD_MPS} needed): no slope to fit`,
    };
  }
  const hrs = points.map((p) => p.hrBpm);
  const hours = points.map((p) => p.timerHours);
  const v0 = median(speeds) as number;
  const h0 = median(hours) as number;
  const dv = speeds.map((v) => v - v0);
  const dh = hours.map((h) => h - h0);
  const ones = points.map(() => 1);

  let slopeStart: number;
  let levelStart: number;
  if (start !== undefined) {
    slopeStart = start.slopeBpmPerMps;
    levelStart = curveHrBpm(start, v0, h0);
  } else {
    const line = theilSen(dv, hrs, THEIL_SEN_MIN_DX_MPS);
    if (line === undefined) return { ok: false, why: 'no two stretches differ enough in pace to fit a slope' };
    slopeStart = line.slope;
    levelStart = line.intercept;
  }
  // Speed is measured with noise (GPS); heart rate's noise is in the residual already.
  const speedVariances = points.map((p) => p.gapSeMps ** 2);
  const options = { k: CURVE_HUBER_K, minScale: HR_MIN_SCALE_BPM, errorVariances: [undefined, speedVariances, undefined] };
  const timeSpan = (quantile(hours, 0.9) ?? 0) - (quantile(hours, 0.1) ?? 0);

  let level: number;
  let slope: number;
  let driftBpmPerHour = 0;
  let drift: HrCurve['drift'] = 'not-fitted';
  let residuals: readonly number[];
  const withDrift = timeSpan >= DRIFT_MIN_SPAN_HOURS ? huberRegression([ones, dv, dh], hrs, [levelStart, slopeStart, start?.driftBpmPerHour ?? 0], options) : undefined;
  const fittedDrift = withDrift?.coefficients[2];
  if (withDrift !== undefined && fittedDrift !== undefined && fittedDrift >= 0 && fittedDrift <= DRIFT_MAX_BPM_PER_HOUR) {
    [level, slope] = withDrift.coefficients as [number, number];
    driftBpmPerHour = fittedDrift;
    drift = 'fitted';
    residuals = withDrift.residuals;
  } else {
    if (fittedDrift !== undefined) {
      driftBpmPerHour = Math.min(DRIFT_MAX_BPM_PER_HOUR, Math.max(0, fittedDrift));
      drift = 'bounded';
    }
    const adjusted = hrs.map((hr, i) => hr - driftBpmPerHour * (dh[i] as number));
    const fit = huberRegression([ones, dv], adjusted, [levelStart, slopeStart], { ...options, errorVariances: [undefined, speedVariances] });
    if (fit === undefined) return { ok: false, why: 'the stretches do not determine a line' };
    [level, slope] = fit.coefficients as [number, number];
    residuals = fit.residuals;
  }
  if (!(slope >= CURVE_MIN_SLOPE_BPM_PER_MPS && slope <= CURVE_MAX_SLOPE_BPM_PER_MPS)) {
    return {
      ok: false,
      why: `heart rate rises ${slope.toFixed(1)} bpm per m/s on these stretches, outside the believable ${CURVE_MIN_SLOPE_BPM_PER_MPS}–${CURVE_MAX_SLOPE_BPM_PER_MPS}`,
    };
  }
  // level is the heart rate at (v0, h0); move it to (refSpeed, 0 h).
  const hrAtRefBpm = level + slope * (refSpeedMps - v0) - driftBpmPerHour * h0;
  const runMedians = medianByRun(points, residuals);
  return {
    ok: true,
    curve: {
      refSpeedMps,
      hrAtRefBpm,
      slopeBpmPerMps: slope,
      driftBpmPerHour,
      drift,
      residualSdBpm: robustSd(residuals) ?? 0,
      runResidualSdBpm: runMedians.length >= 3 ? (robustSd(runMedians) ?? 0) : (robustSd(residuals) ?? 0),
      speedLoMps: quantile(speeds, 0.05) as number,
      speedHiMps: quantile(speeds, 0.95) as number,
      stretchCount: points.length,
      runCount: runMedians.length,
    },
  };
}

function medianByRun(points: readonly CurvePoint[], residuals: readonly number[]): number[] {
  const byRun = new Map<number, number[]>();
  points.forEach((p, i) => {
    const list = byRun.get(p.run) ?? [];
    list.push(residuals[i] as number);
    byRun.set(p.run, list);
  });
  return [...byRun.values()].map((list) => median(list) as number);
}
