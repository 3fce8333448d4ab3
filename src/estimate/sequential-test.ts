/**
 * One CUSUM per ceiling on the estimate, designed between two hypotheses in
 * the runner's units: a null `clearlyUnder` below the ceiling (easy running,
 * must stay quiet) and an alternative `clearlyOver` past it (an overshoot to
 * catch quickly). Each step adds, for the step's seconds, the estimate's
 * excess over the midpoint, standardised by the estimate's spread:
 *
 *   evidence ← min(cap, max(0, evidence + min(z, Z_CAP) · dt)),
 *   z = (excess − (clearlyOver − clearlyUnder) / 2) / sd,   sd = √(posterior variance + resolution²)
 *
 * At the null, z drifts down by k = (clearlyOver + clearlyUnder) / (2 · sd);
 * at the alternative, up by as much. The threshold comes from a false-alarm
 * rate: at the null the estimate's error stays correlated for τ
 * (EVIDENCE_CORRELATION_SEC), so the integral of z wanders like a Brownian
 * motion of variance 2τ per second, and the CUSUM's average run length to a
 * false alarm is (Siegmund's approximation, drift −k, variance σ² = 2τ)
 *
 *   ARL(h) = σ² / (2k²) · (exp(2kh/σ²) − 1 − 2kh/σ²)
 *
 * The threshold is the h whose ARL, with sd at the resolution, is one hour
 * over the rate.
 */

/**
 * How long the estimate's error stays correlated, s: a second of evidence is
 * not an independent draw. A constant, not a setting: the filter's memory at
 * 1 Hz (a setting until #19's settings were cut to fewer; 2 s was its default).
 */
export const EVIDENCE_CORRELATION_SEC = 2;

/** No single standardised excess counts for more than this (a spike in the estimate is not an overshoot). */
export const Z_CAP = 3;

/** How far the evidence may build above its threshold, as a share of it: an overshoot that ends is let go soon. */
export const EVIDENCE_CAP_SHARE = 1.5;

export interface CusumDesign {
  /** Excess over the ceiling the test is centred on (midpoint of null and alternative), in the test's unit. */
  readonly midpoint: number;
  /** Least spread the excess is standardised by. */
  readonly resolution: number;
  /** Evidence at which the ceiling is called crossed, z·s. */
  readonly threshold: number;
  /** No single standardised excess counts for more than this, z: Z_CAP (simulator/bench/model-bounds.ts tries others). */
  readonly zCap: number;
}

/** Average run length (s) of a CUSUM with allowance k (z units) and threshold h (z·s) on a process of variance 2τ per second. */
export function averageRunLengthSec(allowanceZ: number, thresholdZS: number, correlationSec: number): number {
  const variance = 2 * correlationSec;
  const a = (2 * allowanceZ * thresholdZS) / variance;
  return (variance / (2 * allowanceZ * allowanceZ)) * (Math.exp(a) - 1 - a);
}

/** The threshold (z·s) whose average run length at the null is 3600 / falseAlarmsPerHour seconds. */
export function thresholdForFalseAlarmRate(allowanceZ: number, falseAlarmsPerHour: number, correlationSec: number): number {
  const targetSec = 3600 / falseAlarmsPerHour;
  let lo = 0;
  let hi = 1;
  while (averageRunLengthSec(allowanceZ, hi, correlationSec) < targetSec) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (averageRunLengthSec(allowanceZ, mid, correlationSec) < targetSec) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The test between a null clearlyUnder below the ceiling and an alternative clearlyOver past it. */
export function designCusum(
  clearlyOver: number,
  clearlyUnder: number,
  resolution: number,
  falseAlarmsPerHour: number,
  correlationSec: number,
): CusumDesign {
  const allowanceZ = (clearlyOver + clearlyUnder) / (2 * resolution);
  return {
    midpoint: (clearlyOver - clearlyUnder) / 2,
    resolution,
    threshold: thresholdForFalseAlarmRate(allowanceZ, falseAlarmsPerHour, correlationSec),
    zCap: Z_CAP,
  };
}

/** One CUSUM step: `excess` is estimate − ceiling (positive: over), `varianceOfEstimate` its posterior variance, both in the design's unit. */
export function cusumStep(evidence: number, excess: number, varianceOfEstimate: number, design: CusumDesign, dtSec: number): number {
  const sd = Math.sqrt(varianceOfEstimate + design.resolution * design.resolution);
  const z = Math.min((excess - design.midpoint) / sd, design.zCap);
  return Math.min(Math.max(0, evidence + z * dtSec), EVIDENCE_CAP_SHARE * design.threshold);
}
