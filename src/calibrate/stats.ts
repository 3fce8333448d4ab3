/**
 * Small robust statistics for calibration: medians, quantiles, the median
 * absolute deviation, and a seeded generator for the bootstrap. Pure, no
 * clock, no `Math.random`: the same history gives the same profile.
 */
import { mulberry32, type Random } from '../random/mulberry32.ts';

/**
 * MAD × this estimates the standard deviation of normally distributed data
 * (1 / Φ⁻¹(3/4)); applied to residuals it gives a spread that a few
 * artefacts cannot inflate.
 */
export const MAD_TO_SD = 1.4826;

/** Sorted copy, ascending (a typed array: its numeric sort is native, with no comparator calls). */
export function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The `q` quantile (0 ≤ q ≤ 1) of values already sorted ascending, linearly
 * interpolated between order statistics (type 7, R's and NumPy's default).
 * Undefined for no values.
 */
export function quantileSorted(ascending: ArrayLike<number>, q: number): number | undefined {
  const n = ascending.length;
  if (n === 0) return undefined;
  const at = Math.min(1, Math.max(0, q)) * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  const a = ascending[lo] as number;
  const b = ascending[hi] as number;
  return a + (b - a) * (at - lo);
}

export function quantile(values: readonly number[], q: number): number | undefined {
  return quantileSorted(sorted(values), q);
}

export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (unscaled). */
export function mad(values: readonly number[]): number | undefined {
  const centre = median(values);
  if (centre === undefined) return undefined;
  return median(values.map((v) => Math.abs(v - centre)));
}

/** A standard deviation estimated from the MAD: robust to up to half the values being wild. */
export function robustSd(values: readonly number[]): number | undefined {
  const spread = mad(values);
  return spread === undefined ? undefined : MAD_TO_SD * spread;
}

export type { Random };
/** The seeded generator every bootstrap uses (mulberry32). */
export { mulberry32 as seededRandom };

/** `count` indices drawn uniformly with replacement from [0, n). */
export function resampleIndices(random: Random, n: number, count = n): number[] {
  return Array.from({ length: count }, () => Math.floor(random() * n));
}
