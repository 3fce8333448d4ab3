/**
 * Is a guard worse than today's guard on a family, by more than noise?
 * Issue #19 asks that no family be worse on false alarms or p90 delay "by
 * more than noise", and to say which noise. Here:
 *
 * - false alarms: the two counts on the same runs (so the same clean hours)
 *   are Poisson; the guard is worse when its count exceeds the reference's
 *   by more than NOISE_SDS standard deviations of their difference,
 *   √(n_ref + n_guard);
 * - p90 delay: each p90's standard error is bootstrapped over the family's
 *   delays (BOOTSTRAP_RESAMPLES resamples, seeded: the same figures every
 *   run); the guard is worse when its p90 exceeds the reference's by more
 *   than NOISE_SDS times √(se_ref² + se_guard²). With fewer than
 *   MIN_DELAYS_FOR_P90 delays on either side there is no spread to measure:
 *   the p90s are not compared (`p90Judged` false).
 *
 * Pure; table-tested.
 */
import { quantile, resampleIndices, seededRandom } from '../../src/calibrate/stats.ts';
import type { Score } from './score.ts';

export const NOISE_SDS = 2;
export const BOOTSTRAP_RESAMPLES = 400;
/** A p90 over fewer delays than this has no spread to bootstrap. */
export const MIN_DELAYS_FOR_P90 = 3;
/** Fixed, so the verdicts are the same on every machine. */
const BOOTSTRAP_SEED = 19;

/** Bootstrap standard error of the 90th percentile of `delaysSec`; 0 with fewer than two. */
export function p90StandardErrorSec(delaysSec: readonly number[]): number {
  if (delaysSec.length < 2) return 0;
  const random = seededRandom(BOOTSTRAP_SEED);
  const p90s = Array.from({ length: BOOTSTRAP_RESAMPLES }, () => {
    const sample = resampleIndices(random, delaysSec.length).map((i) => delaysSec[i] ?? 0);
    return quantile(sample, 0.9) ?? 0;
  });
  const mean = p90s.reduce((a, b) => a + b, 0) / p90s.length;
  return Math.sqrt(p90s.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (p90s.length - 1));
}

export interface Comparison {
  readonly worseOnFalseAlarms: boolean;
  readonly worseOnP90: boolean;
  /** Both sides had MIN_DELAYS_FOR_P90 delays or more. */
  readonly p90Judged: boolean;
}

export function compareWithReference(reference: Score, guard: Score): Comparison {
  const faNoise = NOISE_SDS * Math.sqrt(reference.falseAlarms + guard.falseAlarms);
  const worseOnFalseAlarms = guard.falseAlarms - reference.falseAlarms > faNoise;
  // A guard that detects little has a p90 of little: that is a recall matter, shown elsewhere.
  const p90Judged = reference.delaysSec.length >= MIN_DELAYS_FOR_P90 && guard.delaysSec.length >= MIN_DELAYS_FOR_P90;
  if (!p90Judged) return { worseOnFalseAlarms, worseOnP90: false, p90Judged };
  const p90Noise =
    NOISE_SDS * Math.hypot(p90StandardErrorSec(reference.delaysSec), p90StandardErrorSec(guard.delaysSec));
  return { worseOnFalseAlarms, worseOnP90: guard.p90DelaySec - reference.p90DelaySec > p90Noise, p90Judged };
}
