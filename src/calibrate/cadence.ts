/**
 * The runner's cadence line: step rate against speed while running, where a
 * cadence is recorded (src/estimate/runner-model.ts):
 *
 *   cadenceSpm ≈ cadenceAtRefSpm + cadenceSlopeSpmPerMps · (speedMps − refSpeedMps)
 *
 * Fitted on one-minute blocks on the flat (stretches.ts): each block's median
 * speed reading and median step rate. A minute's median keeps a multipath
 * spike and a stride's quantisation (FIT stores whole strides: steps come in
 * twos) out; grade is left out because a climb shortens the stride at the
 * same step rate, which is not the relation the estimator reads on the flat.
 * Theil–Sen for a start, then Huber (robust.ts): a block where the footpod
 * dropped out or the runner walked a few steps gets a bounded pull.
 */
import { huberRegression, theilSen } from './robust.ts';
import { quantile, robustSd } from './stats.ts';

/** Fewer blocks with a cadence than this (10 min): no line. */
export const CADENCE_MIN_BLOCKS = 10;
/**
 * The blocks must span this much speed (5th to 95th percentile: most minutes are easy running, a tempo's are the few that give the slope): over a
 * narrower range a slope of 9 steps a minute per m/s moves cadence by less
 * than a step, which the recording's stride quantisation hides.
 */
export const CADENCE_MIN_SPEED_SPREAD_MPS = 0.3;
/** Block pairs closer in speed than this say nothing about a slope (Theil–Sen start). */
const THEIL_SEN_MIN_DX_MPS = 0.1;
/** Huber's constant in residual scales, as the curve's (curve.ts: CURVE_HUBER_K): a smaller one down-weights exactly the noisy blocks the correction counts in full. */
const CADENCE_HUBER_K = 2;
/** Minutes further off the first line than this many residual scales are left out of the second. */
const TRIM_SCALES = 4;
/** Cadence comes in whole steps (two a stride): a residual scale below this is quantisation. */
const MIN_SCALE_SPM = 1;

/** One minute of running on the flat with a recorded cadence. */
export interface CadenceBlock {
  readonly speedMps: number;
  /** Noise of speedMps (the run's minute-to-minute noise, stretches.ts): the slope is corrected for it. */
  readonly speedSeMps: number;
  readonly cadenceSpm: number;
}

export interface CadenceLine {
  readonly refSpeedMps: number;
  readonly cadenceAtRefSpm: number;
  readonly slopeSpmPerMps: number;
  /** Robust SD of the blocks about the line. */
  readonly residualSdSpm: number;
  readonly blockCount: number;
}

export type CadenceFit = { readonly ok: true; readonly line: CadenceLine } | { readonly ok: false; readonly why: string };

/** Fits the line through the blocks, anchored at `refSpeedMps` (the easy speed). */
export function fitCadence(blocks: readonly CadenceBlock[], refSpeedMps: number): CadenceFit {
  if (blocks.length < CADENCE_MIN_BLOCKS) {
    return { ok: false, why: `${blocks.length} minutes of running with a cadence, fewer than the ${CADENCE_MIN_BLOCKS} a cadence line needs` };
  }
  const speeds = blocks.map((b) => b.speedMps - refSpeedMps);
  const cadences = blocks.map((b) => b.cadenceSpm);
  const spread = (quantile(speeds, 0.95) ?? 0) - (quantile(speeds, 0.05) ?? 0);
  if (spread < CADENCE_MIN_SPEED_SPREAD_MPS) {
    return { ok: false, why: `the minutes with a cadence are all at about one pace (${spread.toFixed(2)} m/s apart, ${CADENCE_MIN_SPEED_SPREAD_MPS} needed)` };
  }
  const start = theilSen(speeds, cadences, THEIL_SEN_MIN_DX_MPS);
  if (start === undefined) return { ok: false, why: 'no two minutes differ enough in pace to fit a cadence slope' };
  const ones = blocks.map(() => 1);
  // Noise in each minute's speed flattens a least-squares slope (regression dilution); the fit subtracts it from the normal equations (robust.ts).
  const speedVariances = blocks.map((b) => b.speedSeMps ** 2);
  const options = { k: CADENCE_HUBER_K, minScale: MIN_SCALE_SPM };
  const first = huberRegression([ones, speeds], cadences, [start.intercept, start.slope], { ...options, errorVariances: [undefined, speedVariances] });
  if (first === undefined) return { ok: false, why: 'the minutes with a cadence do not determine a line' };
  // Huber bounds a wild minute's pull but does not remove it; minutes far off the line (a footpod that dropped out, strides) are left out, and the line refitted.
  const keep = first.residuals.map((r) => Math.abs(r) <= TRIM_SCALES * first.scale);
  const pick = <T>(values: readonly T[]): T[] => values.filter((_, i) => keep[i] === true);
  const fit =
    huberRegression([pick(ones), pick(speeds)], pick(cadences), first.coefficients, { ...options, errorVariances: [undefined, pick(speedVariances)] }) ?? first;
  const [cadenceAtRefSpm, slopeSpmPerMps] = fit.coefficients as [number, number];
  return {
    ok: true,
    line: { refSpeedMps, cadenceAtRefSpm, slopeSpmPerMps, residualSdSpm: robustSd(fit.residuals) ?? 0, blockCount: blocks.length },
  };
}
